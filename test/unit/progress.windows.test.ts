// Several VS Code windows share one progress file. Real processes: two save 500 reviews each as fast as
// they can while a third opens the progress again and again, as a window starting up would.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nodeFileSystem } from '../../src/progress/durableFileSystem';
import { ProgressFile } from '../../src/progress/progressFile';

const run = promisify(execFile);
let work: string;
let child: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dl-tutor-windows-'));
  child = join(work, 'saver.js');
  await build({
    entryPoints: ['test/support/progressSaver.ts'],
    bundle: true,
    platform: 'node',
    outfile: child,
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function window<T>(...args: string[]): Promise<T & { failures: string[] }> {
  const { stdout } = await run(process.execPath, [child, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as T & { failures: string[] };
}

it('two windows saving 500 times each lose no review and report no failure, while a third keeps loading', async () => {
  const directory = join(work, 'progress');
  const [a, b, loader] = await Promise.all([
    window<{ notices: unknown[] }>('save', directory, 'a', '500'),
    window<{ notices: unknown[] }>('save', directory, 'b', '500'),
    window<{ loads: { cards: number; notices: unknown[] }[] }>('load', directory, '40'),
  ]);
  expect([...a.failures, ...b.failures, ...loader.failures]).toEqual([]);
  expect([...a.notices, ...b.notices]).toEqual([]);

  // Every load found the progress as some save had left it: never missing, never set aside as corrupt.
  expect(loader.loads).toHaveLength(40);
  expect(loader.loads.flatMap((load) => load.notices)).toEqual([]);
  const counts = loader.loads.map((load) => load.cards);
  expect(counts).toEqual([...counts].sort((x, y) => x - y));

  const final = new ProgressFile(directory, nodeFileSystem).load();
  const expected = ['a', 'b'].flatMap((label) => Array.from({ length: 500 }, (_, index) => `${label}-${index}`));
  expect(Object.keys(final.progress.cards).sort()).toEqual(expected.sort());
  expect(final.notices).toEqual([]);
  // No temporary file and no lock is left behind.
  expect(readdirSync(directory).sort()).toEqual(['progress.json', 'progress.json.bak']);
}, 120_000);
