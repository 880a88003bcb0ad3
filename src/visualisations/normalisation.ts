// Batch norm and layer norm on a small (batch × features) tensor: the same formula over different axes.

export type Tensor2 = number[][];
export type NormKind = 'batch' | 'layer';

/** PyTorch's default ε for BatchNorm and LayerNorm. */
export const NORM_EPSILON = 1e-5;

export interface Normalised {
  output: Tensor2;
  /** Batch norm: one statistic per feature (column). Layer norm: one per example (row). */
  means: number[];
  variances: number[];
}

function stats(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  // Biased variance (divide by n), which is what both layers normalise with.
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

/** (x - μ) / √(σ² + ε) with γ = 1, β = 0; batch norm in training mode uses the current batch's statistics. */
export function normalise(x: Tensor2, kind: NormKind, epsilon = NORM_EPSILON): Normalised {
  const rows = x.length;
  const cols = x[0]?.length ?? 0;
  const groups = kind === 'batch' ? cols : rows;
  const valuesOf = (g: number): number[] => (kind === 'batch' ? x.map((row) => row[g]!) : [...x[g]!]);
  const s = Array.from({ length: groups }, (_, g) => stats(valuesOf(g)));
  const output = x.map((row, i) =>
    row.map((v, j) => {
      const { mean, variance } = s[kind === 'batch' ? j : i]!;
      return (v - mean) / Math.sqrt(variance + epsilon);
    }),
  );
  return { output, means: s.map((t) => t.mean), variances: s.map((t) => t.variance) };
}

/** A reproducible example tensor whose features have clearly different scales and offsets. */
export function exampleTensor(batch: number, features: number): Tensor2 {
  return Array.from({ length: batch }, (_, i) =>
    Array.from({ length: features }, (_, j) => {
      const wobble = Math.sin(1.7 * i + 2.3 * j + 0.5) + 0.5 * Math.cos(0.9 * i * (j + 1));
      return Math.round((j * 3 - 2 + (j + 1) * wobble) * 10) / 10;
    }),
  );
}
