// The visualisations this build can actually open. Content may name others that are not built yet;
// links to those are hidden rather than leading to an empty panel. Pure: the webview imports it too.
import type { VisualisationId } from '../../content/visualisationIds';

export interface VisualisationInfo {
  id: VisualisationId;
  title: string;
  description: string;
}

export const VISUALISATIONS: readonly VisualisationInfo[] = [
  {
    id: 'activation-functions',
    title: 'Activation functions',
    description: 'ReLU, leaky ReLU, sigmoid, tanh and GELU with their derivatives and saturating regions',
  },
  {
    id: 'gradient-descent',
    title: 'Gradient descent, momentum and Adam',
    description: 'Side by side on a 2-D loss surface; push the learning rate until it diverges',
  },
  {
    id: 'dropout',
    title: 'Dropout',
    description: 'A new mask every training step, inverted-dropout scaling, train vs eval',
  },
  {
    id: 'convolution',
    title: 'Convolution and pooling',
    description: 'An editable kernel with presets, stride, padding and the output-size formula',
  },
  {
    id: 'vanishing-gradients',
    title: 'Vanishing and exploding gradients',
    description: 'Gradient norm per layer across depth for different activations and initialisations',
  },
  {
    id: 'normalisation',
    title: 'Batch norm vs layer norm',
    description: 'Which axis of a small tensor each one normalises, with the batch size changeable',
  },
  {
    id: 'lstm-gates',
    title: 'LSTM gates',
    description: 'Forget, input and output gates step by step on a toy sequence',
  },
  {
    id: 'softmax-temperature',
    title: 'Softmax temperature and cross-entropy',
    description: 'How temperature sharpens or flattens probabilities, and the loss for a chosen label',
  },
  {
    id: 'weight-initialisation',
    title: 'Weight initialisation',
    description: 'Histograms of activations per layer for Xavier, He and badly scaled weights',
  },
  {
    id: 'early-stopping',
    title: 'Overfitting and early stopping',
    description: 'Training vs validation loss, patience, and the epoch whose weights are kept',
  },
  {
    id: 'residual-connections',
    title: 'Residual connections',
    description: 'The gradient reaching each layer of a deep stack, with and without skip connections',
  },
  {
    id: 'attention',
    title: 'Scaled dot-product attention',
    description: 'Query-key scores, softmax weights per query, the causal mask and a temperature on a toy sentence',
  },
];

const AVAILABLE = new Set<string>(VISUALISATIONS.map((v) => v.id));

export function isVisualisationAvailable(visualisationId: string): boolean {
  return AVAILABLE.has(visualisationId);
}

export function visualisationInfo(visualisationId: string): VisualisationInfo | undefined {
  return VISUALISATIONS.find((v) => v.id === visualisationId);
}
