// The learner's progress in memory, saved on every change. Several VS Code windows share one file, so a
// change is applied, under the file's lock, on top of what another window may have saved since.
import { emptyProgress, mergeProgress, type Progress } from './model';
import type { LoadNotice, ProgressFile } from './progressFile';

/** How saving a change went; `keptAs` is the copy of the previous progress a replace keeps. */
export type SaveOutcome = { saved: true; keptAs?: string } | { saved: false; error: unknown };

export class ProgressStore {
  private current: Progress;
  private pending: LoadNotice[];
  /** A replace (reset, import) not saved yet: the next save writes it over whatever another window saved meanwhile. */
  private replacementPending = false;

  constructor(private readonly file: ProgressFile) {
    const loaded = file.load();
    this.current = loaded.progress;
    this.pending = loaded.notices;
  }

  get progress(): Progress {
    return this.current;
  }

  /** Where the progress lives, for messages and the README's promise that it can be found. */
  get path(): string {
    return this.file.path;
  }

  /** What loading (or a later save) found and did, each reported once. */
  takeNotices(): LoadNotice[] {
    const notices = this.pending;
    this.pending = [];
    return notices;
  }

  /**
   * Applies a change on top of the file's latest state and saves it. When the save fails the change is
   * still kept here, so the next save (or an export) includes it; the error is thrown for reporting.
   */
  update(change: (progress: Progress) => Progress): Progress {
    let changed: Progress | undefined;
    try {
      this.accept(this.file.update((onDisk) => (changed = change(this.combine(onDisk)))));
    } catch (error) {
      this.current = changed ?? change(this.current);
      throw error;
    }
    this.replacementPending = false;
    return this.current;
  }

  /**
   * Replaces all progress (reset, import without merging). A copy of the old file is kept first and its
   * path returned; the new generation stops other windows from merging their older copies back in.
   */
  replace(progress: Progress): string | undefined {
    const generation = emptyProgress().generation;
    const replacement = (onDisk: Progress | undefined): Progress => ({
      ...progress,
      generation,
      revision: Math.max(onDisk?.revision ?? 0, this.current.revision, progress.revision),
    });
    let result;
    try {
      result = this.file.update(replacement, 'before-replace');
    } catch (error) {
      this.current = replacement(undefined);
      this.replacementPending = true;
      throw error;
    }
    this.accept(result);
    this.replacementPending = false;
    return result.keptAs;
  }

  /** update() for a change the learner asked for by command: the outcome, for a message that says it, instead of a throw. */
  tryUpdate(change: (progress: Progress) => Progress): SaveOutcome {
    return outcomeOf(() => {
      this.update(change);
      return undefined;
    });
  }

  /** replace() with its outcome instead of a throw. */
  tryReplace(progress: Progress): SaveOutcome {
    return outcomeOf(() => this.replace(progress));
  }

  /** Re-reads the file when another window has saved, so the sidebar and status bar can follow. */
  refresh(): boolean {
    const onDisk = this.file.readCurrent();
    if (!onDisk || onDisk.revision <= this.current.revision) return false;
    this.current = this.combine(onDisk);
    return true;
  }

  private accept(result: { progress: Progress; notices: LoadNotice[] }): void {
    this.current = result.progress;
    this.pending.push(...result.notices);
  }

  /**
   * The file's progress with this window's on top. Within one generation the card-by-card merge keeps
   * every review of both, even one this window could not save before; a newer generation (a reset or
   * replace in another window) wins outright, and this window's own replace not saved yet wins over the file.
   */
  private combine(onDisk: Progress | undefined): Progress {
    if (!onDisk) return this.current;
    if (this.replacementPending) return { ...this.current, revision: Math.max(onDisk.revision, this.current.revision) };
    // Revision 0 was never saved: a start with no file (or while another window was saving the first one),
    // whose reviews join whatever was saved meanwhile rather than lose to it.
    if (onDisk.generation === this.current.generation || this.current.revision === 0)
      return mergeProgress(onDisk, this.current);
    return onDisk.revision > this.current.revision ? onDisk : this.current;
  }
}

function outcomeOf(save: () => string | undefined): SaveOutcome {
  try {
    return { saved: true, keptAs: save() };
  } catch (error) {
    return { saved: false, error };
  }
}
