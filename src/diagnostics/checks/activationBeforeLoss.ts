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
}

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
  const instances = facts.instancesOf(rule.lossClasses);
  const findings: Finding[] = [];
  for (const loss of facts.calls) {
    const symbol = facts.canonical(loss);
    const isLoss = instances.has(loss.callee) || (symbol !== undefined && rule.lossFunctions.has(symbol));
    const inputRange = loss.argumentRanges.positional[0];
    if (!isLoss || !inputRange) continue;
    const lossName = loss.callee;
    const inline = facts.calls.find((call) => sameRange(call.callRange, inputRange) && isActivation(facts, call, rule));
    if (inline) {
      const replacement = activationInput(inline, rule);
      findings.push({
        check: rule.check,
        severity: 'warning',
        range: inline.callRange,
        message: rule.explain(`\`${inline.callee}\``, `\`${lossName}\``),
        conceptId: rule.conceptId,
        fixes: replacement ? [{ title: `Pass the logits (${replacement}) to ${lossName}`, edits: [{ range: inline.callRange, newText: replacement }], preferred: true }] : [],
      });
      continue;
    }
    const variable = loss.args.positional[0]!;
    if (!/^[A-Za-z_]\w*$/.test(variable)) continue;
    const assigned = facts.assignmentBefore(variable, loss);
    if (assigned && isActivation(facts, assigned, rule)) {
      findings.push({
        check: rule.check,
        severity: 'warning',
        range: inputRange,
        message: `${rule.explain(`\`${variable}\` (from \`${assigned.callee}\` on line ${assigned.range.startLine + 1})`, `\`${lossName}\``)}`,
        conceptId: rule.conceptId,
        fixes: [],
      });
    }
  }
  return findings;
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
