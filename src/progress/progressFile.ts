// Keeps progress in one JSON file that survives crashes. A save writes a temporary file and flushes it,
// copies the current file to .bak, then renames the temporary file over the current one. Loading picks
// the newest valid copy, sets an unreadable file aside under a timestamped name, and never deletes it.
import { basename, join } from 'node:path';
import { nodeFileSystem, type DurableFileSystem } from './durableFileSystem';
import { emptyProgress, MIGRATIONS, parseProgressText, serialiseProgress, type Migration, type Progress } from './model';

export const PROGRESS_FILE_NAME = 'progress.json';

export type LoadNotice =
  /** The progress file could not be used; it was renamed to `keptAs`, nothing was deleted. */
  | { kind: 'set-aside'; keptAs: string; problem: 'unreadable' | 'newer'; reason: string; restoredFrom?: 'interrupted save' | 'backup' }
  /** A save was interrupted after its data reached the disk, or the file was missing but its backup was not. */
  | { kind: 'recovered'; from: 'interrupted save' | 'backup' }
  | { kind: 'migrated'; fromVersion: number; keptAs: string };

export interface LoadResult {
  progress: Progress;
  notices: LoadNotice[];
}

type Candidate =
  | { state: 'missing' }
  | { state: 'invalid'; problem: 'unreadable' | 'newer'; reason: string }
  | { state: 'valid'; progress: Progress; migratedFrom?: number };

export class ProgressFile {
  readonly path: string;
  readonly tempPath: string;
  readonly backupPath: string;

  constructor(
    readonly directory: string,
    private readonly fs: DurableFileSystem = nodeFileSystem,
    private readonly clock: () => Date = () => new Date(),
    private readonly migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  ) {
    this.path = join(directory, PROGRESS_FILE_NAME);
    this.tempPath = `${this.path}.tmp`;
    this.backupPath = `${this.path}.bak`;
  }

  load(): LoadResult {
    this.fs.makeDirectory(this.directory);
    const notices: LoadNotice[] = [];
    const main = this.read(this.path);
    const temp = this.read(this.tempPath);
    const backup = this.read(this.backupPath);

    let chosen: { progress: Progress; from: 'current' | 'interrupted save' | 'backup' } | undefined;
    if (main.state === 'valid') chosen = { progress: main.progress, from: 'current' };
    // A complete temporary file newer than the current one is a save that crashed just before its rename.
    if (temp.state === 'valid' && (!chosen || temp.progress.revision > chosen.progress.revision)) chosen = { progress: temp.progress, from: 'interrupted save' };
    if (!chosen && backup.state === 'valid') chosen = { progress: backup.progress, from: 'backup' };

    if (main.state === 'invalid') {
      const keptAs = this.setAside(main.problem === 'newer' ? 'newer' : 'unreadable');
      notices.push({ kind: 'set-aside', keptAs, problem: main.problem, reason: main.reason, ...(chosen && chosen.from !== 'current' ? { restoredFrom: chosen.from } : {}) });
    } else if (chosen && chosen.from !== 'current') {
      notices.push({ kind: 'recovered', from: chosen.from });
    }
    if (main.state === 'valid' && main.migratedFrom !== undefined && chosen?.from === 'current') {
      notices.push({ kind: 'migrated', fromVersion: main.migratedFrom, keptAs: this.keepCopy(`version-${main.migratedFrom}`)! });
    }

    if (!chosen) {
      this.fs.remove(this.tempPath);
      return { progress: emptyProgress(), notices };
    }
    // Writing back completes a recovery or a migration; otherwise it only removes a stale temporary file.
    if (chosen.from !== 'current' || notices.length > 0) return { progress: this.save(chosen.progress), notices };
    this.fs.remove(this.tempPath);
    return { progress: chosen.progress, notices };
  }

  /** The progress on disk now, for noticing a save from another window; undefined when missing or unusable. */
  readCurrent(): Progress | undefined {
    const current = this.read(this.path);
    return current.state === 'valid' ? current.progress : undefined;
  }

  /** Saves atomically and returns what was saved (with its revision incremented). */
  save(progress: Progress): Progress {
    const saved = { ...progress, revision: progress.revision + 1 };
    this.fs.makeDirectory(this.directory);
    this.fs.writeDurably(this.tempPath, serialiseProgress(saved));
    if (this.fs.exists(this.path)) this.fs.copyDurably(this.path, this.backupPath);
    this.fs.rename(this.tempPath, this.path);
    this.fs.syncDirectory(this.directory);
    return saved;
  }

  /** Copies the current file to a timestamped name, e.g. before a reset; undefined when there is no file. */
  keepCopy(label: string): string | undefined {
    if (!this.fs.exists(this.path)) return undefined;
    const copy = this.timestampedPath(label);
    this.fs.copyDurably(this.path, copy);
    return copy;
  }

  private setAside(label: string): string {
    const keptAs = this.timestampedPath(label);
    this.fs.rename(this.path, keptAs);
    this.fs.syncDirectory(this.directory);
    return keptAs;
  }

  private timestampedPath(label: string): string {
    const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
    return join(this.directory, `${basename(this.path, '.json')}.${label}-${stamp}.json`);
  }

  private read(path: string): Candidate {
    const text = this.fs.read(path);
    if (text === undefined) return { state: 'missing' };
    const parsed = parseProgressText(text, this.migrations);
    if (!parsed.ok) return { state: 'invalid', problem: parsed.problem, reason: parsed.reason };
    return { state: 'valid', progress: parsed.progress, ...(parsed.migratedFrom !== undefined ? { migratedFrom: parsed.migratedFrom } : {}) };
  }
}
