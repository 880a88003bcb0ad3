// Class labels divided by 255 like the pixels of the images they label.
import type { Token } from '../../scanner/tokenizer';
import type { FileFacts } from '../facts';
import type { Finding, QuickFix } from '../findings';
import { kerasCompilations } from '../kerasCompile';

const LABEL_NAME = /^([yY]([_A-Z]\w*|train|test|val\w*)?|(train|test|val|valid|validation)_?([yY]|labels?|targets?)|(labels?|targets?)(_(train|test|val\w*))?)$/;
const PIXEL_SCALE = /^255(\.0*)?$|^255\.$/;
const CLASSIFICATION = /(^|\.)(to_categorical|one_hot|CrossEntropyLoss|cross_entropy|SparseCategoricalCrossentropy|CategoricalCrossentropy)$/;

export function checkLabelScaling(facts: FileFacts): Finding[] {
  const losses = kerasCompilations(facts).map((compilation) => compilation.loss?.kind);
  // Masks and reconstructions are images too, and are scaled on purpose; class labels belong to a classification loss.
  const classifies = losses.some((kind) => kind === 'categorical' || kind === 'sparse-categorical') || facts.calls.some((call) => CLASSIFICATION.test(facts.canonical(call) ?? call.callee));
  if (!classifies || losses.includes('binary')) return [];
  const findings: Finding[] = [];
  for (const statement of facts.statements) {
    const { tokens } = statement;
    const target = tokens[0];
    if (!target || target.kind !== 'name' || !LABEL_NAME.test(target.text) || tokens[0]!.depth !== 0) continue;
    const divides = tokens[1]?.text === '/=' && tokens.length === 3 && PIXEL_SCALE.test(tokens[2]!.text);
    const slash = tokens.length - 2;
    const scaled = tokens[1]?.text === '=' && tokens.length > 4 && tokens[slash]!.text === '/' && tokens[slash]!.depth === 0 && PIXEL_SCALE.test(tokens[tokens.length - 1]!.text);
    if (!divides && !scaled) continue;
    findings.push({
      check: 'labelsScaledLikeInputs',
      severity: 'warning',
      range: rangeOf(tokens[0]!, tokens[tokens.length - 1]!),
      message:
        `${target.text} holds class labels, but it is divided by 255 like image pixels: the classes 0, 1, 2 ... become 0, 0.004, 0.008 ..., ` +
        'which are no longer valid class indices or one-hot vectors, so the loss compares the predictions with the wrong targets. Scale the inputs only.',
      conceptId: 'data-normalisation',
      fixes: fixesFor(facts, tokens, divides, slash),
    });
  }
  return findings;
}

function fixesFor(facts: FileFacts, tokens: readonly Token[], divides: boolean, slash: number): QuickFix[] {
  const title = 'Leave the labels unscaled';
  if (!divides) {
    const before = tokens[slash - 1]!;
    const last = tokens[tokens.length - 1]!;
    return [{ title, edits: [{ range: { startLine: before.line, startColumn: before.column + before.text.length, endLine: last.line, endColumn: last.column + last.text.length }, newText: '' }], preferred: true }];
  }
  const range = rangeOf(tokens[0]!, tokens[tokens.length - 1]!);
  return facts.text.occupiesWholeLines(range) ? [{ title, edits: [{ range: facts.text.wholeLines(range.startLine, range.endLine), newText: '' }], preferred: true }] : [];
}

function rangeOf(first: Token, last: Token) {
  return { startLine: first.line, startColumn: first.column, endLine: last.line, endColumn: last.column + last.text.length };
}
