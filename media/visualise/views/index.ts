// Which mount function draws which visualisation id.
import type { VisualisationId } from '../../../src/content/visualisationIds';
import type { ViewHost } from '../host';
import { mountActivationFunctions } from './activationFunctions';
import { mountAttention } from './attention';
import { mountConvolution } from './convolution';
import { mountDropout } from './dropout';
import { mountEarlyStopping } from './earlyStopping';
import { mountGradientDescent } from './gradientDescent';
import { mountLstmGates } from './lstmGates';
import { mountNormalisation } from './normalisation';
import { mountResidualConnections } from './residualConnections';
import { mountSoftmaxTemperature } from './softmaxTemperature';
import { mountVanishingGradients } from './vanishingGradients';
import { mountWeightInitialisation } from './weightInitialisation';

export const VIEWS: Record<VisualisationId, (host: ViewHost) => void> = {
  'activation-functions': mountActivationFunctions,
  'gradient-descent': mountGradientDescent,
  dropout: mountDropout,
  convolution: mountConvolution,
  'vanishing-gradients': mountVanishingGradients,
  normalisation: mountNormalisation,
  'lstm-gates': mountLstmGates,
  'softmax-temperature': mountSoftmaxTemperature,
  'weight-initialisation': mountWeightInitialisation,
  'early-stopping': mountEarlyStopping,
  attention: mountAttention,
  'residual-connections': mountResidualConnections,
};
