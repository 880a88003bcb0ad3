// Keeps progress in one JSON file that survives crashes and is shared by several VS Code windows.
//
// Every save and every load with a repair runs under the lock (progressLock.ts), so one window writes at a
// time and each save is read-merge-write on the latest file. A save writes the new progress to a
// temporary file unique to this writer and flushes it, copies the current file to a unique temporary
// backup and renames that over .bak, then renames the new file over the current one: a crash or a full
// disk at any step leaves the current file and the last complete backup as they were. Loading picks the
// newest valid copy, keeps every valid card of a partly invalid file (with a copy of the original), sets
// an unreadable file aside under a timestamped name, and never deletes one.
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { nodeFileSystem, type DurableFileSystem } from './durableFileSystem';
import {
  emptyProgress,
  MIGRATIONS,
  parseProgressText,
  serialiseProgress,
  type Dropped,
  type Migration,
  type Progress,
} from './model';
import { DEFAULT_LOCK_TIMING, LockBusyError, withLock, type LockSighting, type LockTiming } from './progressLock';
import { describeError } from '../errorText';

export const PROGRESS_FILE_NAME = 'progress.json';

type Source = 'interrupted save' | 'backup';

export type LoadNotice =
  /** The progress file could not be used; it was renamed to `keptAs`, nothing was deleted. */
  | { kind: 'set-aside'; keptAs: string; problem: 'unreadable' | 'newer'; reason: string; restoredFrom?: Source }
  /** Some cards (or review days) were invalid and left out; the original file was copied to `keptAs`. */
  | { kind: 'salvaged'; dropped: Dropped; keptAs: string }
  /** A save was interrupted after its data reached the disk, or the file was missing but its backup was not. */
  | { kind: 'recovered'; from: Source }
  | { kind: 'migrated'; fromVersion: number; keptAs: string }
  /**
   * Nothing could be written (read-only or full storage): progress is kept in memory only. An unusable
   * file is then left exactly where it is, and `unusable` says why it was not used.
   */
  | {
      kind: 'unwritable';
      error: string;
      code?: string;
      unusable?: { problem: 'unreadable' | 'newer'; reason: string };
    };

export interface LoadResult {
  progress: Progress;
  notices: LoadNotice[];
}

export interface SaveResult {
  /** What was saved, its revision incremented. */
  progress: Progress;
  /** A file found unusable or partly invalid during the save is kept aside first, and reported here. */
  notices: LoadNotice[];
  /** Where the copy asked for with `keepCopyAs` went; undefined when there was no file to copy. */
  keptAs?: string;
}

type Candidate =
  | { state: 'missing' }
  | { state: 'invalid'; problem: 'unreadable' | 'newer'; reason: string }
  | { state: 'valid'; progress: Progress; migratedFrom?: number; dropped?: Dropped };

export class ProgressFile {
  readonly path: string;
  readonly backupPath: string;
  readonly lockPath: string;
  /** Unique per writer, so two windows never write the same temporary file. */
  private readonly tempPath: string;
  private readonly backupTempPath: string;
  /**
   * The text this writer last saved or read intact, and its progress: an unchanged file (the usual case at a
   * save) is not parsed and validated again. A file another window changed is parsed and validated whole:
   * telling which of its cards changed would mean parsing all of it anyway.
   */
  private known: { text: string; progress: Progress } | undefined;
  /** What this writer last saw of another's lock, kept across its attempts to save. */
  private readonly lockSeen: { last?: LockSighting } = {};

  constructor(
    readonly directory: string,
    private readonly fs: DurableFileSystem = nodeFileSystem,
    private readonly clock: () => Date = () => new Date(),
    private readonly migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
    private readonly lockTiming: LockTiming = DEFAULT_LOCK_TIMING,
  ) {
    this.path = join(directory, PROGRESS_FILE_NAME);
    this.backupPath = `${this.path}.bak`;
    this.lockPath = `${this.path}.lock`;
    const writer = `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.tempPath = `${this.path}.${writer}.tmp`;
    this.backupTempPath = `${this.backupPath}.${writer}.tmp`;
  }

  load(): LoadResult {
    let locked: LoadResult | undefined;
    try {
      this.fs.makeDirectory(this.directory);
      locked = withLock(this.fs, this.lockPath, () => this.loadLocked(), this.lockTiming, this.lockSeen);
    } catch (error) {
      // No lock, or no write under it: read what is there and change nothing on disk. Another window saving
      // is no problem to report: repairs, if any are needed, happen with the next save.
      return this.loadReadOnly(error instanceof LockBusyError ? undefined : error);
    }
    return locked;
  }

  /** The progress on disk now, for noticing a save from another window; undefined when missing or unusable. */
  readCurrent(): Progress | undefined {
    const current = this.read(this.path);
    return current.state === 'valid' ? current.progress : undefined;
  }

  /**
   * Under the lock: reads the current file, lets `compute` build the new progress from it (undefined when
   * there is none usable), and saves that. With `keepCopyAs`, the current file is first copied aside.
   */
  update(compute: (onDisk: Progress | undefined) => Progress, keepCopyAs?: string): SaveResult {
    this.fs.makeDirectory(this.directory);
    return withLock(
      this.fs,
      this.lockPath,
      () => {
        const onDisk = this.read(this.path);
        const keptAs = keepCopyAs && onDisk.state !== 'missing' ? this.copyAside(keepCopyAs) : undefined;
        const saved = this.write(compute(onDisk.state === 'valid' ? onDisk.progress : undefined), onDisk);
        return { ...saved, ...(keptAs ? { keptAs } : {}) };
      },
      this.lockTiming,
      this.lockSeen,
    );
  }

  private loadLocked(): LoadResult {
    const main = this.read(this.path);
    // Under the lock no save is running, so every temporary file was left by one that crashed.
    const temporary = this.temporaryFiles();
    const interrupted = temporary.map((path) => this.read(path)).reduce(newerValid, { state: 'missing' } as Candidate);
    const backup = this.read(this.backupPath);

    let chosen: { progress: Progress; from: 'current' | Source } | undefined;
    if (main.state === 'valid') chosen = { progress: main.progress, from: 'current' };
    // A complete temporary file newer than the current one is a save that crashed just before its rename.
    if (interrupted.state === 'valid' && (!chosen || interrupted.progress.revision > chosen.progress.revision)) {
      chosen = { progress: interrupted.progress, from: 'interrupted save' };
    }
    if (!chosen && backup.state === 'valid') chosen = { progress: backup.progress, from: 'backup' };

    const needsRepair =
      main.state === 'invalid' ||
      (main.state === 'valid' && (main.dropped || main.migratedFrom !== undefined)) ||
      (chosen && chosen.from !== 'current');
    let result: LoadResult = { progress: chosen?.progress ?? emptyProgress(), notices: [] };
    if (needsRepair) {
      // Writing back completes a recovery, a salvage or a migration, keeping the original aside first.
      try {
        const saved = this.write(result.progress, main);
        result = {
          progress: saved.progress,
          notices: saved.notices.map((notice) => withRestoredFrom(notice, chosen?.from)),
        };
      } catch (error) {
        result.notices.push(unwritable(error, main));
      }
      if (chosen && chosen.from !== 'current' && main.state !== 'invalid')
        result.notices.push({ kind: 'recovered', from: chosen.from });
    }
    for (const path of temporary) this.removeQuietly(path);
    return result;
  }

  /** `error` says why nothing may be written; there is none when another window is merely saving. */
  private loadReadOnly(error?: unknown): LoadResult {
    const readable = (path: string): Candidate => {
      try {
        return this.read(path);
      } catch {
        return { state: 'missing' };
      }
    };
    const main = readable(this.path);
    const backup = readable(this.backupPath);
    const progress =
      main.state === 'valid' ? main.progress : backup.state === 'valid' ? backup.progress : emptyProgress();
    return { progress, notices: error === undefined ? [] : [unwritable(error, main)] };
  }

  /**
   * Writes `progress` over the current file (`onDisk`, as just read). An unusable current file is renamed
   * aside and a partly invalid or older-format one copied aside first; if that fails nothing is written.
   */
  private write(progress: Progress, onDisk: Candidate): SaveResult {
    const notices: LoadNotice[] = [];
    if (onDisk.state === 'invalid') {
      notices.push({
        kind: 'set-aside',
        keptAs: this.setAside(onDisk.problem),
        problem: onDisk.problem,
        reason: onDisk.reason,
      });
    } else if (onDisk.state === 'valid' && onDisk.dropped) {
      notices.push({ kind: 'salvaged', dropped: onDisk.dropped, keptAs: this.copyAside('salvaged') });
    } else if (onDisk.state === 'valid' && onDisk.migratedFrom !== undefined) {
      notices.push({
        kind: 'migrated',
        fromVersion: onDisk.migratedFrom,
        keptAs: this.copyAside(`version-${onDisk.migratedFrom}`),
      });
    }
    const saved = { ...progress, revision: progress.revision + 1 };
    const text = serialiseProgress(saved);
    this.writeThenRename(this.tempPath, (path) => this.fs.writeDurably(path, text), undefined);
    try {
      // Only a fully valid file becomes the backup: the last good backup is never replaced by a worse one.
      if (onDisk.state === 'valid' && !onDisk.dropped)
        this.writeThenRename(this.backupTempPath, (path) => this.fs.copyDurably(this.path, path), this.backupPath);
      this.fs.rename(this.tempPath, this.path);
    } catch (error) {
      this.removeQuietly(this.tempPath);
      throw error;
    }
    this.fs.syncDirectory(this.directory);
    this.known = { text, progress: saved };
    return { progress: saved, notices };
  }

  /** Fills `temporary` and renames it to `target` (when given); a failure removes the partial file. */
  private writeThenRename(temporary: string, fill: (path: string) => void, target: string | undefined): void {
    try {
      fill(temporary);
      if (target) this.fs.rename(temporary, target);
    } catch (error) {
      this.removeQuietly(temporary);
      throw error;
    }
  }

  private copyAside(label: string): string {
    const copy = this.timestampedPath(label);
    this.writeThenRename(`${copy}.tmp`, (path) => this.fs.copyDurably(this.path, path), copy);
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

  private temporaryFiles(): string[] {
    const prefix = `${PROGRESS_FILE_NAME}.`;
    return this.fs
      .list(this.directory)
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
      .map((name) => join(this.directory, name));
  }

  private removeQuietly(path: string): void {
    try {
      this.fs.remove(path);
    } catch {
      // A leftover temporary file is ignored or recovered by the next load.
    }
  }

  private read(path: string): Candidate {
    const text = this.fs.read(path);
    if (text === undefined) return { state: 'missing' };
    if (text === this.known?.text) return { state: 'valid', progress: this.known.progress };
    const parsed = parseProgressText(text, this.migrations);
    if (!parsed.ok) return { state: 'invalid', problem: parsed.problem, reason: parsed.reason };
    if (parsed.migratedFrom === undefined && !parsed.dropped) this.known = { text, progress: parsed.progress };
    return {
      state: 'valid',
      progress: parsed.progress,
      ...(parsed.migratedFrom !== undefined ? { migratedFrom: parsed.migratedFrom } : {}),
      ...(parsed.dropped ? { dropped: parsed.dropped } : {}),
    };
  }
}

function newerValid(best: Candidate, next: Candidate): Candidate {
  if (next.state !== 'valid') return best;
  return best.state === 'valid' && best.progress.revision >= next.progress.revision ? best : next;
}

function withRestoredFrom(notice: LoadNotice, from: 'current' | Source | undefined): LoadNotice {
  return notice.kind === 'set-aside' && from && from !== 'current' ? { ...notice, restoredFrom: from } : notice;
}

function unwritable(error: unknown, main: Candidate): LoadNotice {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return {
    kind: 'unwritable',
    error: describeError(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(main.state === 'invalid' ? { unusable: { problem: main.problem, reason: main.reason } } : {}),
  };
}
