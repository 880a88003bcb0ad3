// The interactive visualisations a concept may point to with `visualisation:`.
// Content validation rejects any other id, so a link can never lead nowhere.
export const VISUALISATION_IDS = [
  'activation-functions',
  'gradient-descent',
  'dropout',
  'convolution',
  'vanishing-gradients',
  'normalisation',
  'lstm-gates',
  'softmax-temperature',
  'weight-initialisation',
  'early-stopping',
  'attention',
  'residual-connections',
] as const;

export type VisualisationId = (typeof VISUALISATION_IDS)[number];

export function isVisualisationId(id: string): id is VisualisationId {
  return (VISUALISATION_IDS as readonly string[]).includes(id);
}
