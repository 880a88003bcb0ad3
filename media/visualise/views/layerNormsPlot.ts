// Axes for norms per layer on a log₁₀ scale, shared by the pictures of gradients through deep stacks.
import { setUpPlot, type Plot } from '../svg';

/** log₁₀ that stays finite for a norm that underflowed to 0. */
export function log10Norm(value: number): number {
  return Math.log10(Math.max(value, 1e-300));
}

/** A plot over layers 1..depth whose y-axis spans every log norm given, and at least ±`minimumSpan`. */
export function layerNormsPlot(svg: SVGSVGElement, depth: number, logs: readonly number[], minimumSpan: number): Plot {
  const lo = Math.floor(Math.min(-minimumSpan, ...logs));
  const hi = Math.ceil(Math.max(minimumSpan, ...logs));
  const tickStep = Math.max(1, Math.ceil((hi - lo) / 6));
  const yTicks = Array.from({ length: Math.floor((hi - lo) / tickStep) + 1 }, (_, i) => lo + i * tickStep);
  return setUpPlot(svg, {
    width: 440,
    height: 240,
    x: [1, depth],
    y: [lo, hi],
    xTicks: [1, Math.round(depth / 2), depth],
    yTicks,
    xLabel: 'layer',
    yLabel: 'log₁₀ norm',
    yTickFormat: (v) => `1e${v}`,
  });
}
