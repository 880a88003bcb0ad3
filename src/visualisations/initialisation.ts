// Weight initialisation schemes, as the standard deviation of a zero-mean normal per layer.
import type { Random } from '../random';
import { normalSampler } from '../random';

export const INIT_SCHEMES = ['xavier', 'he', 'small', 'unit'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

export const INIT_LABELS: Record<InitScheme, string> = {
  xavier: 'Xavier/Glorot: σ = √(2 / (fan_in + fan_out))',
  he: 'He/Kaiming: σ = √(2 / fan_in)',
  small: 'Small: σ = 0.01',
  unit: 'Unit: σ = 1',
};

export function initStd(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme) {
    case 'xavier':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'he':
      return Math.sqrt(2 / fanIn);
    case 'small':
      return 0.01;
    case 'unit':
      return 1;
  }
}

export type Matrix = number[][];

/** A rows × cols weight matrix (rows = fan_out, cols = fan_in) drawn from N(0, σ²). */
export function sampleWeights(rows: number, cols: number, scheme: InitScheme, random: Random): Matrix {
  const std = initStd(scheme, cols, rows);
  const normal = normalSampler(random);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => std * normal()));
}
