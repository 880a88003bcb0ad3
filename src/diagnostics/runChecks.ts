// Runs every enabled mistake check over one scanned file, within a time budget; a check that throws
// is reported and skipped, never allowed to take the others down.
import type { ScanResult } from '../scanner/scanner';
import { describeError } from '../errorText';
import { Deadline, type WorkLimit, type WorkOptions } from '../scanner/workLimits';
import { checkActivationBeforeLoss } from './checks/activationBeforeLoss';
import { checkArgumentValues } from './checks/argumentValues';
import { checkDeprecatedApis } from './checks/deprecatedApis';
import { checkEvalModeNeverReset, checkEvaluationMode, checkFunctionalDropout } from './checks/evaluationMode';
import { checkFromLogits } from './checks/fromLogits';
import { checkConstantWeightInit } from './checks/initialisation';
import { checkLabelScaling, checkUnscaledTestInputs } from './checks/preprocessing';
import { checkLayerOrder } from './checks/layerOrder';
import {
  checkOutputLossMismatch,
  checkRegressionLossOnClassifier,
  checkSoftmaxSingleUnit,
} from './checks/modelOutputs';
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

export interface CheckOptions extends WorkOptions {
  /** Told when the run is cut short: the budget ran out, or a check threw. */
  onLimit?: (limit: WorkLimit) => void;
}

export function runChecks(
  source: string,
  scan: ScanResult,
  paramsFor: ParamsLookup,
  enabled: (check: CheckId) => boolean = () => true,
  options: CheckOptions = {},
): Finding[] {
  const deadline = new Deadline(options);
  const facts = new FileFacts(source, scan, paramsFor);
  const findings: Finding[] = [];
  for (const [done, check] of CHECKS.entries()) {
    if (deadline.passed()) {
      options.onLimit?.({
        kind: 'time',
        line: -1,
        message: `checks stopped after the time budget of ${options.timeBudgetMs} ms: ${done} of ${CHECKS.length} ran, the rest were skipped`,
      });
      break;
    }
    try {
      for (const finding of check(facts)) if (enabled(finding.check)) findings.push(finding);
    } catch (error) {
      options.onLimit?.({
        kind: 'error',
        line: -1,
        message: `a check failed and was skipped: ${describeError(error)}`,
      });
    }
  }
  return findings.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}
