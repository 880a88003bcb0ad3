// Softmax with temperature and cross-entropy for one label.

/** softmax(z / T); subtracting the maximum keeps exp from overflowing without changing the result. */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  if (!(temperature > 0)) throw new RangeError('temperature must be positive');
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** -log p_label, from the logits through log-softmax so a tiny probability does not round to log(0). */
export function crossEntropy(logits: readonly number[], label: number, temperature = 1): number {
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const logSum = max + Math.log(scaled.reduce((a, z) => a + Math.exp(z - max), 0));
  return logSum - scaled[label]!;
}

/** d loss / d logits = (p - onehot) / T. */
export function crossEntropyGradient(logits: readonly number[], label: number, temperature = 1): number[] {
  return softmax(logits, temperature).map((p, i) => (p - (i === label ? 1 : 0)) / temperature);
}

/** Shannon entropy in nats: 0 for a one-hot distribution, log(n) for a uniform one. */
export function entropy(probabilities: readonly number[]): number {
  return -probabilities.reduce((sum, p) => (p > 0 ? sum + p * Math.log(p) : sum), 0);
}
