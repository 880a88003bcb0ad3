// Activation functions, their exact derivatives, and where they saturate (tiny derivative).

export const ACTIVATIONS = ['relu', 'leaky-relu', 'sigmoid', 'tanh', 'gelu'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const ACTIVATION_LABELS: Record<ActivationName, string> = {
  relu: 'ReLU',
  'leaky-relu': 'Leaky ReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  gelu: 'GELU',
};

/** PyTorch's default negative slope for LeakyReLU. */
export const DEFAULT_LEAKY_SLOPE = 0.01;

export function sigmoid(x: number): number {
  // Split by sign so exp never overflows.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7), plenty for plotting and readouts. */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return sign * (1 - poly * Math.exp(-a * a));
}

/** Standard normal cumulative distribution Φ. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** Standard normal density φ. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

export function activate(name: ActivationName, x: number, slope = DEFAULT_LEAKY_SLOPE): number {
  switch (name) {
    case 'relu':
      return Math.max(0, x);
    case 'leaky-relu':
      return x >= 0 ? x : slope * x;
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return Math.tanh(x);
    case 'gelu':
      return x * normalCdf(x); // the exact form, not the tanh approximation
  }
}

/** The derivative. At the kink x = 0 ReLU-like functions take the left slope, as PyTorch's backward does. */
export function derivative(name: ActivationName, x: number, slope = DEFAULT_LEAKY_SLOPE): number {
  switch (name) {
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'leaky-relu':
      return x > 0 ? 1 : slope;
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(x);
      return 1 - t * t;
    }
    case 'gelu':
      return normalCdf(x) + x * normalPdf(x);
  }
}

export interface Interval {
  from: number;
  to: number;
}

/**
 * The parts of [from, to] where |f'(x)| < threshold: there gradients all but vanish.
 * Found on a fine grid, which is exact enough for shading a plot.
 */
export function saturatedIntervals(
  name: ActivationName,
  from: number,
  to: number,
  threshold = 0.05,
  samples = 2001,
  slope = DEFAULT_LEAKY_SLOPE,
): Interval[] {
  const intervals: Interval[] = [];
  let start: number | undefined;
  let last = from;
  for (let i = 0; i < samples; i++) {
    const x = from + ((to - from) * i) / (samples - 1);
    const saturated = Math.abs(derivative(name, x, slope)) < threshold;
    if (saturated && start === undefined) start = x;
    if (!saturated && start !== undefined) {
      intervals.push({ from: start, to: last });
      start = undefined;
    }
    last = x;
  }
  if (start !== undefined) intervals.push({ from: start, to });
  return intervals;
}
