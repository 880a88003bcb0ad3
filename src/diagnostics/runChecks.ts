// Runs every enabled mistake check over one scanned file.
import type { ScanResult } from '../scanner/scanner';
import { checkActivationBeforeLoss } from './checks/activationBeforeLoss';
import { checkArgumentValues } from './checks/argumentValues';
import { checkDeprecatedApis } from './checks/deprecatedApis';
import { checkEvalModeNeverReset, checkEvaluationMode, checkFunctionalDropout } from './checks/evaluationMode';
import { checkFromLogits } from './checks/fromLogits';
import { checkConstantWeightInit } from './checks/initialisation';
import { checkLabelScaling, checkUnscaledTestInputs } from './checks/preprocessing';
import { checkLayerOrder } from './checks/layerOrder';
import { checkOutputLossMismatch, checkRegressionLossOnClassifier, checkSoftmaxSingleUnit } from './checks/modelOutputs';
import { checkForwardCalledDirectly, checkRequiresGradMisspelt } from './checks/moduleUse';
import { checkUnstableLogExp } from './checks/numerics';
import { checkClippingOrder, checkMissingZeroGrad } from './checks/trainingLoop';
import { FileFacts, type ParamsLookup } from './facts';
import type { CheckId, Finding } from './findings';

const CHECKS: readonly ((facts: FileFacts) => Finding[])[] = [
  checkActivationBeforeLoss,
  checkFromLogits,
  checkMissingZeroGrad,
  checkEvaluationMode,
  checkEvalModeNeverReset,
  checkConstantWeightInit,
  checkArgumentValues,
  checkClippingOrder,
  checkFunctionalDropout,
  checkSoftmaxSingleUnit,
  checkOutputLossMismatch,
  checkRegressionLossOnClassifier,
  checkLabelScaling,
  checkUnscaledTestInputs,
  checkLayerOrder,
  checkDeprecatedApis,
  checkForwardCalledDirectly,
  checkRequiresGradMisspelt,
  checkUnstableLogExp,
];

export function runChecks(source: string, scan: ScanResult, paramsFor: ParamsLookup, enabled: (check: CheckId) => boolean = () => true): Finding[] {
  const facts = new FileFacts(source, scan, paramsFor);
  return CHECKS.flatMap((check) => check(facts))
    .filter((finding) => enabled(finding.check))
    .sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}
