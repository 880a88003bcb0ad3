// Softmax before a loss that applies softmax itself, sigmoid before one that applies sigmoid, and NLLLoss without
// log_softmax: in PyTorch, TensorFlow and Keras, written inline, through a variable, or through a model in the file.
import type { CallSite, SourceRange } from '../../scanner/scanner';
import { resultActivation, type ResultActivation } from '../callResults';
import type { FileFacts } from '../facts';
import type { CheckId, Finding, QuickFix } from '../findings';

/** Where a loss takes the model's output: its position and keyword. */
interface InputArgument {
  position: number;
  keyword: string;
  /** Keras losses expect probabilities unless built or called with from_logits=True. */
  needsFromLogits?: boolean;
}

interface Rule {
  check: CheckId;
  conceptId: string;
  /** Loss functions, and loss classes whose instances are called, by canonical symbol. */
  functions: ReadonlyMap<string, InputArgument>;
  classes: ReadonlyMap<string, InputArgument>;
  /** True for an activation the loss must not be given. */
  wrong: (activation: string) => boolean;
  explain: (activation: string, loss: string, found: ResultActivation) => string;
  /** An activation that changes nothing but is redundant (log_softmax before a softmax loss): Information, not Warning. */
  redundant?: (activation: string) => boolean;
  /** The preferred fix for an inline activation: the name to call instead, or undefined to pass its input. */
  replacement?: (callee: string) => string | undefined;
}

const PREDICTION: InputArgument = { position: 0, keyword: 'input' };
const TF_LOGITS: InputArgument = { position: 1, keyword: 'logits' };
const KERAS_PREDICTION: InputArgument = { position: 1, keyword: 'y_pred', needsFromLogits: true };
const OPTAX_LOGITS: InputArgument = { position: 0, keyword: 'logits' };

/** Blocks that may not run, so a value assigned inside them may not be the one the code after them sees. */
const CONDITIONAL = /^(if|elif|else|for|while|try|except|finally|match|case)$/;

const describe = (found: ResultActivation): string =>
  found.direct
    ? found.activation
    : `${found.activation} (applied by the model's \`${found.appliedBy.callee}\` on line ${found.appliedBy.range.startLine + 1})`;

const SOFTMAX_RULE: Rule = {
  check: 'softmaxBeforeCrossEntropy',
  conceptId: 'cross-entropy-loss',
  functions: new Map([
    ['torch.nn.functional.cross_entropy', PREDICTION],
    ['tensorflow.nn.softmax_cross_entropy_with_logits', TF_LOGITS],
    ['tensorflow.nn.sparse_softmax_cross_entropy_with_logits', TF_LOGITS],
    ['tensorflow.compat.v1.losses.softmax_cross_entropy', TF_LOGITS],
    ['tensorflow.compat.v1.losses.sparse_softmax_cross_entropy', TF_LOGITS],
    ['keras.losses.categorical_crossentropy', KERAS_PREDICTION],
    ['keras.losses.sparse_categorical_crossentropy', KERAS_PREDICTION],
    ['optax.softmax_cross_entropy', OPTAX_LOGITS],
    ['optax.softmax_cross_entropy_with_integer_labels', OPTAX_LOGITS],
  ]),
  classes: new Map([
    ['torch.nn.CrossEntropyLoss', PREDICTION],
    ['keras.losses.CategoricalCrossentropy', KERAS_PREDICTION],
    ['keras.losses.SparseCategoricalCrossentropy', KERAS_PREDICTION],
  ]),
  wrong: (activation) => activation === 'softmax' || activation === 'log_softmax',
  redundant: (activation) => activation === 'log_softmax',
  explain: (input, loss, found) =>
    found.activation === 'log_softmax'
      ? `${input} has been through log_softmax before ${loss}, which applies log-softmax itself. Log-softmax of log-probabilities returns them unchanged, ` +
        'so the loss and its gradients are the same, but the call is redundant work; pass the logits, or use NLLLoss if log-probabilities are what the model should output.'
      : `${input} has been through ${describe(found)} before ${loss}, which expects raw logits and applies softmax itself. ` +
        'Normalising twice squeezes the probabilities towards uniform and weakens the gradients, so training slows or stalls. Pass the logits.',
};

const SIGMOID_RULE: Rule = {
  check: 'sigmoidBeforeBCEWithLogits',
  conceptId: 'binary-cross-entropy',
  functions: new Map([
    ['torch.nn.functional.binary_cross_entropy_with_logits', PREDICTION],
    ['tensorflow.nn.sigmoid_cross_entropy_with_logits', TF_LOGITS],
    ['tensorflow.compat.v1.losses.sigmoid_cross_entropy', TF_LOGITS],
    ['keras.losses.binary_crossentropy', KERAS_PREDICTION],
    ['optax.sigmoid_binary_cross_entropy', OPTAX_LOGITS],
  ]),
  classes: new Map([
    ['torch.nn.BCEWithLogitsLoss', PREDICTION],
    ['keras.losses.BinaryCrossentropy', KERAS_PREDICTION],
  ]),
  wrong: (activation) => activation === 'sigmoid',
  explain: (input, loss, found) =>
    `${input} has been through ${describe(found)} before ${loss}, which applies the sigmoid itself. ` +
    'The loss then sees probabilities squashed twice into (0.5, 0.73) and learns badly. Pass the logits, or use a loss for probabilities (BCELoss, from_logits=False).',
};

const NLL_RULE: Rule = {
  check: 'nllLossWithoutLogSoftmax',
  conceptId: 'cross-entropy-loss',
  functions: new Map([['torch.nn.functional.nll_loss', PREDICTION]]),
  classes: new Map([['torch.nn.NLLLoss', PREDICTION]]),
  wrong: (activation) => activation !== 'log_softmax',
  explain: (input, loss, found) =>
    `${input} has been through ${describe(found)}, not log_softmax, before ${loss}. NLLLoss only picks out and negates the value at the target class, ` +
    'expecting log-probabilities: given probabilities or raw scores it is unbounded below and rewards making that one output large rather than the class likely. ' +
    'Apply log_softmax to the outputs, or use CrossEntropyLoss on the logits.',
  replacement: (callee) => (/softmax$/.test(callee) ? callee.replace(/softmax$/, 'log_softmax') : undefined),
};

export function checkActivationBeforeLoss(facts: FileFacts): Finding[] {
  return [SOFTMAX_RULE, SIGMOID_RULE, NLL_RULE].flatMap((rule) => checkRule(facts, rule));
}

/** A call that computes the loss: the loss itself, or a function of the file that passes one of its parameters to it. */
interface LossSite {
  call: CallSite;
  argument: InputArgument;
  /** How the message names the loss: `nn.CrossEntropyLoss`, or `cross_entropy_loss (which passes it to tf.nn....)`. */
  name: string;
}

function checkRule(facts: FileFacts, rule: Rule): Finding[] {
  const direct: LossSite[] = [];
  // Many calls share a callee (`criterion(...)` in every step): its assignments are read once per scope.
  const instances = new Map<string, InputArgument | undefined>();
  const instance = (call: CallSite): InputArgument | undefined => {
    const key = `${call.scope.id}:${call.callee}`;
    if (!instances.has(key)) instances.set(key, instanceArgument(facts, call, rule));
    return instances.get(key);
  };
  for (const call of facts.calls) {
    const argument = rule.functions.get(facts.canonical(call) ?? '') ?? (call.symbol ? undefined : instance(call));
    if (argument && !(argument.needsFromLogits && call.symbol && call.args.keyword.from_logits !== 'True'))
      direct.push({ call, argument, name: `\`${call.callee}\`` });
  }
  const findings: Finding[] = [];
  for (const site of [...direct, ...wrapperCalls(facts, direct)]) {
    const found = checkSite(facts, rule, site);
    if (found) findings.push(found);
  }
  return findings;
}

/**
 * `def cross_entropy_loss(x, y): return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x)`: calls of
 * such a helper pass their argument on to the loss, so they are checked as the loss (one level deep).
 */
function wrapperCalls(facts: FileFacts, direct: readonly LossSite[]): LossSite[] {
  const wrappers = new Map<string, LossSite>();
  for (const site of direct) {
    const scope = site.call.scope;
    const passed = site.call.args.keyword[site.argument.keyword] ?? site.call.args.positional[site.argument.position];
    if (scope.kind !== 'function' || scope.parent?.kind !== 'module' || !passed) continue;
    const position = facts.parametersOf(scope).indexOf(passed);
    const reassigned = facts.statements
      .slice(scope.firstStatement, site.call.statementIndex)
      .some(
        (statement) =>
          statement.scope === scope && statement.tokens[0]?.text === passed && statement.tokens[1]?.text === '=',
      );
    if (position < 0 || reassigned) continue;
    wrappers.set(scope.name, {
      call: site.call,
      argument: { position, keyword: passed },
      name: `\`${scope.name}\` (which passes it to ${site.name} on line ${site.call.range.startLine + 1})`,
    });
  }
  if (wrappers.size === 0) return [];
  return facts.calls.flatMap((call) => {
    const wrapper = call.symbol ? undefined : wrappers.get(call.callee);
    return wrapper && call.scope.name !== call.callee ? [{ call, argument: wrapper.argument, name: wrapper.name }] : [];
  });
}

function checkSite(facts: FileFacts, rule: Rule, site: LossSite): Finding | undefined {
  const { call: loss, argument } = site;
  const inputRange = loss.argumentRanges.keyword[argument.keyword] ?? loss.argumentRanges.positional[argument.position];
  const inputText = loss.args.keyword[argument.keyword] ?? loss.args.positional[argument.position];
  if (!inputRange || !inputText) return undefined;
  const inline = facts
    .callsStartingAt(inputRange.startLine, inputRange.startColumn)
    .find((call) => sameEnd(call.callRange, inputRange));
  const assigned = !inline && /^[A-Za-z_][\w.]*$/.test(inputText) ? facts.assignmentBefore(inputText, loss) : undefined;
  const source = inline ?? (assigned && holdsAt(facts, inputText, assigned, loss) ? assigned : undefined);
  const found = source ? resultActivation(facts, source) : undefined;
  if (!source || !found || !rule.wrong(found.activation)) return undefined;
  const input = inline
    ? `\`${inline.callee}(...)\``
    : `\`${inputText}\` (from \`${source.callee}\` on line ${source.range.startLine + 1})`;
  return {
    check: rule.check,
    severity: rule.redundant?.(found.activation) ? 'information' : 'warning',
    range: inline ? inline.callRange : inputRange,
    message: rule.explain(input, site.name, found),
    conceptId: rule.conceptId,
    fixes: inline && found.direct ? inlineFixes(rule, inline, loss) : [],
  };
}

function inlineFixes(rule: Rule, activation: CallSite, loss: CallSite): QuickFix[] {
  if (rule.replacement) {
    const callee = rule.replacement(activation.callee);
    return callee
      ? [
          {
            title: `Use ${callee} (log-probabilities for ${loss.callee})`,
            edits: [{ range: activation.range, newText: callee }],
            preferred: true,
          },
        ]
      : [];
  }
  const input = activation.symbol
    ? activation.args.positional[0]
    : activation.callee.slice(0, activation.callee.lastIndexOf('.'));
  return input
    ? [
        {
          title: `Pass the logits (${input}) to ${loss.callee}`,
          edits: [{ range: activation.callRange, newText: input }],
          preferred: true,
        },
      ]
    : [];
}

/**
 * The input argument when `criterion(...)` calls an instance of one of the rule's loss classes: the assignments
 * to the name in the caller's scope decide, else those anywhere in the file. All must agree, so a name that is
 * sometimes an NLLLoss (`criterion = nn.NLLLoss() if ... else nn.CrossEntropyLoss()`) is left alone.
 */
function instanceArgument(facts: FileFacts, call: CallSite, rule: Rule): InputArgument | undefined {
  if (call.symbol) return undefined;
  // `criterion = criterion.to(device)` keeps the object.
  const assignments = facts.callsAssignedTo(call.callee).filter((other) => !other.callee.startsWith(`${call.callee}.`));
  const local = assignments.filter((other) => other.scope === call.scope);
  const deciding = local.length > 0 ? local : assignments;
  const symbols = new Set(deciding.map((other) => facts.canonical(other) ?? ''));
  const argument = symbols.size === 1 ? rule.classes.get([...symbols][0]!) : undefined;
  if (!argument) return undefined;
  return argument.needsFromLogits && !deciding.every((other) => other.args.keyword.from_logits === 'True')
    ? undefined
    : argument;
}

/**
 * The value still reaches the loss: it was not assigned in a branch or loop the loss is outside of
 * (`if nll: out = F.log_softmax(out)`), and no plain assignment (`out = out / T`) replaced it in between.
 */
function holdsAt(facts: FileFacts, name: string, assigned: CallSite, loss: CallSite): boolean {
  const statements = facts.statements;
  const lossHeaders = new Set(facts.enclosingHeaders(loss.statementIndex));
  const conditional = facts
    .enclosingHeaders(assigned.statementIndex)
    .some((header) => !lossHeaders.has(header) && CONDITIONAL.test(header.tokens[0]!.text));
  if (conditional) return false;
  return !statements.slice(assigned.statementIndex + 1, loss.statementIndex).some((statement) => {
    const [target, operator] = statement.tokens;
    return (
      statement.scope === loss.scope &&
      target?.text === name &&
      /^(=|[-+*/@%&|^]=|\*\*=|\/\/=)$/.test(operator?.text ?? '')
    );
  });
}

function sameEnd(a: SourceRange, b: SourceRange): boolean {
  return a.endLine === b.endLine && a.endColumn === b.endColumn;
}
