// Closed-form checks for activations, softmax and cross-entropy.
import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  activate,
  derivative,
  erf,
  normalCdf,
  saturatedIntervals,
  sigmoid,
} from '../../src/visualisations/activations';
import { crossEntropy, crossEntropyGradient, entropy, softmax } from '../../src/visualisations/softmax';

describe('activations', () => {
  it('match their closed forms at known points', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(derivative('sigmoid', 0)).toBe(0.25);
    expect(derivative('tanh', 0)).toBe(1);
    expect(activate('relu', -3)).toBe(0);
    expect(activate('relu', 2.5)).toBe(2.5);
    expect(activate('leaky-relu', -2)).toBeCloseTo(-0.02, 12);
    expect(activate('leaky-relu', -2, 0.2)).toBeCloseTo(-0.4, 12);
    expect(derivative('relu', 0)).toBe(0);
    expect(derivative('leaky-relu', -1)).toBe(0.01);
  });

  it('computes GELU(x) = x·Φ(x) with Φ from erf', () => {
    expect(erf(0)).toBeCloseTo(0, 7);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-1)).toBeCloseTo(-0.8427007929, 6);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(activate('gelu', 1)).toBeCloseTo(0.8413447461, 6);
    expect(activate('gelu', -1)).toBeCloseTo(-0.1586552539, 6);
    expect(activate('gelu', 2)).toBeCloseTo(1.9544997361, 6);
    expect(derivative('gelu', 0)).toBeCloseTo(0.5, 7);
  });

  it('has derivatives that agree with central differences', () => {
    const h = 1e-5;
    for (const name of ACTIVATIONS) {
      for (const x of [-3, -0.7, 0.4, 2.2]) {
        const numeric = (activate(name, x + h) - activate(name, x - h)) / (2 * h);
        expect(derivative(name, x), `${name}'(${x})`).toBeCloseTo(numeric, 5);
      }
    }
  });

  it('marks saturating regions where |f′| < threshold', () => {
    // σ'(x) = σ(1-σ) < 0.05 ⇔ |x| > ln((1 + √(1 - 4·0.05)) / (1 - √(1 - 4·0.05))) ≈ 2.9444
    // The boundaries are found on a grid over [-6, 6] with 2001 points, so they are exact to one grid step.
    const step = 12 / 2000;
    const edge = Math.log((1 + Math.sqrt(0.8)) / (1 - Math.sqrt(0.8)));
    const sig = saturatedIntervals('sigmoid', -6, 6, 0.05);
    expect(sig).toHaveLength(2);
    expect(sig[0]!.from).toBe(-6);
    expect(Math.abs(sig[0]!.to + edge)).toBeLessThanOrEqual(step);
    expect(Math.abs(sig[1]!.from - edge)).toBeLessThanOrEqual(step);
    // tanh'(x) = 1 - tanh² < 0.05 ⇔ |x| > atanh(√0.95)
    expect(
      Math.abs(saturatedIntervals('tanh', -6, 6, 0.05)[1]!.from - Math.atanh(Math.sqrt(0.95))),
    ).toBeLessThanOrEqual(step);
    // ReLU is dead for every x ≤ 0; leaky ReLU never saturates at this threshold.
    expect(saturatedIntervals('relu', -6, 6, 0.05)).toEqual([{ from: -6, to: 0 }]);
    expect(saturatedIntervals('leaky-relu', -6, 6, 0.005)).toEqual([]);
  });
});

describe('softmax and cross-entropy', () => {
  const logits = [2, 1, 0.1];

  it('sums to 1 and matches exp(z)/Σexp(z)', () => {
    const p = softmax(logits);
    const z = logits.map(Math.exp);
    const sum = z.reduce((a, b) => a + b, 0);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    p.forEach((pi, i) => expect(pi).toBeCloseTo(z[i]! / sum, 12));
    expect(p[0]).toBeCloseTo(0.6590011388859679, 12);
  });

  it('tends to one-hot as T → 0 and to uniform as T → ∞', () => {
    expect(softmax(logits, 0.01)[0]).toBeCloseTo(1, 10);
    softmax(logits, 1e6).forEach((p) => expect(p).toBeCloseTo(1 / 3, 5));
    expect(entropy(softmax(logits, 1e6))).toBeCloseTo(Math.log(3), 5);
    expect(entropy(softmax(logits, 0.01))).toBeCloseTo(0, 8);
  });

  it('is stable for huge logits and rejects T ≤ 0', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    expect(() => softmax(logits, 0)).toThrow(RangeError);
  });

  it('gives cross-entropy = -log p_label and gradient (p - y) / T', () => {
    for (const T of [0.5, 1, 3]) {
      const p = softmax(logits, T);
      for (let label = 0; label < 3; label++)
        expect(crossEntropy(logits, label, T)).toBeCloseTo(-Math.log(p[label]!), 12);
      const g = crossEntropyGradient(logits, 1, T);
      expect(g[1]).toBeCloseTo((p[1]! - 1) / T, 12);
      expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    }
    // A confidently wrong prediction does not underflow to Infinity.
    expect(crossEntropy([800, 0], 1)).toBeCloseTo(800, 9);
  });
});
