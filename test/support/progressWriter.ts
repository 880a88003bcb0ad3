// A child process for the kill test: saves one review after another into the progress file in argv[2]
// and reports each finished save on stdout, until it is killed. Like the extension's retry, it saves again
// while another process holds the lock: a predecessor killed between creating the lock and writing its owner
// leaves a lock that only turns stale after it has stayed unchanged for a while.
import { isLockBusy } from '../../src/progress/busyRetry';
import { nodeFileSystem } from '../../src/progress/durableFileSystem';
import { ProgressFile } from '../../src/progress/progressFile';
import { ProgressStore } from '../../src/progress/progressStore';
import { recordReview } from '../../src/progress/reviews';

const store = new ProgressStore(new ProgressFile(process.argv[2]!, nodeFileSystem));
const start = Object.keys(store.progress.cards).length;
for (let index = start; ; index++) {
  saveWhenFree(() => store.update((progress) => recordReview(progress, `q${index}`, 'dropout', 'good', new Date())));
  process.stdout.write(`${index}\n`);
}

function saveWhenFree(save: () => void): void {
  for (;;) {
    try {
      save();
      return;
    } catch (error) {
      if (!isLockBusy(error)) throw error;
    }
  }
}
