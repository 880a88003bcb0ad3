// Training and validation loss curves of an over-fitting model, and where early stopping with patience halts.
import { seededRandom } from '../random';

export interface Curves {
  train: number[];
  validation: number[];
}

export interface CurveSettings {
  epochs: number;
  /** How fast the model starts memorising noise: the slope of the generalisation gap. */
  overfitting: number;
  /** Amplitude of epoch-to-epoch validation noise. */
  noise: number;
  seed: number;
}

/**
 * train(t) = 0.1 + 2·e^(-t/8) keeps falling; validation(t) = train(t) + overfitting·t + noise, so the
 * validation loss first follows the training loss and then turns up.
 */
export function lossCurves({ epochs, overfitting, noise, seed }: CurveSettings): Curves {
  const random = seededRandom(seed);
  const train: number[] = [];
  const validation: number[] = [];
  for (let t = 0; t < epochs; t++) {
    const base = 0.1 + 2 * Math.exp(-t / 8);
    train.push(base);
    validation.push(base + 0.15 + overfitting * t + noise * (random() - 0.5));
  }
  return { train, validation };
}

export interface StopDecision {
  /** Epoch (0-based) whose weights are restored: the lowest validation loss seen before stopping. */
  bestEpoch: number;
  /** Epoch after which training stopped; the last epoch if patience never ran out. */
  stoppedEpoch: number;
  stoppedEarly: boolean;
}

/**
 * Keras-style early stopping: an epoch improves if it beats the best loss by more than minDelta;
 * after `patience` epochs in a row without improvement, stop.
 */
export function earlyStop(validation: readonly number[], patience: number, minDelta = 0): StopDecision {
  let best = Infinity;
  let bestEpoch = 0;
  let waited = 0;
  for (let t = 0; t < validation.length; t++) {
    if (validation[t]! < best - minDelta) {
      best = validation[t]!;
      bestEpoch = t;
      waited = 0;
    } else if (++waited >= patience) return { bestEpoch, stoppedEpoch: t, stoppedEarly: true };
  }
  return { bestEpoch, stoppedEpoch: validation.length - 1, stoppedEarly: false };
}
