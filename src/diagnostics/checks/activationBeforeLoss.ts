// Softmax before CrossEntropyLoss, sigmoid before BCEWithLogitsLoss: the loss applies it again.
import type { CallSite } from '../../scanner/scanner';
import type { FileFacts } from '../facts';
import type { CheckId, Finding } from '../findings';
import { sameRange } from '../sourceText';

interface Rule {
  check: CheckId;
  conceptId: string;
  lossClasses: ReadonlySet<string>;
  lossFunctions: ReadonlySet<string>;
  activations: ReadonlySet<string>;
  /** Tensor methods with the same effect, e.g. `logits.softmax(dim=1)`. */
  methods: readonly string[];
  explain: (activation: string, loss: string) => string;
  /** Activations the loss makes harmless (log_softmax of log-probabilities changes nothing): Information, not Warning. */
  redundant?: { pattern: RegExp; explain: (activation: string, loss: string) => string };
}

/** Blocks that may not run, so a value assigned inside them may not be the one the code after them sees. */
const CONDITIONAL = /^(if|elif|else|for|while|try|except|finally|match|case)$/;

const SOFTMAX_RULE: Rule = {
  check: 'softmaxBeforeCrossEntropy',
  conceptId: 'cross-entropy-loss',
  lossClasses: new Set(['torch.nn.CrossEntropyLoss']),
  lossFunctions: new Set(['torch.nn.functional.cross_entropy']),
  activations: new Set(['torch.softmax', 'torch.nn.functional.softmax', 'torch.log_softmax', 'torch.nn.functional.log_softmax', 'torch.special.softmax', 'torch.special.log_softmax']),
  methods: ['softmax', 'log_softmax'],
  explain: (activation, loss) =>
    `${activation} is applied before ${loss}, which expects raw logits and applies log-softmax itself. ` +
    'Normalising twice flattens the probabilities and weakens the gradients. Pass the logits directly.',
  redundant: {
    pattern: /log_softmax$/,
    explain: (activation, loss) =>
      `${activation} is applied before ${loss}, which applies log-softmax itself. Log-softmax of log-probabilities returns them unchanged, ` +
      'so the loss and its gradients are the same, but the call is redundant work; pass the logits, or use NLLLoss if log-probabilities are what the model should output.',
  },
};

const SIGMOID_RULE: Rule = {
  check: 'sigmoidBeforeBCEWithLogits',
  conceptId: 'binary-cross-entropy',
  lossClasses: new Set(['torch.nn.BCEWithLogitsLoss']),
  lossFunctions: new Set(['torch.nn.functional.binary_cross_entropy_with_logits']),
  activations: new Set(['torch.sigmoid', 'torch.nn.functional.sigmoid', 'torch.special.expit']),
  methods: ['sigmoid'],
  explain: (activation, loss) =>
    `${activation} is applied before ${loss}, which applies the sigmoid itself. ` +
    'The loss then sees probabilities squashed twice into (0.5, 0.73) and learns badly. Pass the logits directly, or use BCELoss on probabilities.',
};

export function checkActivationBeforeLoss(facts: FileFacts): Finding[] {
  return [SOFTMAX_RULE, SIGMOID_RULE].flatMap((rule) => checkRule(facts, rule));
}

function checkRule(facts: FileFacts, rule: Rule): Finding[] {
  const findings: Finding[] = [];
  for (const loss of facts.calls) {
    const symbol = facts.canonical(loss);
    const isLoss = (symbol !== undefined && rule.lossFunctions.has(symbol)) || isLossInstance(facts, loss, rule.lossClasses);
    const inputRange = loss.argumentRanges.positional[0];
    if (!isLoss || !inputRange) continue;
    const lossName = loss.callee;
    const inline = facts.calls.find((call) => sameRange(call.callRange, inputRange) && isActivation(facts, call, rule));
    if (inline) {
      const replacement = activationInput(inline, rule);
      const explain = explanationFor(rule, inline.callee);
      findings.push({
        check: rule.check,
        severity: explain === rule.explain ? 'warning' : 'information',
        range: inline.callRange,
        message: explain(`\`${inline.callee}\``, `\`${lossName}\``),
        conceptId: rule.conceptId,
        fixes: replacement ? [{ title: `Pass the logits (${replacement}) to ${lossName}`, edits: [{ range: inline.callRange, newText: replacement }], preferred: true }] : [],
      });
      continue;
    }
    const variable = loss.args.positional[0]!;
    if (!/^[A-Za-z_]\w*$/.test(variable)) continue;
    const assigned = facts.assignmentBefore(variable, loss);
    if (assigned && isActivation(facts, assigned, rule) && holdsAt(facts, variable, assigned, loss)) {
      const explain = explanationFor(rule, assigned.callee);
      findings.push({
        check: rule.check,
        severity: explain === rule.explain ? 'warning' : 'information',
        range: inputRange,
        message: explain(`\`${variable}\` (from \`${assigned.callee}\` on line ${assigned.range.startLine + 1})`, `\`${lossName}\``),
        conceptId: rule.conceptId,
        fixes: [],
      });
    }
  }
  return findings;
}

function explanationFor(rule: Rule, activationCallee: string): Rule['explain'] {
  return rule.redundant?.pattern.test(activationCallee) ? rule.redundant.explain : rule.explain;
}

/**
 * True when `criterion(...)` calls an instance of the loss: the assignments to the name in the caller's
 * scope decide, else those anywhere in the file. All must agree, so a name that is sometimes an NLLLoss
 * (`criterion = nn.NLLLoss() if ... else nn.CrossEntropyLoss()`, another function's own criterion) is left alone.
 */
function isLossInstance(facts: FileFacts, call: CallSite, lossClasses: ReadonlySet<string>): boolean {
  if (call.symbol) return false;
  // `criterion = criterion.to(device)` keeps the object.
  const assignments = facts.calls.filter((other) => other.assignedTo === call.callee && !other.callee.startsWith(`${call.callee}.`));
  const local = assignments.filter((other) => other.scope === call.scope);
  const deciding = local.length > 0 ? local : assignments;
  return deciding.length > 0 && deciding.every((other) => lossClasses.has(facts.canonical(other) ?? ''));
}

/**
 * The activation's result still reaches the loss: it was not assigned in a branch or loop the loss is outside
 * of (`if nll: out = F.log_softmax(out)`), and no plain assignment (`out = out / T`) replaced it in between.
 */
function holdsAt(facts: FileFacts, name: string, assigned: CallSite, loss: CallSite): boolean {
  const statements = facts.statements;
  const lossHeaders = new Set(facts.enclosingHeaders(loss.statementIndex));
  const conditional = facts.enclosingHeaders(assigned.statementIndex).some((header) => !lossHeaders.has(header) && CONDITIONAL.test(header.tokens[0]!.text));
  if (conditional) return false;
  return !statements.slice(assigned.statementIndex + 1, loss.statementIndex).some((statement) => {
    const [target, operator] = statement.tokens;
    return statement.scope === loss.scope && target?.text === name && /^(=|[-+*/@%&|^]=|\*\*=|\/\/=)$/.test(operator?.text ?? '');
  });
}

function isActivation(facts: FileFacts, call: CallSite, rule: Rule): boolean {
  const symbol = facts.canonical(call);
  if (symbol) return rule.activations.has(symbol);
  const method = call.callee.split('.').pop()!;
  return call.callee.includes('.') && rule.methods.includes(method);
}

/** The tensor the activation was applied to: the first argument, or the receiver of a method call. */
function activationInput(call: CallSite, rule: Rule): string | undefined {
  if (call.symbol) return call.args.positional[0];
  const method = call.callee.split('.').pop()!;
  return rule.methods.includes(method) ? call.callee.slice(0, -(method.length + 1)) : undefined;
}
