// The progress file: round trip, migration, corrupt and newer files set aside and reported, crashes in the
// middle of a save, two windows saving in turn, and the lock between them. Real files in a temporary directory.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type DurableFileSystem } from '../../src/progress/durableFileSystem';
import {
  emptyProgress,
  mergeProgress,
  parseProgress,
  parseProgressText,
  PROGRESS_VERSION,
  serialiseProgress,
  type Progress,
} from '../../src/progress/model';
import { ProgressFile } from '../../src/progress/progressFile';
import type { LockTiming } from '../../src/progress/progressLock';
import { ProgressStore } from '../../src/progress/progressStore';
import { recordReview } from '../../src/progress/reviews';
import { CLOCK, NOW, review, useProgressDirectory } from '../support/progressDirectory';

const { directory, file, files, onDisk } = useProgressDirectory();

/** A file system that stops at the final rename and cleans nothing up, like a process killed after writing the temporary file. */
function crashingAtRename(): DurableFileSystem {
  return {
    ...nodeFileSystem,
    rename: (from, to) => {
      if (to.endsWith('progress.json')) throw new Error('killed before rename');
      nodeFileSystem.rename(from, to);
    },
    remove: (path) => {
      if (!path.endsWith('.tmp')) nodeFileSystem.remove(path);
    },
  };
}

describe('progress file', () => {
  it('starts empty, and round-trips every field through the file', () => {
    const first = new ProgressStore(file());
    expect(first.progress.cards).toEqual({});
    expect(first.takeNotices()).toEqual([]);
    first.update(review('q1'));
    first.update(review('q2'));
    const saved = first.progress;

    const second = new ProgressStore(file());
    expect(second.progress).toEqual(saved);
    expect(second.takeNotices()).toEqual([]);
    expect(Object.keys(second.progress.cards)).toEqual(['q1', 'q2']);
    expect(JSON.parse(onDisk()).version).toBe(PROGRESS_VERSION);
  });

  it('keeps the previous save as .bak and leaves no temporary file', () => {
    const store = new ProgressStore(file());
    store.update(review('q1'));
    const afterFirst = onDisk();
    store.update(review('q2'));
    expect(files()).toEqual(['progress.json', 'progress.json.bak']);
    expect(onDisk('progress.json.bak')).toBe(afterFirst);
  });

  it('sets a corrupt file aside under a timestamped name, reports it, and restores the backup', () => {
    const store = new ProgressStore(file());
    store.update(review('q1'));
    store.update(review('q2'));
    writeFileSync(join(directory(), 'progress.json'), '{"version": 1, "cards": {');

    const reopened = new ProgressStore(file());
    const keptAs = join(directory(), 'progress.unreadable-2025-03-10T12-00-00-000Z.json');
    expect(reopened.takeNotices()).toEqual([
      {
        kind: 'set-aside',
        keptAs,
        problem: 'unreadable',
        reason: expect.stringContaining('not valid JSON'),
        restoredFrom: 'backup',
      },
    ]);
    expect(readFileSync(keptAs, 'utf8')).toBe('{"version": 1, "cards": {');
    // The backup held the state before the last save: q1 survives, and the corrupt file itself is kept.
    expect(Object.keys(reopened.progress.cards)).toEqual(['q1']);
    expect(new ProgressStore(file()).progress).toEqual(reopened.progress);
  });

  it('sets aside a file whose frame is invalid and starts afresh when nothing else is usable, deleting nothing', () => {
    writeFileSync(
      join(directory(), 'progress.json'),
      JSON.stringify({ version: 1, generation: 'g', revision: 3, cards: [], reviewDays: [] }),
    );
    const store = new ProgressStore(file());
    const notices = store.takeNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'set-aside',
      problem: 'unreadable',
      reason: expect.stringContaining('cards'),
    });
    expect(notices[0]).not.toHaveProperty('restoredFrom');
    expect(store.progress.cards).toEqual({});
    expect(files()).toEqual(['progress.json', 'progress.unreadable-2025-03-10T12-00-00-000Z.json']);
    expect(JSON.parse(onDisk()).cards).toEqual({});
  });

  it('does not overwrite a file written by a newer version', () => {
    const newer = JSON.stringify({ version: PROGRESS_VERSION + 1, anything: 'new' });
    writeFileSync(join(directory(), 'progress.json'), newer);
    const store = new ProgressStore(file());
    expect(store.takeNotices()[0]).toMatchObject({ kind: 'set-aside', problem: 'newer' });
    store.update(review('q1'));
    expect(readFileSync(join(directory(), 'progress.newer-2025-03-10T12-00-00-000Z.json'), 'utf8')).toBe(newer);
  });

  it('recovers a save interrupted between writing the temporary file and the rename', () => {
    const store = new ProgressStore(file());
    store.update(review('q1'));
    const crashing = new ProgressStore(file(crashingAtRename()));
    expect(() => crashing.update(review('q2'))).toThrow('killed before rename');
    expect(files().filter((name) => /^progress\.json\..+\.tmp$/.test(name))).toHaveLength(1);

    const reopened = new ProgressStore(file());
    expect(reopened.takeNotices()).toEqual([{ kind: 'recovered', from: 'interrupted save' }]);
    expect(Object.keys(reopened.progress.cards).sort()).toEqual(['q1', 'q2']);
    expect(files()).toEqual(['progress.json', 'progress.json.bak']);
    expect(Object.keys(JSON.parse(onDisk()).cards).sort()).toEqual(['q1', 'q2']);
  });

  it('ignores a temporary file truncated by a crash while it was written, losing nothing saved', () => {
    const store = new ProgressStore(file());
    store.update(review('q1'));
    store.update(review('q2'));
    const saved = store.progress;
    const next = serialiseProgress(review('q3')(saved));
    writeFileSync(join(directory(), 'progress.json.1234-abcd.tmp'), next.slice(0, Math.floor(next.length / 2)));

    const reopened = new ProgressStore(file());
    expect(reopened.progress).toEqual(saved);
    expect(reopened.takeNotices()).toEqual([]);
    expect(files()).toEqual(['progress.json', 'progress.json.bak']);
  });

  it('falls back to the backup when the file itself is missing', () => {
    const store = new ProgressStore(file());
    store.update(review('q1'));
    store.update(review('q2'));
    rmSync(join(directory(), 'progress.json'));
    const reopened = new ProgressStore(file());
    expect(reopened.takeNotices()).toEqual([{ kind: 'recovered', from: 'backup' }]);
    expect(Object.keys(reopened.progress.cards)).toEqual(['q1']);
  });
});

describe('several windows', () => {
  it('merge their reviews instead of overwriting each other', () => {
    const a = new ProgressStore(file());
    const b = new ProgressStore(file());
    a.update(review('q1'));
    b.update(review('q2'));
    a.update(review('q3'));
    expect(Object.keys(new ProgressStore(file()).progress.cards).sort()).toEqual(['q1', 'q2', 'q3']);
  });

  it('follow a reset made in another window instead of merging old cards back', () => {
    const a = new ProgressStore(file());
    const b = new ProgressStore(file());
    a.update(review('q1'));
    b.refresh();
    expect(Object.keys(b.progress.cards)).toEqual(['q1']);
    const keptAs = b.replace(emptyProgress());
    expect(keptAs && JSON.parse(readFileSync(keptAs, 'utf8')).cards).toHaveProperty('q1');
    a.update(review('q2'));
    expect(Object.keys(new ProgressStore(file()).progress.cards)).toEqual(['q2']);
  });
});

describe('progress format', () => {
  it('runs the migration hook for older versions, in order', () => {
    const current = recordReview(emptyProgress(), 'q1', 'dropout', 'good', NOW);
    // A hypothetical version 0 that called review days "days" and had no generation.
    const { reviewDays, generation: _generation, ...rest } = current;
    const version0 = { ...rest, version: 0, days: reviewDays };
    const migrations = {
      0: ({ days, ...data }: Record<string, unknown>) => ({ ...data, reviewDays: days, generation: 'migrated' }),
    };
    expect(parseProgress(version0, migrations)).toEqual({
      ok: true,
      progress: { ...current, generation: 'migrated' },
      migratedFrom: 0,
    });
    expect(parseProgress(version0)).toMatchObject({ ok: false, reason: 'no migration from format 0' });
  });

  it('keeps a copy of a file in an older format before writing the migrated one', () => {
    const current = recordReview(emptyProgress(), 'q1', 'dropout', 'good', NOW);
    // The current format has no older one yet, so loading it reports nothing.
    writeFileSync(join(directory(), 'progress.json'), serialiseProgress(current));
    expect(new ProgressFile(directory(), nodeFileSystem, CLOCK).load().notices).toEqual([]);

    const { reviewDays, ...rest } = current;
    const version0 = `${JSON.stringify({ ...rest, version: 0, days: reviewDays })}\n`;
    writeFileSync(join(directory(), 'progress.json'), version0);
    const migrations = { 0: ({ days, ...data }: Record<string, unknown>) => ({ ...data, reviewDays: days }) };
    const loaded = new ProgressFile(directory(), nodeFileSystem, CLOCK, migrations).load();
    const keptAs = join(directory(), 'progress.version-0-2025-03-10T12-00-00-000Z.json');
    expect(loaded.notices).toEqual([{ kind: 'migrated', fromVersion: 0, keptAs }]);
    expect(readFileSync(keptAs, 'utf8')).toBe(version0);
    expect(loaded.progress.cards).toEqual(current.cards);
    expect(JSON.parse(onDisk())).toMatchObject({ version: PROGRESS_VERSION, reviewDays });
  });

  it('exports progress that imports back unchanged, and merges an import into other progress', () => {
    const mine = recordReview(emptyProgress(), 'q1', 'dropout', 'again', NOW);
    const exported = serialiseProgress(recordReview(emptyProgress(), 'q2', 'dropout', 'good', NOW));
    const imported = parseProgressText(exported);
    expect(imported).toEqual({ ok: true, progress: JSON.parse(exported) });
    const store = new ProgressStore(file());
    store.update(() => mine);
    store.update((current) => mergeProgress(current, (imported as { progress: Progress }).progress));
    expect(Object.keys(new ProgressStore(file()).progress.cards).sort()).toEqual(['q1', 'q2']);
    expect(parseProgressText(exported.replace('"good"', '"brilliant"'))).toMatchObject({
      ok: true,
      progress: { cards: {} },
      dropped: { count: 1, reason: expect.stringContaining('cards.q2.lastRating') },
    });
  });

  it('rejects what is not progress', () => {
    expect(parseProgressText('[]')).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(parseProgressText('{"version": "1"}')).toMatchObject({ ok: false, reason: 'no valid version field' });
    expect(parseProgressText('nonsense')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not valid JSON'),
    });
  });

  it('merges card by card, keeping the more recent review, and unites review days', () => {
    const early = recordReview(emptyProgress(), 'q1', 'dropout', 'again', NOW);
    const later = recordReview(
      recordReview(emptyProgress(), 'q1', 'dropout', 'easy', new Date(NOW.getTime() + 86_400_000)),
      'q2',
      'dropout',
      'good',
      NOW,
    );
    const merged = mergeProgress(early, later);
    expect(merged.cards.q1!.lastRating).toBe('easy');
    expect(Object.keys(merged.cards).sort()).toEqual(['q1', 'q2']);
    expect(merged.reviewDays).toHaveLength(2);
    expect(mergeProgress(later, early).cards.q1!.lastRating).toBe('easy');
    expect(merged.generation).toBe(early.generation);
  });
});

describe('the lock that keeps to one writer at a time', () => {
  const lockPath = (): string => join(directory(), 'progress.json.lock');
  const lockedFile = (timing: LockTiming): ProgressFile =>
    new ProgressFile(directory(), nodeFileSystem, CLOCK, undefined, timing);
  const holder = (pid: number, since = Date.now()): string =>
    JSON.stringify({ pid, host: hostname(), token: 'other', since });

  it('waits for a live owner, gives up with a clear error, and keeps the unsaved review in memory', () => {
    const store = new ProgressStore(file());
    store.update(review('q1'));
    const lock = holder(process.pid);
    writeFileSync(lockPath(), lock);
    const waiting = new ProgressStore(lockedFile({ staleAfterMs: 60_000, waitLimitMs: 150 }));
    expect(() => waiting.update(review('q2'))).toThrow(expect.objectContaining({ code: 'ELOCKED' }));
    expect(Object.keys(waiting.progress.cards).sort()).toEqual(['q1', 'q2']);
    expect(readFileSync(lockPath(), 'utf8')).toBe(lock);
    expect(Object.keys(JSON.parse(onDisk()).cards)).toEqual(['q1']);
    // Once the owner is done, the next save writes both reviews.
    rmSync(lockPath());
    waiting.update(review('q3'));
    expect(Object.keys(JSON.parse(onDisk()).cards).sort()).toEqual(['q1', 'q2', 'q3']);
  });

  it('saves a reset that found the lock busy over what another window saved meanwhile', () => {
    const other = new ProgressStore(file());
    other.update(review('q1'));
    const lock = holder(process.pid);
    writeFileSync(lockPath(), lock);
    const resetting = new ProgressStore(lockedFile({ staleAfterMs: 60_000, waitLimitMs: 50 }));
    expect(() => resetting.replace(emptyProgress())).toThrow(expect.objectContaining({ code: 'ELOCKED' }));
    rmSync(lockPath());
    other.update(review('q2'));

    // The retry writes the reset: the learner asked for it after the other window's reviews.
    resetting.update((progress) => progress);
    expect(JSON.parse(onDisk()).cards).toEqual({});
    other.update(review('q3'));
    expect(Object.keys(JSON.parse(onDisk()).cards)).toEqual(['q3']);
  });

  it('breaks a lock whose owner process is gone, an old lock, and a lock left empty', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const timing = { staleAfterMs: 100, waitLimitMs: 5_000 };
    const store = new ProgressStore(lockedFile(timing));
    for (const [index, lock] of [holder(gone), holder(process.pid, Date.now() - 1_000), ''].entries()) {
      writeFileSync(lockPath(), lock);
      store.update(review(`q${index}`));
      expect(files()).toEqual(['progress.json', 'progress.json.bak'].slice(0, index === 0 ? 1 : 2));
    }
    expect(Object.keys(new ProgressStore(file()).progress.cards).sort()).toEqual(['q0', 'q1', 'q2']);
  });
});
