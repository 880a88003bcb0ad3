// Progress survives a real kill: a child process saves review after review and is killed with SIGKILL
// at a random moment; every save it reported finished must load again, in a valid file.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nodeFileSystem } from '../../src/progress/durableFileSystem';
import { ProgressFile } from '../../src/progress/progressFile';
import { seededRandom } from '../../src/random';

let work: string;
let writer: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dl-tutor-kill-'));
  writer = join(work, 'writer.js');
  await build({
    entryPoints: ['test/support/progressWriter.ts'],
    bundle: true,
    platform: 'node',
    outfile: writer,
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the writer until it has reported `atLeast` saves, then kills it after a random extra delay. */
function writeUntilKilled(directory: string, atLeast: number, extraMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, directory], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lastReported = -1;
    let buffered = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) lastReported = Number(line);
      if (!killing && lastReported >= atLeast) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(lastReported)
        : reject(new Error(`the writer stopped by itself (${signal ?? _code})`)),
    );
  });
}

it('loses no finished save when the saving process is killed mid-write, again and again', async () => {
  const random = seededRandom(7);
  const directory = join(work, 'progress');
  let saved = -1;
  for (let round = 0; round < 8; round++) {
    saved = await writeUntilKilled(directory, saved + 5, Math.floor(random() * 20));
    const loaded = new ProgressFile(directory, nodeFileSystem).load();
    // A report may be lost with the kill, never a save: cards up to the last report are all there.
    const cards = Object.keys(loaded.progress.cards);
    for (let index = 0; index <= saved; index++) expect(cards).toContain(`q${index}`);
    expect(loaded.notices.filter((notice) => notice.kind !== 'recovered')).toEqual([]);
    saved = cards.length - 1;
  }
}, 60_000);
