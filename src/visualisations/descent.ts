// Gradient descent, momentum and Adam on small 2-D loss surfaces, step by step.

export type Point = readonly [number, number];

export interface Surface {
  id: SurfaceId;
  label: string;
  loss(p: Point): number;
  gradient(p: Point): Point;
  start: Point;
  minimum: Point;
  /** The square drawn around the minimum. */
  extent: { x: [number, number]; y: [number, number] };
}

export const SURFACE_IDS = ['ravine', 'bowl', 'rosenbrock'] as const;
export type SurfaceId = (typeof SURFACE_IDS)[number];

/** f(x, y) = a·x² + b·y², the textbook quadratic; with a ≠ b it is an elongated ravine. */
export function quadratic(a: number, b: number): Pick<Surface, 'loss' | 'gradient'> {
  return {
    loss: ([x, y]) => a * x * x + b * y * y,
    gradient: ([x, y]) => [2 * a * x, 2 * b * y],
  };
}

export const SURFACES: Record<SurfaceId, Surface> = {
  ravine: {
    id: 'ravine',
    label: 'Ravine 0.5x² + 5y²',
    ...quadratic(0.5, 5),
    start: [-4, 1.5],
    minimum: [0, 0],
    extent: { x: [-5, 5], y: [-2.5, 2.5] },
  },
  bowl: {
    id: 'bowl',
    label: 'Round bowl x² + y²',
    ...quadratic(1, 1),
    start: [-4, 3],
    minimum: [0, 0],
    extent: { x: [-5, 5], y: [-5, 5] },
  },
  rosenbrock: {
    id: 'rosenbrock',
    label: 'Rosenbrock (1 - x)² + 10(y - x²)²',
    loss: ([x, y]) => (1 - x) ** 2 + 10 * (y - x * x) ** 2,
    gradient: ([x, y]) => [-2 * (1 - x) - 40 * x * (y - x * x), 20 * (y - x * x)],
    start: [-1.5, 2],
    minimum: [1, 1],
    extent: { x: [-2, 2], y: [-1, 3] },
  },
};

export const OPTIMISERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimiserId = (typeof OPTIMISERS)[number];

export const OPTIMISER_LABELS: Record<OptimiserId, string> = {
  sgd: 'Gradient descent',
  momentum: 'Momentum',
  adam: 'Adam',
};

export interface OptimiserSettings {
  learningRate: number;
  /** Momentum coefficient (PyTorch's `momentum`), also Adam's β1. */
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const DEFAULT_SETTINGS: OptimiserSettings = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

export interface Trajectory {
  points: Point[];
  losses: number[];
  /** Index of the first step whose loss left the finite, bounded range; undefined if it never did. */
  divergedAt: number | undefined;
}

/** Beyond this the run is called diverged and stopped, so the drawing never meets Infinity or NaN. */
export const DIVERGENCE_LOSS = 1e6;

/**
 * Runs `steps` updates from `start`.
 * - sgd:      θ ← θ - lr·g
 * - momentum: v ← β1·v + g;  θ ← θ - lr·v   (PyTorch's SGD with momentum, no dampening)
 * - adam:     m ← β1·m + (1-β1)·g;  s ← β2·s + (1-β2)·g²;  θ ← θ - lr·m̂ / (√ŝ + ε) with bias correction
 */
export function optimise(
  surface: Pick<Surface, 'loss' | 'gradient'>,
  start: Point,
  optimiser: OptimiserId,
  settings: OptimiserSettings,
  steps: number,
): Trajectory {
  const { learningRate: lr, beta1, beta2, epsilon } = settings;
  let p: [number, number] = [start[0], start[1]];
  const v: [number, number] = [0, 0];
  const s: [number, number] = [0, 0];
  const points: Point[] = [[p[0], p[1]]];
  const losses = [surface.loss(p)];
  for (let t = 1; t <= steps; t++) {
    const g = surface.gradient(p);
    const next: [number, number] = [p[0], p[1]];
    for (let i = 0; i < 2; i++) {
      const gi = g[i]!;
      if (optimiser === 'sgd') next[i] = p[i]! - lr * gi;
      else if (optimiser === 'momentum') {
        v[i] = beta1 * v[i]! + gi;
        next[i] = p[i]! - lr * v[i]!;
      } else {
        v[i] = beta1 * v[i]! + (1 - beta1) * gi;
        s[i] = beta2 * s[i]! + (1 - beta2) * gi * gi;
        const mHat = v[i]! / (1 - beta1 ** t);
        const sHat = s[i]! / (1 - beta2 ** t);
        next[i] = p[i]! - (lr * mHat) / (Math.sqrt(sHat) + epsilon);
      }
    }
    p = next;
    const loss = surface.loss(p);
    points.push([p[0], p[1]]);
    losses.push(loss);
    if (!Number.isFinite(loss) || loss > DIVERGENCE_LOSS) return { points, losses, divergedAt: t };
  }
  return { points, losses, divergedAt: undefined };
}

/**
 * Plain gradient descent on a·x² multiplies x by (1 - 2·a·lr) each step, so it diverges exactly when
 * |1 - 2·a·lr| > 1, i.e. lr > 1/a. For a·x² + b·y² the steeper axis decides: lr > 1/max(a, b).
 */
export function criticalLearningRate(curvatures: readonly number[]): number {
  return 1 / Math.max(...curvatures);
}
