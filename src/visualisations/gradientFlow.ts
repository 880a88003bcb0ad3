// Forward and backward passes through a deep plain MLP, to show per-layer gradient norms vanish or explode.
import { activate, derivative, type ActivationName } from './activations';
import { sampleWeights, type InitScheme, type Matrix } from './initialisation';
import { normalSampler, seededRandom } from '../random';

export type LayerActivation = ActivationName | 'linear';

function act(name: LayerActivation, x: number): number {
  return name === 'linear' ? x : activate(name, x);
}

function actDerivative(name: LayerActivation, x: number): number {
  return name === 'linear' ? 1 : derivative(name, x);
}

export function norm(values: readonly number[]): number {
  return Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
}

function multiply(matrix: Matrix, vector: readonly number[]): number[] {
  return matrix.map((row) => row.reduce((sum, w, j) => sum + w * vector[j]!, 0));
}

function multiplyTransposed(matrix: Matrix, vector: readonly number[]): number[] {
  const out = new Array<number>(matrix[0]?.length ?? 0).fill(0);
  matrix.forEach((row, i) => row.forEach((w, j) => (out[j]! += w * vector[i]!)));
  return out;
}

export interface Pass {
  /** h_0 (the input) to h_L. */
  activations: number[][];
  /** z_1 to z_L, before the non-linearity. */
  preActivations: number[][];
  /** ‖∂L/∂W_l‖_F for l = 1..L; equals ‖∂L/∂z_l‖·‖h_(l-1)‖ because the gradient is an outer product. */
  weightGradientNorms: number[];
  /** ‖∂L/∂h_(l-1)‖ for l = 1..L: the signal each layer sends back to the one below. */
  inputGradientNorms: number[];
}

/** h_l = f(W_l h_(l-1)); the loss gradient at the output is `outputGradient`. */
export function forwardBackward(
  weights: readonly Matrix[],
  activation: LayerActivation,
  input: readonly number[],
  outputGradient: readonly number[],
): Pass {
  const activations: number[][] = [[...input]];
  const preActivations: number[][] = [];
  for (const w of weights) {
    const z = multiply(w, activations[activations.length - 1]!);
    preActivations.push(z);
    activations.push(z.map((v) => act(activation, v)));
  }
  const weightGradientNorms = new Array<number>(weights.length).fill(0);
  const inputGradientNorms = new Array<number>(weights.length).fill(0);
  let upstream = [...outputGradient];
  for (let l = weights.length - 1; l >= 0; l--) {
    const dz = upstream.map((g, i) => g * actDerivative(activation, preActivations[l]![i]!));
    weightGradientNorms[l] = norm(dz) * norm(activations[l]!);
    upstream = multiplyTransposed(weights[l]!, dz);
    inputGradientNorms[l] = norm(upstream);
  }
  return { activations, preActivations, weightGradientNorms, inputGradientNorms };
}

export interface NetworkConfig {
  depth: number;
  width: number;
  activation: LayerActivation;
  init: InitScheme;
  /** Seeds the weights. */
  seed: number;
  /** Seeds the N(0, 1) input separately, so many inputs can pass through the same weights. */
  inputSeed?: number;
}

/** A seeded random square network, a seeded N(0, 1) input, and a unit-norm output gradient. */
export function randomNetworkPass(config: NetworkConfig): Pass {
  const random = seededRandom(config.seed);
  const weights = Array.from({ length: config.depth }, () =>
    sampleWeights(config.width, config.width, config.init, random),
  );
  const normal = normalSampler(seededRandom(config.inputSeed ?? config.seed + 1));
  const input = Array.from({ length: config.width }, () => normal());
  const outputGradient = new Array<number>(config.width).fill(1 / Math.sqrt(config.width));
  return forwardBackward(weights, config.activation, input, outputGradient);
}
