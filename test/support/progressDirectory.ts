// What the progress tests share: a fresh directory per test, a fixed clock, and views of the files in it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { nodeFileSystem, type DurableFileSystem } from '../../src/progress/durableFileSystem';
import type { Progress } from '../../src/progress/model';
import { ProgressFile } from '../../src/progress/progressFile';
import { recordReview } from '../../src/progress/reviews';

export const NOW = new Date(2025, 2, 10, 9, 30);
/** Names files set aside at 2025-03-10T12-00-00-000Z. */
export const CLOCK = (): Date => new Date(Date.UTC(2025, 2, 10, 12, 0, 0));

export const review =
  (questionId: string, at = NOW) =>
  (progress: Progress): Progress =>
    recordReview(progress, questionId, 'dropout', 'good', at);

/** Registers a temporary directory for each test of the calling file; returns helpers over the current one. */
export function useProgressDirectory() {
  let current = '';
  beforeEach(() => {
    current = mkdtempSync(join(tmpdir(), 'dl-tutor-progress-'));
  });
  afterEach(() => rmSync(current, { recursive: true, force: true }));
  const directory = (): string => current;
  const onDisk = (name = 'progress.json'): string => readFileSync(join(current, name), 'utf8');
  return {
    directory,
    file: (fs: DurableFileSystem = nodeFileSystem): ProgressFile => new ProgressFile(current, fs, CLOCK),
    files: (): string[] => readdirSync(current).sort(),
    onDisk,
  };
}
