// Keras: from_logits=True on a loss while the model's output layer already applies softmax or sigmoid.
import type { FileFacts } from '../facts';
import type { Finding } from '../findings';

const LOSSES: ReadonlyMap<string, { activation: string; conceptId: string }> = new Map([
  ['keras.losses.CategoricalCrossentropy', { activation: 'softmax', conceptId: 'cross-entropy-loss' }],
  ['keras.losses.SparseCategoricalCrossentropy', { activation: 'softmax', conceptId: 'cross-entropy-loss' }],
  ['keras.losses.BinaryCrossentropy', { activation: 'sigmoid', conceptId: 'binary-cross-entropy' }],
]);

export function checkFromLogits(facts: FileFacts): Finding[] {
  const outputActivations = new Set<string>();
  for (const call of facts.calls) {
    const activation = call.args.keyword.activation;
    if (!activation || !facts.canonical(call)?.startsWith('keras.layers.')) continue;
    const name = activation.replace(/^['"]|['"]$/g, '').split('.').pop()!;
    outputActivations.add(name);
  }
  const findings: Finding[] = [];
  for (const call of facts.calls) {
    const loss = LOSSES.get(facts.canonical(call) ?? '');
    const valueRange = call.argumentRanges.keyword.from_logits;
    if (!loss || call.args.keyword.from_logits !== 'True' || !valueRange || !outputActivations.has(loss.activation)) continue;
    findings.push({
      check: 'fromLogitsMismatch',
      severity: 'warning',
      range: valueRange,
      message:
        `\`from_logits=True\` tells ${call.callee} that the model outputs raw logits, but a layer in this file uses activation '${loss.activation}', ` +
        `so the loss would apply ${loss.activation} a second time. Use from_logits=False, or remove the activation from the output layer.`,
      conceptId: loss.conceptId,
      fixes: [{ title: 'Set from_logits=False (the model outputs probabilities)', edits: [{ range: valueRange, newText: 'False' }], preferred: false }],
    });
  }
  return findings;
}
