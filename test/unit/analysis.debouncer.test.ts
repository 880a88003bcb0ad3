import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from '../../src/analysis/debouncer';

describe('debouncer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs only the last of a burst, once the burst has been quiet for the delay', () => {
    const debouncer = new Debouncer();
    const runs: number[] = [];
    for (let edit = 1; edit <= 5; edit += 1) {
      debouncer.schedule('a.py', 300, () => runs.push(edit));
      vi.advanceTimersByTime(100);
    }
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(runs).toEqual([5]);
  });

  it('keeps documents apart, and cancels one or all', () => {
    const debouncer = new Debouncer();
    const runs: string[] = [];
    debouncer.schedule('a.py', 10, () => runs.push('a'));
    debouncer.schedule('b.py', 10, () => runs.push('b'));
    debouncer.schedule('c.py', 10, () => runs.push('c'));
    debouncer.cancel('b.py');
    vi.advanceTimersByTime(10);
    expect(runs).toEqual(['a', 'c']);
    debouncer.schedule('a.py', 10, () => runs.push('a again'));
    debouncer.dispose();
    vi.advanceTimersByTime(10);
    expect(runs).toEqual(['a', 'c']);
  });
});
