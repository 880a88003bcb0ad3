// Runs the mistake checks on source text as the editor does, and applies their fixes as an editor would.
import { expect } from 'vitest';
import type { Param } from '../../src/content/schema';
import type { ParamsLookup } from '../../src/diagnostics/facts';
import type { CheckId, Finding, TextEdit } from '../../src/diagnostics/findings';
import { runChecks } from '../../src/diagnostics/runChecks';
import { scanPython, type SymbolCatalogue } from '../../src/scanner/scanner';

// The checks read calls by resolved symbol; only argument meanings come from content, given here explicitly.
export const NO_CONCEPTS: SymbolCatalogue = { conceptFor: () => undefined, hasPrefix: () => false };
const PARAMS: Record<string, Param[]> = {
  'torch.nn.Dropout': [
    { name: 'p', position: 0, kind: 'drop-probability', default: '0.5', meaning: 'drop probability' },
  ],
  'keras.layers.Dropout': [{ name: 'rate', position: 0, kind: 'drop-probability', meaning: 'drop probability' }],
  'tensorflow.nn.dropout': [
    { name: 'rate', position: 1, kind: 'drop-probability', meaning: 'drop probability' },
    { name: 'keep_prob', kind: 'keep-probability', meaning: 'keep probability (TF1)' },
  ],
  'torch.optim.Adam': [{ name: 'lr', position: 1, kind: 'learning-rate', default: '0.001', meaning: 'step size' }],
  'torch.optim.SGD': [{ name: 'lr', position: 1, kind: 'learning-rate', default: '0.001', meaning: 'step size' }],
  'torch.optim.Adadelta': [{ name: 'lr', position: 1, kind: 'learning-rate', default: '1.0', meaning: 'step scale' }],
  'torch.optim.Adagrad': [{ name: 'lr', position: 1, kind: 'learning-rate', default: '0.01', meaning: 'step size' }],
  'keras.optimizers.Adam': [
    { name: 'learning_rate', position: 0, kind: 'learning-rate', default: '0.001', meaning: 'step size' },
  ],
  'keras.optimizers.SGD': [
    { name: 'learning_rate', position: 0, kind: 'learning-rate', default: '0.01', meaning: 'step size' },
  ],
};
export const paramsFor: ParamsLookup = (symbol) => PARAMS[symbol];

export function check(source: string): Finding[] {
  return runChecks(source, scanPython(source, NO_CONCEPTS), paramsFor);
}

export function checksIn(source: string): CheckId[] {
  return check(source).map((finding) => finding.check);
}

/** Applies edits to the text the way an editor applies a workspace edit: all ranges refer to the original text. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const lines = source.split('\n');
  const offset = (line: number, column: number) =>
    lines.slice(0, line).reduce((sum, text) => sum + text.length + 1, 0) + column;
  const sorted = [...edits].sort(
    (a, b) => offset(b.range.startLine, b.range.startColumn) - offset(a.range.startLine, a.range.startColumn),
  );
  let result = source;
  for (const edit of sorted) {
    const start = offset(edit.range.startLine, edit.range.startColumn);
    const end = offset(edit.range.endLine, edit.range.endColumn);
    result = result.slice(0, start) + edit.newText + result.slice(end);
  }
  return result;
}

export function fixed(source: string, checkId: CheckId, fixIndex = 0): string {
  const finding = check(source).find((f) => f.check === checkId);
  expect(finding, `expected a ${checkId} finding`).toBeDefined();
  return applyEdits(source, finding!.fixes[fixIndex]!.edits);
}
