// Closed-form checks for dropout, convolution, normalisation and the LSTM step.
import { describe, expect, it } from 'vitest';
import {
  convolve2d,
  inPatch,
  isPadding,
  outputSize,
  pad,
  patchOf,
  patchProducts,
  pool2d,
  presetKernel,
  sampleImage,
} from '../../src/visualisations/convolution';
import {
  applyDropout,
  dropoutForward,
  dropoutMask,
  dropoutNetwork,
  keptFraction,
  stepMasks,
  trainingOutputs,
} from '../../src/visualisations/dropoutMasks';
import { lstmStep, runLstm, toyParams } from '../../src/visualisations/lstmStep';
import { exampleTensor, normalise } from '../../src/visualisations/normalisation';
import { seededRandom } from '../../src/random';

describe('dropout', () => {
  it('scales survivors by 1/(1-p) in training and is the identity in evaluation', () => {
    expect(applyDropout([1, 2, 3, 4], [true, false, true, false], 0.5, 'train')).toEqual([2, 0, 6, 0]);
    expect(applyDropout([1, 2, 3, 4], [false, false, false, false], 0.5, 'eval')).toEqual([1, 2, 3, 4]);
    expect(applyDropout([1, 2], [true, true], 1, 'train')).toEqual([0, 0]);
  });

  it('keeps the expected activation unchanged (inverted dropout)', () => {
    const random = seededRandom(42);
    const p = 0.3;
    let sum = 0;
    const trials = 20000;
    for (let t = 0; t < trials; t++) sum += applyDropout([2], dropoutMask(1, p, random), p, 'train')[0]!;
    expect(sum / trials).toBeCloseTo(2, 1);
  });

  it('draws reproducible masks per step that keep about 1 - p of the units', () => {
    expect(stepMasks([6, 6], 0.5, 7, 3)).toEqual(stepMasks([6, 6], 0.5, 7, 3));
    expect(stepMasks([6, 6], 0.5, 7, 3)).not.toEqual(stepMasks([6, 6], 0.5, 7, 4));
    const kept = Array.from({ length: 400 }, (_, step) => keptFraction(stepMasks([10, 10], 0.2, 1, step)));
    expect(kept.reduce((a, b) => a + b, 0) / kept.length).toBeCloseTo(0.8, 1);
    expect(keptFraction(stepMasks([5], 0, 1, 0))).toBe(1);
  });

  it('runs a network whose eval output ignores the masks and whose training output averages to it', () => {
    // One hidden unit with weight 2 to the output: eval gives 2·relu(1·x); a kept unit in training gives twice that at p = 0.5.
    const weights = [[[1]], [[2]]];
    expect(dropoutForward(weights, [3], [[false]], 0.5, 'eval')).toEqual([[3], [3], [6]]);
    expect(dropoutForward(weights, [3], [[true]], 0.5, 'train')).toEqual([[3], [6], [12]]);
    expect(dropoutForward(weights, [3], [[false]], 0.5, 'train')).toEqual([[3], [0], [0]]);
    const network = dropoutNetwork([4, 6, 2], 7);
    const input = [1, 0.5, -0.3, 0.8];
    const evalOut = dropoutForward(network, input, [[]], 0.3, 'eval')[2]!;
    const trials = 4000;
    const mean = [0, 0];
    for (let step = 0; step < trials; step++) {
      dropoutForward(network, input, stepMasks([6], 0.3, 7, step), 0.3, 'train')[2]!.forEach(
        (v, i) => (mean[i]! += v / trials),
      );
    }
    mean.forEach((m, i) => expect(m).toBeCloseTo(evalOut[i]!, 1));
  });
});

describe('dropout running mean', () => {
  it('is the mean of the training outputs so far, and settles near the eval output', () => {
    const network = dropoutNetwork([4, 6, 6, 2], 7);
    const input = [1, 0.5, -0.3, 0.8];
    const { outputs, runningMean } = trainingOutputs(network, input, 0.5, 7, 400);
    const mean = (n: number, k: number) => outputs.slice(0, n).reduce((sum, o) => sum + o[k]!, 0) / n;
    expect(runningMean[9]![0]).toBeCloseTo(mean(10, 0), 12);
    expect(runningMean[399]![1]).toBeCloseTo(mean(400, 1), 12);
    const evalOutput = dropoutForward(network, input, [[], []], 0.5, 'eval').at(-1)!;
    const spread = Math.max(...outputs.map((o) => Math.abs(o[0]! - evalOutput[0]!)));
    // Single steps swing widely; the mean of 400 is far closer to the eval output than the widest swing.
    expect(Math.abs(runningMean[399]![0]! - evalOutput[0]!)).toBeLessThan(spread / 5);
  });
});

describe('convolution and pooling', () => {
  it('the patch behind each output cell sums, with the kernel, to that cell of the output', () => {
    const image = sampleImage(8);
    const kernel = presetKernel('sobel-y');
    for (const [stride, padding] of [
      [1, 0],
      [1, 1],
      [2, 1],
      [3, 2],
    ] as const) {
      const out = convolve2d(image, kernel, stride, padding);
      const padded = pad(image, padding);
      out.forEach((row, i) =>
        row.forEach((value, j) =>
          expect(patchProducts(padded, kernel, patchOf(i, j, 3, stride)).sum).toBeCloseTo(value, 12),
        ),
      );
    }
    expect(patchOf(2, 1, 3, 2)).toEqual({ row: 4, column: 2, size: 3 });
    expect([inPatch(patchOf(2, 1, 3, 2), 6, 4), inPatch(patchOf(2, 1, 3, 2), 7, 4)]).toEqual([true, false]);
  });
  it('the padding ring is the cells outside the image', () => {
    const ring = Array.from({ length: 10 }, (_, r) =>
      Array.from({ length: 10 }, (_, c) => isPadding(r, c, 8, 1)),
    ).flat();
    expect(ring.filter(Boolean)).toHaveLength(100 - 64);
    expect([isPadding(0, 5, 8, 1), isPadding(1, 1, 8, 1), isPadding(9, 9, 8, 1), isPadding(8, 8, 8, 1)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('follows floor((W - K + 2P) / S) + 1', () => {
    expect(outputSize(8, 3, 0, 1)).toBe(6);
    expect(outputSize(8, 3, 1, 1)).toBe(8);
    expect(outputSize(8, 3, 1, 2)).toBe(4);
    expect(outputSize(224, 7, 3, 2)).toBe(112);
    expect(outputSize(7, 3, 0, 2)).toBe(3);
    expect(outputSize(2, 5, 0, 1)).toBe(0);
    for (const [w, k, p, s] of [
      [8, 3, 0, 1],
      [8, 3, 1, 2],
      [9, 2, 2, 3],
    ] as const) {
      const out = convolve2d(
        Array.from({ length: w }, () => new Array<number>(w).fill(1)),
        presetKernel('blur')
          .slice(0, k)
          .map((r) => r.slice(0, k)),
        s,
        p,
      );
      expect(out.length).toBe(outputSize(w, k, p, s));
      expect(out[0]!.length).toBe(outputSize(w, k, p, s));
    }
  });

  it('responds to a vertical step edge with Sobel-x = 4 and nothing elsewhere', () => {
    const step = Array.from({ length: 5 }, () => [0, 0, 1, 1, 1]);
    const out = convolve2d(step, presetKernel('sobel-x'));
    expect(out).toEqual([
      [4, 4, 0],
      [4, 4, 0],
      [4, 4, 0],
    ]);
    expect(
      convolve2d(step, presetKernel('sobel-y'))
        .flat()
        .every((v) => v === 0),
    ).toBe(true);
  });

  it('zero-pads, preserves a constant under blur, and pools', () => {
    const ones = Array.from({ length: 4 }, () => [1, 1, 1, 1]);
    const blurred = convolve2d(ones, presetKernel('blur'), 1, 1);
    expect(blurred[1]![1]).toBeCloseTo(1, 12);
    expect(blurred[0]![0]).toBeCloseTo(4 / 9, 12);
    expect(convolve2d(sampleImage(), presetKernel('identity'), 1, 1)).toEqual(sampleImage());
    const grid = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
      [13, 14, 15, 16],
    ];
    expect(pool2d(grid, 2, 2, 'max')).toEqual([
      [6, 8],
      [14, 16],
    ]);
    expect(pool2d(grid, 2, 2, 'average')).toEqual([
      [3.5, 5.5],
      [11.5, 13.5],
    ]);
    expect(pool2d(grid, 3, 1, 'max')).toEqual([
      [11, 12],
      [15, 16],
    ]);
  });
});

describe('normalisation', () => {
  const x = exampleTensor(4, 3);
  const columnStats = (t: number[][], j: number): [number, number] => {
    const col = t.map((r) => r[j]!);
    const m = col.reduce((a, b) => a + b, 0) / col.length;
    return [m, col.reduce((s, v) => s + (v - m) ** 2, 0) / col.length];
  };

  it('batch norm gives mean ≈ 0 and variance ≈ 1 per feature across the batch', () => {
    const { output, means } = normalise(x, 'batch');
    expect(means).toHaveLength(3);
    for (let j = 0; j < 3; j++) {
      const [m, v] = columnStats(output, j);
      expect(m).toBeCloseTo(0, 10);
      expect(v).toBeCloseTo(1, 3);
    }
  });

  it('layer norm gives mean ≈ 0 and variance ≈ 1 per example across features', () => {
    const { output, means } = normalise(x, 'layer');
    expect(means).toHaveLength(4);
    for (const row of output) {
      const m = row.reduce((a, b) => a + b, 0) / row.length;
      expect(m).toBeCloseTo(0, 10);
      expect(row.reduce((s, v) => s + (v - m) ** 2, 0) / row.length).toBeCloseTo(1, 3);
    }
  });

  it('computes (x - μ)/√(σ² + ε) by hand, and zeroes a batch of one under batch norm', () => {
    const { output } = normalise([[1, 3]], 'layer', 0);
    expect(output).toEqual([[-1, 1]]);
    expect(normalise([[5, -2, 7]], 'batch').output).toEqual([[0, 0, 0]]);
    expect(normalise([[0], [2]], 'batch', 1e-5).output[1]![0]).toBeCloseTo(1 / Math.sqrt(1 + 1e-5), 12);
  });
});

describe('LSTM step', () => {
  const sig = (v: number): number => 1 / (1 + Math.exp(-v));

  it('matches a hand computation of one step', () => {
    const params = toyParams(1);
    const x = 1;
    const h = 0.2;
    const c = 0.5;
    const f = sig(0.5 * h + 1);
    const i = sig(1);
    const o = sig(0.5 * h + 1);
    const g = Math.tanh(2 * x);
    const cell = f * c + i * g;
    const step = lstmStep(params, x, h, c);
    expect(step.forget).toBeCloseTo(f, 14);
    expect(step.input).toBeCloseTo(i, 14);
    expect(step.output).toBeCloseTo(o, 14);
    expect(step.candidate).toBeCloseTo(g, 14);
    expect(step.cell).toBeCloseTo(cell, 14);
    expect(step.hidden).toBeCloseTo(o * Math.tanh(cell), 14);
  });

  it('remembers longer with a larger forget bias', () => {
    const decay = (bias: number): number => {
      const steps = runLstm(toyParams(bias), [1, 0, 0, 0]);
      return steps[3]!.cell / steps[0]!.cell;
    };
    expect(decay(4)).toBeGreaterThan(0.8);
    expect(decay(-4)).toBeLessThan(0.05);
    // With the input gate shut and the forget gate wide open, the cell is carried unchanged.
    const carry = lstmStep({ ...toyParams(50), input: { wx: 0, wh: 0, bias: -50 } }, 0, 0, 0.7);
    expect(carry.cell).toBeCloseTo(0.7, 10);
  });
});
