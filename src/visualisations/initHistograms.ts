// Histograms of activations per layer for an initialisation scheme: do they stay spread, collapse, or saturate?
import { randomNetworkPass, type NetworkConfig } from './gradientFlow';

export interface Histogram {
  from: number;
  to: number;
  counts: number[];
  /** Values outside [from, to], counted so nothing silently disappears from the picture. */
  outside: number;
}

export function histogram(values: readonly number[], bins: number, from: number, to: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  let outside = 0;
  for (const v of values) {
    if (v < from || v > to) outside++;
    else counts[Math.min(bins - 1, Math.floor(((v - from) / (to - from)) * bins))]! += 1;
  }
  return { from, to, counts, outside };
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Population standard deviation (divide by n). */
export function std(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length);
}

export interface LayerStats {
  layer: number;
  mean: number;
  std: number;
  histogram: Histogram;
}

/** Activations of each layer for `samples` seeded inputs through one seeded network. */
export function layerActivationStats(
  config: NetworkConfig,
  samples: number,
  bins = 20,
  range: [number, number] = [-1, 1],
): LayerStats[] {
  const perLayer: number[][] = Array.from({ length: config.depth }, () => []);
  for (let s = 0; s < samples; s++) {
    // Same weights (seed) for every sample; only the input changes.
    const pass = randomNetworkPass({ ...config, inputSeed: config.seed * 7919 + s + 1 });
    pass.activations.slice(1).forEach((h, l) => perLayer[l]!.push(...h));
  }
  return perLayer.map((values, l) => ({
    layer: l + 1,
    mean: mean(values),
    std: std(values),
    histogram: histogram(values, bins, range[0], range[1]),
  }));
}
