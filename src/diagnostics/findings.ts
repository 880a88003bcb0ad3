// What a mistake check reports. Pure data, turned into vscode Diagnostics by the editor adapter.
import type { SourceRange } from '../scanner/scanner';

export const CHECK_IDS = [
  'softmaxBeforeCrossEntropy',
  'sigmoidBeforeBCEWithLogits',
  'fromLogitsMismatch',
  'missingZeroGrad',
  'evaluationWithoutEvalMode',
  'constantWeightInit',
  'extremeDropout',
  'deprecatedKeepProb',
  'implausibleLearningRate',
  'clippingOutOfOrder',
  'functionalDropoutAlwaysOn',
  'nllLossWithoutLogSoftmax',
  'softmaxSingleUnit',
  'outputLossMismatch',
  'regressionLossOnClassifier',
  'labelsScaledLikeInputs',
  'unscaledTestInputs',
  'batchNormPositionalEps',
  'kerasRemovedOptimizerArgs',
  'consecutiveActivations',
  'linearLayersWithoutActivation',
  'biasBeforeBatchNorm',
  'dropoutBeforeBatchNorm',
  'evalModeNeverReset',
  'forwardCalledDirectly',
  'torchLoadWithoutWeightsOnly',
  'unstableLogExp',
  'deprecatedTorchRange',
  'requiresGradMisspelt',
  'deprecatedLossReduction',
  'torchvisionPretrained',
  'deprecatedCudaAmp',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface TextEdit {
  range: SourceRange;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** Preferred fixes are applied by "Fix all" and shown first; only for fixes with one right answer. */
  preferred: boolean;
}

export interface Finding {
  check: CheckId;
  severity: 'warning' | 'information';
  range: SourceRange;
  message: string;
  /** The concept the message is about, for the "Explain" action. */
  conceptId: string;
  fixes: QuickFix[];
}
