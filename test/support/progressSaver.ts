// A child process for the several-windows test, standing in for one VS Code window.
//   save DIR LABEL COUNT: records COUNT reviews (LABEL-0, LABEL-1, ...), one save each, as fast as it can;
//   load DIR COUNT: opens the progress COUNT times, a few milliseconds apart, as windows starting up would;
//   hang DIR MS: a window that hangs mid-save: it prints `locked` once it holds the lock, then holds it for MS
//   before saving the review `hung` (or until it is killed).
// At the end it prints one JSON line: the failures seen, and for `load` the cards and notices of each load.
// A save that finds the lock busy keeps its review in memory, as a window does, and a later save or retry
// writes it; `busy` counts those saves.
// Flushing to disk is left out: it is what the kill test checks, and here it only makes 1,000 saves slow.
import { writeFileSync, copyFileSync } from 'node:fs';
import { BusyRetry, isLockBusy, type AttemptResult } from '../../src/progress/busyRetry';
import type { Progress } from '../../src/progress/model';
import { nodeFileSystem, type DurableFileSystem } from '../../src/progress/durableFileSystem';
import { ProgressFile } from '../../src/progress/progressFile';
import { ProgressStore } from '../../src/progress/progressStore';
import { recordReview } from '../../src/progress/reviews';

const unflushed: DurableFileSystem = {
  ...nodeFileSystem,
  writeDurably: (path, text) => writeFileSync(path, text, 'utf8'),
  copyDurably: (from, to) => copyFileSync(from, to),
  syncDirectory: () => undefined,
};
const [mode, directory, ...rest] = process.argv.slice(2);
const failures: string[] = [];
if (mode === 'save') {
  const [label, count] = rest;
  const store = new ProgressStore(new ProgressFile(directory!, unflushed));
  let busy = 0;
  const save = (change: (progress: Progress) => Progress): AttemptResult => {
    try {
      store.update(change);
      return 'saved';
    } catch (error) {
      if (isLockBusy(error)) {
        busy += 1;
        return 'busy';
      }
      failures.push(String(error));
      return 'failed';
    }
  };
  let last: AttemptResult = 'saved';
  for (let index = 0; index < Number(count); index++)
    last = save((progress) => recordReview(progress, `${label}-${index}`, 'dropout', 'good', new Date()));
  const finish = (): void => {
    process.stdout.write(`${JSON.stringify({ failures, busy, notices: store.takeNotices() })}\n`);
  };
  if (last !== 'busy') finish();
  else {
    const retry = new BusyRetry(() => {
      const result = save((progress) => progress);
      if (result !== 'busy') finish();
      return result;
    });
    retry.schedule();
  }
} else if (mode === 'hang') {
  const store = new ProgressStore(new ProgressFile(directory!, unflushed));
  store.update((progress) => {
    process.stdout.write('locked\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(rest[0]));
    return recordReview(progress, 'hung', 'dropout', 'good', new Date());
  });
} else {
  const loads: { cards: number; notices: unknown[] }[] = [];
  for (let index = 0; index < Number(rest[0]); index++) {
    try {
      const loaded = new ProgressFile(directory!, unflushed).load();
      loads.push({ cards: Object.keys(loaded.progress.cards).length, notices: loaded.notices });
    } catch (error) {
      failures.push(String(error));
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  process.stdout.write(`${JSON.stringify({ failures, loads })}\n`);
}
