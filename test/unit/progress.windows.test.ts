// Several VS Code windows share one progress file. Real processes: two save 500 reviews each as fast as
// they can while a third opens the progress again and again, as a window starting up would.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BusyRetry, isLockBusy } from '../../src/progress/busyRetry';
import { nodeFileSystem } from '../../src/progress/durableFileSystem';
import { ProgressFile } from '../../src/progress/progressFile';
import { LockBusyError } from '../../src/progress/progressLock';
import { ProgressStore } from '../../src/progress/progressStore';
import { review } from '../support/progressDirectory';

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

/** Starts a window that hangs mid-save, holding the lock for `holdMs`; resolves once it holds it. */
function hungWindow(directory: string, holdMs: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const hung = spawn(process.execPath, [child, 'hang', directory, String(holdMs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    hung.stdout.once('data', () => resolve(hung));
    hung.on('error', reject);
  });
}

/** Retries the window's save as the editor does after a busy lock; resolves once it is saved. */
function savedByRetry(store: ProgressStore): Promise<void> {
  return new Promise((resolve, reject) => {
    const retry = new BusyRetry(
      () => {
        try {
          store.update((progress) => progress);
          resolve();
          return 'saved';
        } catch (error) {
          if (isLockBusy(error)) return 'busy';
          reject(error as Error);
          return 'failed';
        }
      },
      { firstMs: 50, maxMs: 400 },
    );
    retry.schedule();
  });
}

const exited = (process: ChildProcess): Promise<void> =>
  process.exitCode !== null || process.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => process.once('exit', () => resolve()));

it('a window hung mid-save makes another give up at once, keep its review and save it once the lock is free', async () => {
  const directory = join(work, 'hung');
  const hung = await hungWindow(directory, 4_000);

  const store = new ProgressStore(new ProgressFile(directory, nodeFileSystem));
  // Starting while another window saves is no problem to report.
  expect(store.takeNotices()).toEqual([]);
  expect(() => store.update(review('q1'))).toThrow(LockBusyError);
  // It gave up while the hung window still held the lock, rather than waiting it out.
  expect(hung.exitCode).toBeNull();
  expect(Object.keys(store.progress.cards)).toEqual(['q1']);

  await savedByRetry(store);
  await exited(hung);
  const final = new ProgressFile(directory, nodeFileSystem).load();
  expect(Object.keys(final.progress.cards).sort()).toEqual(['hung', 'q1']);
  expect(readdirSync(directory).sort()).toEqual(['progress.json', 'progress.json.bak']);
}, 60_000);

it('a window killed mid-save leaves a lock that a waiting window breaks, and nothing is lost', async () => {
  const directory = join(work, 'killed');
  const hung = await hungWindow(directory, 60_000);
  const store = new ProgressStore(new ProgressFile(directory, nodeFileSystem));
  expect(() => store.update(review('q1'))).toThrow(LockBusyError);

  hung.kill('SIGKILL');
  await exited(hung);
  expect(existsSync(join(directory, 'progress.json.lock'))).toBe(true);
  await savedByRetry(store);
  expect(Object.keys(new ProgressFile(directory, nodeFileSystem).load().progress.cards)).toEqual(['q1']);
  expect(readdirSync(directory)).toEqual(['progress.json']);
}, 60_000);
