// What the learner is told about the progress file, and which way forward each message offers. Pure text
// so the wording is tested; progressService.ts shows it.
import { basename } from 'node:path';
import type { LoadNotice } from './progressFile';
import type { SaveOutcome } from './progressStore';
import { describeError } from '../errorText';

export type ProgressAction = 'Export Progress...' | 'Open Folder' | 'Show File';

export interface ProgressMessage {
  severity: 'info' | 'warning' | 'error';
  text: string;
  actions: ProgressAction[];
  /** The file 'Show File' reveals. */
  file?: string;
}

/** A load or save notice as a message; `directory` is where the progress lives. */
export function noticeMessage(notice: LoadNotice, directory: string): ProgressMessage {
  switch (notice.kind) {
    case 'recovered':
      return { severity: 'info', text: `DL Tutor: progress was restored from the ${notice.from}.`, actions: [] };
    case 'migrated':
      return {
        severity: 'info',
        text: `DL Tutor: progress was upgraded from format ${notice.fromVersion}; the original is kept as ${basename(notice.keptAs)}.`,
        actions: [],
      };
    case 'salvaged':
      return {
        severity: 'warning',
        text:
          `DL Tutor: ${plural(notice.dropped.count, 'invalid entry', 'invalid entries')} in your progress file ${notice.dropped.count === 1 ? 'was' : 'were'} left out ` +
          `(first: ${notice.dropped.reason}); every valid card was kept. The original file is kept, unchanged, as ${basename(notice.keptAs)}.`,
        actions: ['Show File'],
        file: notice.keptAs,
      };
    case 'set-aside': {
      const outcome = notice.restoredFrom
        ? `Progress was restored from the ${notice.restoredFrom}`
        : 'Progress starts afresh';
      const advice =
        notice.problem === 'newer' ? ' To use it, update DL Tutor and run "DL Tutor: Import Progress".' : '';
      return {
        severity: 'warning',
        text: `DL Tutor: ${cause(notice.problem, notice.reason)} It was kept, unchanged, as ${basename(notice.keptAs)}. ${outcome}; nothing was deleted.${advice}`,
        actions: ['Show File'],
        file: notice.keptAs,
      };
    }
    case 'unwritable': {
      const unusable = notice.unusable
        ? ` ${cause(notice.unusable.problem, notice.unusable.reason)} It is left as it is.`
        : '';
      return {
        severity: 'error',
        text: `DL Tutor cannot write to its progress folder (${describe(notice.code, notice.error)}).${unusable} ${KEPT_IN_MEMORY} ${wayForward(notice.code, directory)}`,
        actions: ['Export Progress...', 'Open Folder'],
      };
    }
  }
}

/** A failed save: the review stays in this window; the message says why and what the learner can do. */
export function saveFailureMessage(error: unknown, directory: string): ProgressMessage {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const text = describeError(error);
  return {
    severity: 'error',
    text: `DL Tutor could not save your progress (${describe(code, text)}). ${KEPT_IN_MEMORY} ${wayForward(code, directory)}`,
    actions: ['Export Progress...', 'Open Folder'],
  };
}

const KEPT_IN_MEMORY = 'Your reviews are kept in this window and saved with the next review that can be written.';

/** A change the learner asked for by command: an import merged or replacing their progress, or a reset. */
export type ProgressChange = 'merged' | 'replaced' | 'reset';

/** What the learner is told after an import or a reset: done, or done in this window only because the save failed. */
export function changeMessage(change: ProgressChange, outcome: SaveOutcome, directory: string): ProgressMessage {
  if (outcome.saved) {
    const kept = outcome.keptAs ? ` The previous progress is kept in ${outcome.keptAs}.` : '';
    return { severity: 'info', text: `DL Tutor progress was ${change}.${kept}`, actions: [] };
  }
  const code = (outcome.error as NodeJS.ErrnoException | undefined)?.code;
  // Another window holding the lock is no failure: the change is saved again shortly (busyRetry.ts).
  if (code === 'ELOCKED') {
    return {
      severity: 'info',
      text: `DL Tutor progress was ${change} in this window; another DL Tutor window is saving, so it is saved in a moment.`,
      actions: [],
    };
  }
  const what = {
    merged: 'The imported progress was merged',
    replaced: 'Your progress was replaced by the imported file',
    reset: 'Your progress was reset',
  }[change];
  return {
    severity: 'error',
    text:
      `DL Tutor: ${what} in this window only: saving it failed (${describe(code, describeError(outcome.error))}). ` +
      `It is kept in this window and saved with the next review that can be written; nothing was deleted. ${wayForward(code, directory)}`,
    actions: ['Export Progress...', 'Open Folder'],
  };
}

function wayForward(code: string | undefined, directory: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return `Free some disk space, or use "Export Progress..." to save them elsewhere now.`;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return `Make ${directory} writable (Open Folder shows it), or use "Export Progress..." to save them elsewhere.`;
  }
  return `Check ${directory} (Open Folder shows it), or use "Export Progress..." to save them elsewhere.`;
}

function describe(code: string | undefined, error: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EROFS') return 'the storage is read-only';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error;
}

function cause(problem: 'unreadable' | 'newer', reason: string): string {
  return problem === 'newer'
    ? 'Your progress file was saved by a newer version of DL Tutor.'
    : `Your progress file could not be read (${reason}).`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
