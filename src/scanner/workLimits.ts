// Limits on the work one scan or check run may do on the editor's shared extension-host thread, and
// the notes that say where a result was cut short.
import { performance } from 'node:perf_hooks';

/** Why a result is partial: out of time, nested too deep, or an internal error caught on the way. */
export interface WorkLimit {
  kind: 'time' | 'depth' | 'error';
  /** 0-based line where the work stopped or the limit applied; -1 when unknown. */
  line: number;
  message: string;
}

export interface WorkOptions {
  /** Milliseconds after which the work stops and returns what it has; unlimited when absent. */
  timeBudgetMs?: number;
  /** Millisecond clock, replaceable in tests; defaults to performance.now. */
  clock?: () => number;
}

/** Default time budget for one scan, and again for one check run, in the editor and the command line. */
export const DEFAULT_TIME_BUDGET_MS = 1000;

/** Bracket depth beyond which calls and names are not analysed (the tokens are still read, so the file goes on). */
export const MAX_ANALYSED_DEPTH = 100;

export class Deadline {
  private readonly end: number;
  private readonly clock: () => number;
  private expired = false;

  constructor(options: WorkOptions = {}) {
    this.clock = options.clock ?? (() => performance.now());
    this.end = options.timeBudgetMs === undefined ? Infinity : this.clock() + options.timeBudgetMs;
  }

  /** True once the budget is spent; stays true. Cheap enough to ask once per statement. */
  passed(): boolean {
    if (!this.expired && this.end !== Infinity && this.clock() > this.end) this.expired = true;
    return this.expired;
  }
}
