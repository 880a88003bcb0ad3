// The retry after a busy progress lock: pauses that double up to a ceiling, one attempt waiting at a time,
// and no more attempts once a save went through or failed for another reason.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BusyRetry, type AttemptResult } from '../../src/progress/busyRetry';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A retry whose attempts answer from `results` in turn, recording when each ran. */
function retryAnswering(results: AttemptResult[]): { retry: BusyRetry; times: number[] } {
  const times: number[] = [];
  const retry = new BusyRetry(
    () => {
      times.push(Date.now());
      return results.shift() ?? 'saved';
    },
    { firstMs: 100, maxMs: 500 },
  );
  return { retry, times };
}

describe('BusyRetry', () => {
  it('waits twice as long after each busy attempt, up to the ceiling, and stops once saved', () => {
    const start = Date.now();
    const { retry, times } = retryAnswering(['busy', 'busy', 'busy', 'busy', 'saved']);
    retry.schedule();
    retry.schedule(); // one attempt waits at a time
    vi.advanceTimersByTime(10_000);
    expect(times.map((time) => time - start)).toEqual([100, 300, 700, 1_200, 1_700]);
    expect(retry.waiting).toBe(false);
  });

  it('starts again from the first pause after a failure, and never runs after a save went through', () => {
    const start = Date.now();
    const { retry, times } = retryAnswering(['busy', 'failed', 'busy']);
    retry.schedule();
    vi.advanceTimersByTime(1_000);
    expect(times.map((time) => time - start)).toEqual([100, 300]);
    retry.schedule();
    retry.saved();
    vi.advanceTimersByTime(1_000);
    expect(times).toHaveLength(2);
  });
});
