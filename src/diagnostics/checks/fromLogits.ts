// Keras: from_logits=True on a loss while the model's output layer already applies softmax or sigmoid.
import type { FileFacts } from '../facts';
import type { Finding } from '../findings';
import { kerasOutputs } from '../kerasOutputs';

const LOSSES: ReadonlyMap<string, { activation: string; conceptId: string }> = new Map([
  ['keras.losses.CategoricalCrossentropy', { activation: 'softmax', conceptId: 'cross-entropy-loss' }],
  ['keras.losses.SparseCategoricalCrossentropy', { activation: 'softmax', conceptId: 'cross-entropy-loss' }],
  ['keras.losses.BinaryCrossentropy', { activation: 'sigmoid', conceptId: 'binary-cross-entropy' }],
]);

export function checkFromLogits(facts: FileFacts): Finding[] {
  const outputs = kerasOutputs(facts).map((output) => output.activation);
  // A model that does output logits (a GAN's discriminator next to a sigmoid generator) may be the one the loss is for.
  if (outputs.includes('linear')) return [];
  const findings: Finding[] = [];
  for (const call of facts.calls) {
    const loss = LOSSES.get(facts.canonical(call) ?? '');
    if (!loss || call.args.keyword.from_logits !== 'True' || !outputs.includes(loss.activation)) continue;
    const valueRange = call.argumentRanges.keyword.from_logits;
    if (!valueRange) continue;
    findings.push({
      check: 'fromLogitsMismatch',
      severity: 'warning',
      range: valueRange,
      message:
        `\`from_logits=True\` tells ${call.callee} that the model outputs raw logits, but the model's output layer applies ${loss.activation}, ` +
        `so the loss would apply ${loss.activation} a second time. Use from_logits=False, or remove the activation from the output layer.`,
      conceptId: loss.conceptId,
      fixes: [
        {
          title: 'Set from_logits=False (the model outputs probabilities)',
          edits: [{ range: valueRange, newText: 'False' }],
          preferred: false,
        },
      ],
    });
  }
  return findings;
}
