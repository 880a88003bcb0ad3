// Attention maths against closed forms: scaling by √d_k, the causal mask, temperature, the weighted average.
import { describe, expect, it } from 'vitest';
import { attend, attentionScores, attentionWeights, isMasked, TOY_SENTENCE } from '../../src/visualisations/attention';

const { queries, keys, values } = TOY_SENTENCE;

describe('scaled dot-product attention', () => {
  it('scores are dot products, divided by √d_k when scaled', () => {
    const raw = attentionScores(queries, keys, false);
    expect(raw[4]).toEqual([0, 5, 0, 2, 2]); // "it" · each key
    expect(attentionScores(queries, keys, true)[4]).toEqual([0, 2.5, 0, 1, 1]); // √4 = 2
  });
  it('each row of weights is a softmax: positive, summing to 1, largest where the score is', () => {
    const weights = attentionWeights(attentionScores(queries, keys, true), { causal: false, temperature: 1 });
    for (const row of weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const it_ = weights[4]!;
    expect(it_.indexOf(Math.max(...it_))).toBe(1); // "it" attends most to "cat"
    const e = Math.exp;
    expect(it_[1]).toBeCloseTo(e(2.5) / (2 * e(0) + e(2.5) + 2 * e(1)), 12);
  });
  it('the causal mask gives exactly zero weight to later tokens, and the first token only sees itself', () => {
    const weights = attentionWeights(attentionScores(queries, keys, true), { causal: true, temperature: 1 });
    weights.forEach((row, i) => row.forEach((w, j) => (j > i ? expect(w).toBe(0) : expect(w).toBeGreaterThan(0))));
    expect(weights[0]).toEqual([1, 0, 0, 0, 0]);
    expect(isMasked({ causal: true }, 1, 2)).toBe(true);
    expect(isMasked({ causal: false }, 1, 2)).toBe(false);
  });
  it('temperature flattens towards uniform over the visible keys and sharpens towards the arg-max', () => {
    const scores = attentionScores(queries, keys, true);
    const hot = attentionWeights(scores, { causal: true, temperature: 1000 })[3]!;
    hot.slice(0, 4).forEach((w) => expect(w).toBeCloseTo(0.25, 2));
    const cold = attentionWeights(scores, { causal: false, temperature: 0.05 })[4]!;
    expect(cold[1]).toBeCloseTo(1, 6);
  });
  it('the output is the weighted average of the values', () => {
    const weights = [[0.5, 0.5, 0, 0, 0]];
    expect(attend(weights, values)).toEqual([[0.5, 0.5]]);
  });
});
