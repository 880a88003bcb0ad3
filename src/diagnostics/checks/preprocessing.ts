// Preprocessing that differs where it must not: class labels divided by 255 like the pixels of the images they
// label, and training inputs scaled while the test inputs are not.
import type { Statement } from '../../scanner/statements';
import type { Token } from '../../scanner/tokenizer';
import type { FileFacts } from '../facts';
import type { Finding, QuickFix } from '../findings';
import { kerasCompilations } from '../kerasCompile';
import { startOfLine, statementRange, tokenRange } from '../sourceText';

const LABEL_NAME =
  /^([yY]([_A-Z]\w*|train|test|val\w*)?|(train|test|val|valid|validation)_?([yY]|labels?|targets?)|(labels?|targets?)(_(train|test|val\w*))?)$/;
const PIXEL_SCALE = /^255(\.0*)?$|^255\.$/;
const CLASSIFICATION =
  /(^|\.)(to_categorical|one_hot|CrossEntropyLoss|cross_entropy|SparseCategoricalCrossentropy|CategoricalCrossentropy)$/;

export function checkLabelScaling(facts: FileFacts): Finding[] {
  const losses = kerasCompilations(facts).map((compilation) => compilation.loss?.kind);
  // Masks and reconstructions are images too, and are scaled on purpose; class labels belong to a classification loss.
  const classifies =
    losses.some((kind) => kind === 'categorical' || kind === 'sparse-categorical') ||
    facts.calls.some((call) => CLASSIFICATION.test(facts.canonical(call) ?? call.callee));
  if (!classifies || losses.includes('binary')) return [];
  const findings: Finding[] = [];
  for (const statement of facts.statements) {
    const { tokens } = statement;
    const target = tokens[0];
    if (!target || target.kind !== 'name' || !LABEL_NAME.test(target.text)) continue;
    const divides = tokens[1]?.text === '/=' && tokens.length === 3 && PIXEL_SCALE.test(tokens[2]!.text);
    const slash = tokens.length - 2;
    const scaled =
      tokens[1]?.text === '=' &&
      tokens.length > 4 &&
      tokens[slash]!.text === '/' &&
      tokens[slash]!.depth === 0 &&
      PIXEL_SCALE.test(tokens[tokens.length - 1]!.text);
    if (!divides && !scaled) continue;
    findings.push({
      check: 'labelsScaledLikeInputs',
      severity: 'warning',
      range: statementRange(statement),
      message:
        `${target.text} holds class labels, but it is divided by 255 like image pixels: the classes 0, 1, 2 ... become 0, 0.004, 0.008 ..., ` +
        'which are no longer valid class indices or one-hot vectors, so the loss compares the predictions with the wrong targets. Scale the inputs only.',
      conceptId: 'data-normalisation',
      fixes: fixesFor(facts, statement, divides, slash),
    });
  }
  return findings;
}

function fixesFor(facts: FileFacts, statement: Statement, divides: boolean, slash: number): QuickFix[] {
  const title = 'Leave the labels unscaled';
  const range = statementRange(statement);
  if (!divides) {
    // ` / 255.0`: from the end of the divided value to the end of the statement.
    const divided = tokenRange(statement.tokens[slash - 1]!, statement.tokens[slash - 1]!);
    const removed = { ...range, startLine: divided.endLine, startColumn: divided.endColumn };
    return [{ title, edits: [{ range: removed, newText: '' }], preferred: true }];
  }
  return facts.text.occupiesWholeLines(range)
    ? [
        {
          title,
          edits: [{ range: facts.text.wholeLines(range.startLine, range.endLine), newText: '' }],
          preferred: true,
        },
      ]
    : [];
}

/** Inputs of the training split (`x_train`, `X_train`, `train_images`, `trainX`), which have a test counterpart. */
const TRAIN_NAME = /train/i;
const EVALUATES = /\.(predict|evaluate|predict_classes|predict_proba)$/;

/**
 * `x_train = x_train / 255` while `x_test` is passed to `model.predict(x_test)` or `model.evaluate(x_test, ...)`
 * without ever being assigned again: the model meets inputs on another scale than it was trained on.
 */
export function checkUnscaledTestInputs(facts: FileFacts): Finding[] {
  const scaledAt = new Map<string, Statement>();
  const assignedAt = new Map<string, number[]>();
  for (const statement of facts.statements) {
    const [target, operator] = statement.tokens;
    if (target?.kind !== 'name' || !/^(=|\/=|\*=|-=)$/.test(operator?.text ?? '')) continue;
    const list = assignedAt.get(target.text) ?? [];
    list.push(statement.index);
    assignedAt.set(target.text, list);
    if (
      TRAIN_NAME.test(target.text) &&
      !LABEL_NAME.test(target.text) &&
      scalesByNumber(statement.tokens) &&
      !scaledAt.has(target.text)
    )
      scaledAt.set(target.text, statement);
  }
  const findings: Finding[] = [];
  for (const [train, statement] of scaledAt) {
    for (const test of [train.replace(/train/, 'test').replace(/Train/, 'Test').replace(/TRAIN/, 'TEST')]) {
      const reassigned = (assignedAt.get(test) ?? []).some((index) => index > statement.index);
      const evaluated = facts.calls.find(
        (call) =>
          call.statementIndex > statement.index && EVALUATES.test(call.callee) && call.args.positional[0] === test,
      );
      if (reassigned || !evaluated) continue;
      const range = statementRange(statement);
      const text = facts.text.statement(statement);
      const copy = text.split(train).join(test);
      const fixes: QuickFix[] =
        facts.text.occupiesWholeLines(range) && !text.includes('\n')
          ? [
              {
                title: `Scale ${test} the same way`,
                edits: [
                  {
                    range: startOfLine(range.endLine + 1),
                    newText: `${facts.text.indentation(range.startLine)}${copy}${facts.text.lineBreak}`,
                  },
                ],
                preferred: true,
              },
            ]
          : [];
      findings.push({
        check: 'unscaledTestInputs',
        severity: 'warning',
        range: evaluated.argumentRanges.positional[0]!,
        message:
          `${train} is scaled on line ${range.startLine + 1}, but ${test} reaches ${evaluated.callee}() unscaled, so the model sees test inputs on another scale ` +
          '(255 times larger for pixels) than everything it learned from, and its predictions and scores on them mean little. Preprocess both splits the same way.',
        conceptId: 'data-normalisation',
        fixes,
      });
    }
  }
  return findings;
}

/** `x = x / 255`, `x /= 255.0`, `x = x.astype("float32") / 255`: a division by a number at the end of the statement. */
function scalesByNumber(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1]!;
  const before = tokens[tokens.length - 2];
  return (
    last.kind === 'number' &&
    (before?.text === '/' || (tokens[1]!.text === '/=' && tokens.length === 3)) &&
    (before?.depth ?? 0) === 0
  );
}
