// A deep stack with and without skip connections: how large the gradient that reaches each layer is.
// Plain: h_l = f(W_l h_(l-1)). Residual: h_l = h_(l-1) + f(W_l h_(l-1)), whose Jacobian I + ∂f/∂h keeps an
// identity path for the gradient. Pure.
import type { ActivationName } from './activations';
import { activate, derivative } from './activations';
import { norm } from './gradientFlow';
import { sampleWeights, type InitScheme, type Matrix } from './initialisation';
import { normalSampler, seededRandom } from '../random';

export interface StackConfig {
  depth: number;
  width: number;
  activation: ActivationName;
  init: InitScheme;
  seed: number;
}

export interface StackPass {
  /** ‖∂L/∂h_l‖ for l = 0..L-1: the gradient each layer's input receives (index 0 is the first layer). */
  gradientNorms: number[];
  /** ‖h_l‖ for l = 1..L, to show what the forward pass does with the same weights. */
  activationNorms: number[];
}

export function stackPass(
  weights: readonly Matrix[],
  activation: ActivationName,
  input: readonly number[],
  outputGradient: readonly number[],
  residual: boolean,
): StackPass {
  const hs: number[][] = [[...input]];
  const zs: number[][] = [];
  for (const w of weights) {
    const h = hs.at(-1)!;
    const z = w.map((row) => row.reduce((sum, wij, j) => sum + wij * h[j]!, 0));
    zs.push(z);
    hs.push(z.map((v, i) => (residual ? h[i]! : 0) + activate(activation, v)));
  }
  const gradientNorms = new Array<number>(weights.length).fill(0);
  let upstream = [...outputGradient];
  for (let l = weights.length - 1; l >= 0; l--) {
    const dz = upstream.map((g, i) => g * derivative(activation, zs[l]![i]!));
    const throughBranch = new Array<number>(input.length).fill(0);
    weights[l]!.forEach((row, i) => row.forEach((w, j) => (throughBranch[j]! += w * dz[i]!)));
    upstream = residual ? throughBranch.map((g, j) => g + upstream[j]!) : throughBranch;
    gradientNorms[l] = norm(upstream);
  }
  return { gradientNorms, activationNorms: hs.slice(1).map(norm) };
}

/** The same seeded weights, input and unit output gradient through the plain and the residual stack. */
export function compareStacks(config: StackConfig): { plain: StackPass; residual: StackPass } {
  const random = seededRandom(config.seed);
  const weights = Array.from({ length: config.depth }, () =>
    sampleWeights(config.width, config.width, config.init, random),
  );
  const normal = normalSampler(seededRandom(config.seed + 1));
  const input = Array.from({ length: config.width }, () => normal());
  const outputGradient = new Array<number>(config.width).fill(1 / Math.sqrt(config.width));
  return {
    plain: stackPass(weights, config.activation, input, outputGradient, false),
    residual: stackPass(weights, config.activation, input, outputGradient, true),
  };
}
