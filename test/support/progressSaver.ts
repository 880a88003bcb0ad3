// A child process for the several-windows test, standing in for one VS Code window.
//   save DIR LABEL COUNT: records COUNT reviews (LABEL-0, LABEL-1, ...), one save each, as fast as it can;
//   load DIR COUNT: opens the progress COUNT times, a few milliseconds apart, as windows starting up would.
// At the end it prints one JSON line: the failures seen, and for `load` the cards and notices of each load.
// Flushing to disk is left out: it is what the kill test checks, and here it only makes 1,000 saves slow.
import { writeFileSync, copyFileSync } from 'node:fs';
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
  for (let index = 0; index < Number(count); index++) {
    try {
      store.update((progress) => recordReview(progress, `${label}-${index}`, 'dropout', 'good', new Date()));
    } catch (error) {
      failures.push(String(error));
    }
  }
  process.stdout.write(`${JSON.stringify({ failures, notices: store.takeNotices() })}\n`);
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
