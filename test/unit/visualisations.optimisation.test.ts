// Closed-form checks for the optimisers, initialisation, gradient flow and early stopping.
import { describe, expect, it } from 'vitest';
import {
  criticalLearningRate,
  DEFAULT_SETTINGS,
  optimise,
  quadratic,
  SURFACES,
} from '../../src/visualisations/descent';
import { earlyStop, lossCurves } from '../../src/visualisations/earlyStopping';
import { forwardBackward, randomNetworkPass } from '../../src/visualisations/gradientFlow';
import { histogram, layerActivationStats, mean, std } from '../../src/visualisations/initHistograms';
import { initStd, sampleWeights } from '../../src/visualisations/initialisation';
import { seededRandom } from '../../src/random';

describe('gradient descent', () => {
  const parabola = quadratic(2, 0); // f = 2x², f' = 4x, critical lr = 1/a = 0.5

  it('multiplies x by (1 - 2·a·lr) each step and diverges iff lr > 1/a', () => {
    expect(criticalLearningRate([2])).toBe(0.5);
    const run = optimise(parabola, [1, 0], 'sgd', { ...DEFAULT_SETTINGS, learningRate: 0.1 }, 5);
    run.points.forEach(([x], t) => expect(x).toBeCloseTo((1 - 4 * 0.1) ** t, 12));
    for (const lr of [0.1, 0.3, 0.49, 0.51, 0.7]) {
      const r = optimise(parabola, [1, 0], 'sgd', { ...DEFAULT_SETTINGS, learningRate: lr }, 200);
      expect(r.losses[r.losses.length - 1]! > r.losses[0]!, `lr=${lr}`).toBe(lr > 0.5);
      expect(r.divergedAt !== undefined).toBe(lr > 0.5);
    }
    // Exactly at lr = 1/a the iterate oscillates between +1 and -1 forever.
    const edge = optimise(parabola, [1, 0], 'sgd', { ...DEFAULT_SETTINGS, learningRate: 0.5 }, 3);
    expect(edge.points.map(([x]) => x)).toEqual([1, -1, 1, -1]);
  });

  it('takes the hand-computed first momentum steps', () => {
    // v1 = g0 = 4; x1 = 1 - 0.1·4 = 0.6; g1 = 2.4; v2 = 0.9·4 + 2.4 = 6; x2 = 0.6 - 0.6 = 0
    const run = optimise(parabola, [1, 0], 'momentum', { ...DEFAULT_SETTINGS, learningRate: 0.1, beta1: 0.9 }, 2);
    expect(run.points[1]![0]).toBeCloseTo(0.6, 12);
    expect(run.points[2]![0]).toBeCloseTo(0, 12);
  });

  it("makes Adam's first step lr·sign(g), whatever the gradient scale", () => {
    // m̂1 = g, ŝ1 = g², so the step is lr·g/(|g| + ε)
    const run = optimise(quadratic(0.5, 50), [3, -2], 'adam', { ...DEFAULT_SETTINGS, learningRate: 0.1 }, 2);
    expect(run.points[1]![0]).toBeCloseTo(2.9, 7);
    expect(run.points[1]![1]).toBeCloseTo(-1.9, 7);
    // Second step by hand for x: g0 = 3, g1 = 2.9
    const m = 0.9 * 0.1 * 3 + 0.1 * 2.9;
    const s = 0.999 * 0.001 * 9 + 0.001 * 2.9 ** 2;
    const step = (0.1 * (m / (1 - 0.81))) / (Math.sqrt(s / (1 - 0.999 ** 2)) + 1e-8);
    expect(run.points[2]![0]).toBeCloseTo(2.9 - step, 8);
  });

  it('has analytic gradients on every surface and reaches the minimum with sensible settings', () => {
    const h = 1e-6;
    for (const surface of Object.values(SURFACES)) {
      const p = [0.3, -0.7] as const;
      const [gx, gy] = surface.gradient(p);
      expect(gx).toBeCloseTo((surface.loss([p[0] + h, p[1]]) - surface.loss([p[0] - h, p[1]])) / (2 * h), 4);
      expect(gy).toBeCloseTo((surface.loss([p[0], p[1] + h]) - surface.loss([p[0], p[1] - h])) / (2 * h), 4);
      expect(surface.loss(surface.minimum)).toBe(0);
    }
    const ravine = SURFACES.ravine;
    // The steep axis has curvature b = 5, so lr = 1/5 is the edge.
    expect(
      optimise(ravine, ravine.start, 'sgd', { ...DEFAULT_SETTINGS, learningRate: 0.21 }, 300).divergedAt,
    ).not.toBeUndefined();
    expect(
      optimise(ravine, ravine.start, 'sgd', { ...DEFAULT_SETTINGS, learningRate: 0.19 }, 300).losses.at(-1),
    ).toBeLessThan(1e-6);
  });
});

describe('initialisation and gradient flow', () => {
  it('draws weights with the closed-form standard deviations', () => {
    expect(initStd('xavier', 100, 300)).toBeCloseTo(Math.sqrt(2 / 400), 12);
    expect(initStd('he', 50, 10)).toBeCloseTo(0.2, 12);
    const w = sampleWeights(200, 200, 'he', seededRandom(3)).flat();
    expect(std(w)).toBeCloseTo(0.1, 2);
    expect(Math.abs(mean(w))).toBeLessThan(0.005);
  });

  it('gives products of weights for a linear chain of scalars', () => {
    // h_l = w_l·h_(l-1); ∂L/∂h_L = 1 ⇒ ∂L/∂h_(l-1) = Π_(k≥l) w_k and ∂L/∂w_l = Π_(k>l) w_k · h_(l-1)
    const ws = [0.5, 2, 3, 0.25];
    const pass = forwardBackward(
      ws.map((w) => [[w]]),
      'linear',
      [2],
      [1],
    );
    expect(pass.inputGradientNorms).toEqual([0.75, 1.5, 0.75, 0.25]);
    const hPrev = [2, 1, 2, 6];
    const after = [1.5, 0.75, 0.25, 1];
    pass.weightGradientNorms.forEach((g, l) => expect(g).toBeCloseTo(hPrev[l]! * after[l]!, 12));
  });

  it('multiplies by σ′ ≤ 1/4 per sigmoid layer, so identity-weight chains shrink at least 4× per layer', () => {
    const pass = forwardBackward([[[1]], [[1]], [[1]]], 'sigmoid', [0], [1]);
    const z = [0, 0.5, 1 / (1 + Math.exp(-0.5))];
    const d = z.map((v) => {
      const s = 1 / (1 + Math.exp(-v));
      return s * (1 - s);
    });
    expect(pass.inputGradientNorms[0]).toBeCloseTo(d[0]! * d[1]! * d[2]!, 12);
    expect(pass.inputGradientNorms[0]).toBeLessThan(1 / 64);
  });

  it('is deterministic, vanishes with sigmoid, explodes with unit init and stays level with He + ReLU', () => {
    const base = { depth: 20, width: 32, seed: 1 };
    // How much the backward signal grows from the last layer to the first.
    const ratio = (p: ReturnType<typeof randomNetworkPass>): number =>
      p.inputGradientNorms[0]! / p.inputGradientNorms.at(-1)!;
    expect(randomNetworkPass({ ...base, activation: 'tanh', init: 'xavier' })).toEqual(
      randomNetworkPass({ ...base, activation: 'tanh', init: 'xavier' }),
    );
    expect(ratio(randomNetworkPass({ ...base, activation: 'sigmoid', init: 'xavier' }))).toBeLessThan(1e-6);
    expect(ratio(randomNetworkPass({ ...base, activation: 'linear', init: 'unit' }))).toBeGreaterThan(1e6);
    const he = ratio(randomNetworkPass({ ...base, activation: 'relu', init: 'he' }));
    expect(he).toBeGreaterThan(0.05);
    expect(he).toBeLessThan(20);
  });

  it('bins activations and keeps tanh + small init collapsing towards 0', () => {
    const h = histogram([-1, -0.5, 0, 0.49, 1, 2], 4, -1, 1);
    expect(h.counts).toEqual([1, 1, 2, 1]);
    expect(h.outside).toBe(1);
    const stats = layerActivationStats({ depth: 6, width: 32, activation: 'tanh', init: 'small', seed: 2 }, 4);
    expect(stats).toHaveLength(6);
    expect(stats[5]!.std).toBeLessThan(1e-6);
    const xavier = layerActivationStats({ depth: 6, width: 32, activation: 'tanh', init: 'xavier', seed: 2 }, 4);
    expect(xavier[5]!.std).toBeGreaterThan(0.1);
  });
});

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement and restores the best epoch', () => {
    const v = [1, 0.8, 0.7, 0.72, 0.71, 0.69, 0.75, 0.8, 0.9];
    expect(earlyStop(v, 2)).toEqual({ bestEpoch: 2, stoppedEpoch: 4, stoppedEarly: true });
    expect(earlyStop(v, 3)).toEqual({ bestEpoch: 5, stoppedEpoch: 8, stoppedEarly: true });
    expect(earlyStop(v, 10)).toEqual({ bestEpoch: 5, stoppedEpoch: 8, stoppedEarly: false });
    expect(earlyStop(v, 2, 0.05).bestEpoch).toBe(2);
  });

  it('generates a falling training curve and a U-shaped validation curve', () => {
    const { train, validation } = lossCurves({ epochs: 60, overfitting: 0.02, noise: 0, seed: 1 });
    expect(train[0]).toBeCloseTo(2.1, 12);
    train.slice(1).forEach((t, i) => expect(t).toBeLessThan(train[i]!));
    const best = validation.indexOf(Math.min(...validation));
    expect(best).toBeGreaterThan(5);
    expect(best).toBeLessThan(59);
    // d/dt [2e^(-t/8) + 0.02t] = 0 ⇒ t = 8·ln(2/(8·0.02)) ≈ 20.2
    expect(Math.abs(best - 8 * Math.log(2 / 0.16))).toBeLessThanOrEqual(1);
  });
});
