// A child process for the kill test: saves one review after another into the progress file in argv[2]
// and reports each finished save on stdout, until it is killed.
import { nodeFileSystem } from '../../src/progress/durableFileSystem';
import { ProgressFile } from '../../src/progress/progressFile';
import { ProgressStore } from '../../src/progress/progressStore';
import { recordReview } from '../../src/progress/reviews';

const store = new ProgressStore(new ProgressFile(process.argv[2]!, nodeFileSystem));
const start = Object.keys(store.progress.cards).length;
for (let index = start; ; index++) {
  store.update((progress) => recordReview(progress, `q${index}`, 'dropout', 'good', new Date()));
  process.stdout.write(`${index}\n`);
}
