// Dropout on a small fully connected network: one seeded mask per training step, inverted scaling.
import { sampleWeights, type Matrix } from './initialisation';
import { seededRandom } from '../random';

export type Mode = 'train' | 'eval';

/** Keep (true) or drop (false) each unit; a unit survives with probability 1 - p. */
export function dropoutMask(size: number, p: number, random: () => number): boolean[] {
  return Array.from({ length: size }, () => random() >= p);
}

/**
 * Inverted dropout, as PyTorch and Keras implement it: in training the survivors are scaled by
 * 1 / (1 - p) so the expected activation is unchanged, and evaluation is the identity.
 */
export function applyDropout(values: readonly number[], mask: readonly boolean[], p: number, mode: Mode): number[] {
  if (mode === 'eval') return [...values];
  if (p >= 1) return values.map(() => 0);
  const scale = 1 / (1 - p);
  return values.map((v, i) => (mask[i] ? v * scale : 0));
}

/** The masks of every hidden layer at one training step; the same (seed, step) always gives the same masks. */
export function stepMasks(hiddenSizes: readonly number[], p: number, seed: number, step: number): boolean[][] {
  // Mixing the step into the seed makes each step independent yet reproducible without replaying earlier steps.
  const random = seededRandom(Math.imul(seed, 0x9e3779b1) ^ Math.imul(step + 1, 0x85ebca77));
  return hiddenSizes.map((size) => dropoutMask(size, p, random));
}

export function keptFraction(masks: readonly (readonly boolean[])[]): number {
  const all = masks.flat();
  return all.length === 0 ? 1 : all.filter(Boolean).length / all.length;
}

/** Seeded weights for a fully connected network with the given layer sizes. */
export function dropoutNetwork(sizes: readonly number[], seed: number): Matrix[] {
  const random = seededRandom(seed);
  return sizes.slice(1).map((size, l) => sampleWeights(size, sizes[l]!, 'he', random));
}

/**
 * Every layer's output: ReLU hidden layers, each followed by dropout with its mask, and a linear output layer.
 * Returns [input, hidden 1, ..., output].
 */
export function dropoutForward(
  weights: readonly Matrix[],
  input: readonly number[],
  masks: readonly (readonly boolean[])[],
  p: number,
  mode: Mode,
): number[][] {
  const layers: number[][] = [[...input]];
  weights.forEach((w, l) => {
    const z = w.map((row) => row.reduce((sum, wij, j) => sum + wij * layers[l]![j]!, 0));
    const hidden = l < weights.length - 1;
    layers.push(
      hidden
        ? applyDropout(
            z.map((v) => Math.max(0, v)),
            masks[l]!,
            p,
            mode,
          )
        : z,
    );
  });
  return layers;
}

/**
 * The network's training output at each step 0..steps-1 (a new mask each step) and its running mean,
 * which settles near the eval-mode output because inverted dropout keeps each unit's expectation.
 */
export function trainingOutputs(
  weights: readonly Matrix[],
  input: readonly number[],
  p: number,
  seed: number,
  steps: number,
): { outputs: number[][]; runningMean: number[][] } {
  const hiddenSizes = weights.slice(0, -1).map((w) => w.length);
  const outputs: number[][] = [];
  const runningMean: number[][] = [];
  for (let step = 0; step < steps; step += 1) {
    const output = dropoutForward(weights, input, stepMasks(hiddenSizes, p, seed, step), p, 'train').at(-1)!;
    const previous = runningMean.at(-1);
    outputs.push(output);
    runningMean.push(output.map((value, k) => (previous ? previous[k]! + (value - previous[k]!) / (step + 1) : value)));
  }
  return { outputs, runningMean };
}
