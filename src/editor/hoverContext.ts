// What the rest of a file says about a call, so that hover notes do not second-guess correct code:
// the activation of the Keras model outputs (a sigmoid output needs no from_logits advice) and the
// hyperparameters that optimiser param groups set themselves (no "weight_decay (default 0.01)" then).
// Pure: works on the source text and its scan.
import type { ParamsLookup } from '../diagnostics/facts';
import { FileFacts } from '../diagnostics/facts';
import { kerasOutputs } from '../diagnostics/kerasOutputs';
import type { ScanResult } from '../scanner/scanner';

export interface HoverContext {
  /** Activations of the Keras model outputs found in the file ('sigmoid', 'softmax', 'linear'). */
  outputActivations(): readonly string[];
  /** Keys of param-group dicts (`{'params': ..., 'weight_decay': 0.1}`) anywhere in the file. */
  paramGroupKeys: ReadonlySet<string>;
}

export const EMPTY_HOVER_CONTEXT: HoverContext = { outputActivations: () => [], paramGroupKeys: new Set() };

export function hoverContextOf(source: string, scan: ScanResult, paramsFor: ParamsLookup): HoverContext {
  // Finding the model outputs takes seconds on a 10,000-line file, so only losses that need it pay, once.
  let activations: readonly string[] | undefined;
  const outputActivations = (): readonly string[] =>
    (activations ??= kerasOutputs(new FileFacts(source, scan, paramsFor)).flatMap((output) =>
      output.activation ? [output.activation] : [],
    ));
  return { outputActivations, paramGroupKeys: paramGroupKeys(source) };
}

/** The quoted keys of every dict literal that also has a 'params' key. */
function paramGroupKeys(source: string): Set<string> {
  const keys = new Set<string>();
  for (const dict of source.match(/\{[^{}]*['"]params['"]\s*:[^{}]*\}/g) ?? []) {
    for (const key of dict.matchAll(/['"](\w+)['"]\s*:/g)) keys.add(key[1]!);
  }
  return keys;
}

/** True when an optimiser's first argument may be param groups rather than `model.parameters()`. */
export function mayBeParamGroups(firstArgument: string | undefined): boolean {
  if (firstArgument === undefined) return false;
  return !/\.(?:named_)?parameters\(\s*\)$/.test(firstArgument.trim());
}
