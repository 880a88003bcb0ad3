// Saving again what could not be saved because another window held the progress lock. A waiting save
// blocks the editor's thread, so it gives up quickly (progressLock.ts); the change stays in memory and is
// saved by a later attempt, with pauses that double up to a ceiling. Nothing is lost meanwhile: every
// attempt merges this window's progress with the file's, and a hung owner's lock turns stale and is broken.
import { LockBusyError } from './progressLock';

/** How an attempt went: saved, the lock still busy, or another failure (reported by the caller). */
export type AttemptResult = 'saved' | 'busy' | 'failed';

export interface RetryDelays {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_DELAYS: RetryDelays = { firstMs: 100, maxMs: 2_000 };

export function isLockBusy(error: unknown): boolean {
  return error instanceof LockBusyError;
}

export class BusyRetry {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delayMs: number;

  constructor(
    private readonly attempt: () => AttemptResult,
    private readonly delays: RetryDelays = DEFAULT_RETRY_DELAYS,
  ) {
    this.delayMs = delays.firstMs;
  }

  /** True while an attempt is waiting to run. */
  get waiting(): boolean {
    return this.timer !== undefined;
  }

  /** A save found the lock busy: try again later, unless an attempt is already waiting. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.attempt() === 'busy') {
        this.delayMs = Math.min(this.delayMs * 2, this.delays.maxMs);
        this.schedule();
      } else this.delayMs = this.delays.firstMs;
    }, this.delayMs);
  }

  /** A save went through (its own or another change's): nothing is left to retry. */
  saved(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.delayMs = this.delays.firstMs;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
