// Scaled dot-product attention on a toy sentence: scores q·k/√d_k, an optional causal mask, a softmax
// temperature, and the weighted average of the values. Pure, so the picture's numbers are unit-tested.
import { softmax } from './softmax';

export type Matrix = number[][];

export interface AttentionSettings {
  /** Query i may only see keys j ≤ i (a decoder). */
  causal: boolean;
  /** Divide the scores by √d_k, as the transformer does. */
  scaled: boolean;
  /** Extra softmax temperature T: weights = softmax(scores / T). 1 is plain attention. */
  temperature: number;
}

/** A five-token sentence whose pronoun "it" matches "cat", and whose verb matches its subject. */
export const TOY_SENTENCE = {
  tokens: ['The', 'cat', 'sat', 'because', 'it'],
  queries: [
    [1, 0, 0, 0],
    [0, 1, 1, 0],
    [0, 2, 0, 0],
    [0, 0, 1, 1],
    [0, 2, 0, 1],
  ],
  keys: [
    [1, 0, 0, 0],
    [0, 2, 0, 1],
    [0, 0, 2, 0],
    [0, 0, 0, 2],
    [0, 1, 0, 0],
  ],
  values: [
    [1, 0],
    [0, 1],
    [1, 1],
    [0.5, 0],
    [0, 0.5],
  ],
} as const satisfies { tokens: readonly string[]; queries: Matrix; keys: Matrix; values: Matrix };

export function isMasked(settings: Pick<AttentionSettings, 'causal'>, query: number, key: number): boolean {
  return settings.causal && key > query;
}

/** s_ij = q_i · k_j, divided by √d_k when scaled. */
export function attentionScores(
  queries: readonly (readonly number[])[],
  keys: readonly (readonly number[])[],
  scaled: boolean,
): Matrix {
  const dk = keys[0]?.length ?? 1;
  const factor = scaled ? 1 / Math.sqrt(dk) : 1;
  return queries.map((q) => keys.map((k) => q.reduce((sum, qi, d) => sum + qi * k[d]!, 0) * factor));
}

/** Each row softmax(s / T) over the keys it may see; masked pairs get weight exactly 0. */
export function attentionWeights(
  scores: readonly (readonly number[])[],
  settings: Pick<AttentionSettings, 'causal' | 'temperature'>,
): Matrix {
  return scores.map((row, i) => {
    const visible = row.map((_, j) => j).filter((j) => !isMasked(settings, i, j));
    const probabilities = softmax(
      visible.map((j) => row[j]!),
      settings.temperature,
    );
    const weights = row.map(() => 0);
    visible.forEach((j, n) => (weights[j] = probabilities[n]!));
    return weights;
  });
}

/** o_i = Σ_j α_ij v_j. */
export function attend(weights: readonly (readonly number[])[], values: readonly (readonly number[])[]): Matrix {
  const width = values[0]?.length ?? 0;
  return weights.map((row) =>
    Array.from({ length: width }, (_, d) => row.reduce((sum, w, j) => sum + w * values[j]![d]!, 0)),
  );
}
