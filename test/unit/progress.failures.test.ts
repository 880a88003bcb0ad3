// Progress on damaged files and failing storage: partly invalid files and byte-order marks are salvaged;
// read-only storage and a full disk are reported with a way forward, and never cost the last good backup.
// Failures are injected through the file system interface, since root ignores permission bits.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type DurableFileSystem } from '../../src/progress/durableFileSystem';
import {
  emptyProgress,
  mergeProgress,
  parseProgressText,
  serialiseProgress,
  type Progress,
} from '../../src/progress/model';
import { changeMessage, noticeMessage, saveFailureMessage } from '../../src/progress/progressMessages';
import { ProgressFile } from '../../src/progress/progressFile';
import { ProgressStore } from '../../src/progress/progressStore';
import { CLOCK, review, useProgressDirectory } from '../support/progressDirectory';

const { directory, file, files, onDisk } = useProgressDirectory();
const cardsIn = (name = 'progress.json'): string[] => Object.keys(JSON.parse(onDisk(name)).cards).sort();

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** Progress with `count` reviewed cards q0, q1, ... */
function progressWith(count: number): Progress {
  let progress = emptyProgress();
  for (let index = 0; index < count; index++) progress = review(`q${index}`)(progress);
  return progress;
}

/** A file system on which every change fails with `code`, as on read-only storage; reading works. */
function unwritable(code: string): DurableFileSystem {
  const fail = (): never => {
    throw errno(code);
  };
  return {
    ...nodeFileSystem,
    makeDirectory: fail,
    createExclusive: fail,
    writeDurably: fail,
    copyDurably: fail,
    rename: fail,
    remove: fail,
    syncDirectory: fail,
  };
}

/** A file system whose disk fills up half-way through the writes that `fills` picks. */
function fullDisk(fills: (path: string) => boolean): DurableFileSystem {
  const halfThenFail = (path: string, text: string): never => {
    writeFileSync(path, text.slice(0, text.length / 2));
    throw errno('ENOSPC');
  };
  return {
    ...nodeFileSystem,
    writeDurably: (path, text) => (fills(path) ? halfThenFail(path, text) : nodeFileSystem.writeDurably(path, text)),
    copyDurably: (from, to) =>
      fills(to) ? halfThenFail(to, readFileSync(from, 'utf8')) : nodeFileSystem.copyDurably(from, to),
  };
}

describe('salvage', () => {
  it('keeps the 199 valid cards of 200, reports the one dropped, and keeps the original', () => {
    const progress = progressWith(200);
    const raw = JSON.parse(serialiseProgress(progress));
    raw.cards.q42.memory.stability = 'very';
    const original = JSON.stringify(raw);
    writeFileSync(join(directory(), 'progress.json'), original);

    const store = new ProgressStore(file());
    const keptAs = join(directory(), 'progress.salvaged-2025-03-10T12-00-00-000Z.json');
    expect(store.takeNotices()).toEqual([
      {
        kind: 'salvaged',
        dropped: { count: 1, reason: expect.stringContaining('cards.q42.memory.stability') },
        keptAs,
      },
    ]);
    expect(Object.keys(store.progress.cards)).toHaveLength(199);
    expect(store.progress.cards.q42).toBeUndefined();
    expect(store.progress.cards.q41).toEqual(progress.cards.q41);
    expect(readFileSync(keptAs, 'utf8')).toBe(original);
    // The salvaged progress is saved; the partly invalid file never becomes the backup.
    expect(cardsIn()).toHaveLength(199);
    expect(files()).toEqual(['progress.json', 'progress.salvaged-2025-03-10T12-00-00-000Z.json']);
    expect(new ProgressStore(file()).takeNotices()).toEqual([]);
  });

  it('drops an invalid review day alone', () => {
    const raw = JSON.parse(serialiseProgress(progressWith(2)));
    raw.reviewDays.push('yesterday');
    expect(parseProgressText(JSON.stringify(raw))).toMatchObject({
      ok: true,
      progress: { reviewDays: [raw.reviewDays[0]] },
      dropped: { count: 1, reason: expect.stringContaining('reviewDays.1') },
    });
  });

  it('accepts a byte-order mark, when loading and when importing', () => {
    const progress = progressWith(3);
    writeFileSync(join(directory(), 'progress.json'), `\uFEFF${serialiseProgress(progress)}`);
    const store = new ProgressStore(file());
    expect(store.takeNotices()).toEqual([]);
    expect(store.progress).toEqual(progress);
    expect(parseProgressText(`\uFEFF${serialiseProgress(progress)}`)).toEqual({ ok: true, progress });
  });

  it('imports the valid cards of a file with a byte-order mark and an invalid card', () => {
    const raw = JSON.parse(serialiseProgress(progressWith(3)));
    raw.cards.q1.lastRating = 'brilliant';
    const parsed = parseProgressText(`\uFEFF${JSON.stringify(raw)}`);
    expect(parsed).toMatchObject({
      ok: true,
      dropped: { count: 1, reason: expect.stringContaining('cards.q1.lastRating') },
    });
    expect(parsed.ok && Object.keys(parsed.progress.cards)).toEqual(['q0', 'q2']);
  });

  it('tells the learner how many entries were left out and where the original is', () => {
    const message = noticeMessage(
      {
        kind: 'salvaged',
        dropped: { count: 3, reason: 'invalid at cards.q1.due: bad date' },
        keptAs: join(directory(), 'progress.salvaged-x.json'),
      },
      directory(),
    );
    expect(message).toMatchObject({ severity: 'warning', actions: ['Show File'] });
    expect(message.text).toContain('3 invalid entries');
    expect(message.text).toContain('progress.salvaged-x.json');
  });
});

describe('read-only storage', () => {
  it('loads from the backup, leaves the unreadable file where it is, and says nothing can be saved', () => {
    const store = new ProgressStore(file());
    store.update(review('q1'));
    store.update(review('q2'));
    writeFileSync(join(directory(), 'progress.json'), '{"version": 1, "cards": {');

    const readOnly = new ProgressStore(file(unwritable('EROFS')));
    const [notice, ...others] = readOnly.takeNotices();
    expect(others).toEqual([]);
    expect(notice).toMatchObject({
      kind: 'unwritable',
      code: 'EROFS',
      unusable: { problem: 'unreadable', reason: expect.stringContaining('not valid JSON') },
    });
    expect(Object.keys(readOnly.progress.cards)).toEqual(['q1']);
    const message = noticeMessage(notice!, directory());
    expect(message).toMatchObject({ severity: 'error', actions: ['Export Progress...', 'Open Folder'] });
    expect(message.text).toContain('read-only');
    expect(message.text).toContain('could not be read');

    // Answering keeps the review in the window; the failed save is reported, the files are untouched.
    expect(() => readOnly.update(review('q3'))).toThrow(expect.objectContaining({ code: 'EROFS' }));
    expect(Object.keys(readOnly.progress.cards).sort()).toEqual(['q1', 'q3']);
    expect(onDisk()).toBe('{"version": 1, "cards": {');
    expect(files()).toEqual(['progress.json', 'progress.json.bak']);
  });

  it('never writes over an unreadable file it could not set aside', () => {
    writeFileSync(join(directory(), 'progress.json'), 'not json');
    const noRename: DurableFileSystem = {
      ...nodeFileSystem,
      rename: (from, to) => {
        if (from.endsWith('progress.json')) throw errno('EPERM');
        nodeFileSystem.rename(from, to);
      },
    };
    const store = new ProgressStore(file(noRename));
    expect(store.takeNotices()).toEqual([
      expect.objectContaining({
        kind: 'unwritable',
        code: 'EPERM',
        unusable: expect.objectContaining({ problem: 'unreadable' }),
      }),
    ]);
    expect(() => store.update(review('q1'))).toThrow(expect.objectContaining({ code: 'EPERM' }));
    expect(onDisk()).toBe('not json');
    expect(Object.keys(store.progress.cards)).toEqual(['q1']);
  });

  it('loads even when the storage folder does not exist and cannot be created', () => {
    rmSync(directory(), { recursive: true });
    const store = new ProgressStore(file(unwritable('EACCES')));
    expect(store.progress.cards).toEqual({});
    expect(store.takeNotices()).toEqual([expect.objectContaining({ kind: 'unwritable', code: 'EACCES' })]);
  });
});

describe('a full disk', () => {
  for (const [step, fills] of [
    ['the new file', (path: string) => /progress\.json\.[^.]+\.tmp$/.test(path)],
    ['the backup copy', (path: string) => path.includes('.bak')],
  ] as const) {
    it(`during ${step}: the current file and the last good backup survive, and the review is saved later`, () => {
      const store = new ProgressStore(file());
      store.update(review('q1'));
      store.update(review('q2'));
      const current = onDisk();
      const backup = onDisk('progress.json.bak');

      let diskFull = true;
      const full = new ProgressStore(file(fullDisk((path) => diskFull && fills(path))));
      expect(() => full.update(review('q3'))).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
      expect(onDisk()).toBe(current);
      expect(onDisk('progress.json.bak')).toBe(backup);
      expect(files()).toEqual(['progress.json', 'progress.json.bak']);
      expect(Object.keys(full.progress.cards).sort()).toEqual(['q1', 'q2', 'q3']);

      // The next start finds valid progress, with nothing to report.
      const restarted = new ProgressStore(file());
      expect(restarted.takeNotices()).toEqual([]);
      expect(Object.keys(restarted.progress.cards).sort()).toEqual(['q1', 'q2']);

      // Once there is space again, the window's next save writes the review it kept.
      diskFull = false;
      full.update(review('q4'));
      expect(cardsIn()).toEqual(['q1', 'q2', 'q3', 'q4']);
      expect(cardsIn('progress.json.bak')).toEqual(['q1', 'q2']);
    });
  }

  it('says the disk is full and offers to export or open the folder', () => {
    const message = saveFailureMessage(errno('ENOSPC'), directory());
    expect(message).toMatchObject({ severity: 'error', actions: ['Export Progress...', 'Open Folder'] });
    expect(message.text).toContain('the disk is full');
    expect(message.text).toContain('Free some disk space');
    expect(message.text).toContain('kept in this window');
  });
});

describe('import and reset when the save fails', () => {
  it('says a merge was not saved, keeps the merged cards in the window and writes them once there is space', () => {
    new ProgressStore(file()).update(review('q1'));
    const before = onDisk();
    let diskFull = true;
    const store = new ProgressStore(file(fullDisk(() => diskFull)));

    const outcome = store.tryUpdate((current) => mergeProgress(current, progressWith(3)));
    expect(outcome.saved).toBe(false);
    const message = changeMessage('merged', outcome, directory());
    expect(message).toMatchObject({ severity: 'error', actions: ['Export Progress...', 'Open Folder'] });
    expect(message.text).toContain('merged in this window only: saving it failed (the disk is full)');
    expect(message.text).toContain('Free some disk space');
    expect(onDisk()).toBe(before);
    expect(Object.keys(store.progress.cards).sort()).toEqual(['q0', 'q1', 'q2']);

    diskFull = false;
    store.update(review('q3'));
    expect(cardsIn()).toEqual(['q0', 'q1', 'q2', 'q3']);
  });

  it('says a reset on read-only storage was not saved, and deletes nothing', () => {
    new ProgressStore(file()).update(review('q1'));
    const before = files().map((name) => [name, onDisk(name)]);
    const store = new ProgressStore(file(unwritable('EROFS')));

    const outcome = store.tryReplace(emptyProgress());
    const message = changeMessage('reset', outcome, directory());
    expect(message.severity).toBe('error');
    expect(message.text).toContain('reset in this window only: saving it failed (the storage is read-only)');
    expect(message.text).toContain(`Make ${directory()} writable`);
    expect(files().map((name) => [name, onDisk(name)])).toEqual(before);
    expect(store.progress.cards).toEqual({});
  });

  it('tells of another window saving as a short wait, not a failure', () => {
    new ProgressStore(file()).update(review('q1'));
    writeFileSync(
      join(directory(), 'progress.json.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'other', since: Date.now() }),
    );
    const store = new ProgressStore(
      new ProgressFile(directory(), nodeFileSystem, CLOCK, undefined, { staleAfterMs: 60_000, waitLimitMs: 20 }),
    );
    const outcome = store.tryUpdate((current) => mergeProgress(current, progressWith(2)));
    expect(changeMessage('merged', outcome, directory())).toEqual({
      severity: 'info',
      text: 'DL Tutor progress was merged in this window; another DL Tutor window is saving, so it is saved in a moment.',
      actions: [],
    });
    expect(Object.keys(store.progress.cards).sort()).toEqual(['q0', 'q1']);
  });

  it('says where the previous progress is kept when a replace is saved', () => {
    new ProgressStore(file()).update(review('q1'));
    const before = onDisk();
    const store = new ProgressStore(file());

    const outcome = store.tryReplace(progressWith(2));
    expect(outcome).toEqual({ saved: true, keptAs: expect.stringContaining('before-replace') });
    const message = changeMessage('replaced', outcome, directory());
    expect(message).toEqual({
      severity: 'info',
      text: `DL Tutor progress was replaced. The previous progress is kept in ${outcome.saved ? outcome.keptAs : ''}.`,
      actions: [],
    });
    expect(onDisk(basename(outcome.saved ? outcome.keptAs! : ''))).toBe(before);
    expect(cardsIn()).toEqual(['q0', 'q1']);
  });
});
