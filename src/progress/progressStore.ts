// The learner's progress in memory, saved on every change. Several VS Code windows share one file, so a
// change is applied on top of what another window may have saved since.
import { emptyProgress, mergeProgress, type Progress } from './model';
import type { LoadNotice, ProgressFile } from './progressFile';

export class ProgressStore {
  private current: Progress;
  readonly notices: readonly LoadNotice[];

  constructor(private readonly file: ProgressFile) {
    const loaded = file.load();
    this.current = loaded.progress;
    this.notices = loaded.notices;
  }

  get progress(): Progress {
    return this.current;
  }

  /** Where the progress lives, for messages and the README's promise that it can be found. */
  get path(): string {
    return this.file.path;
  }

  update(change: (progress: Progress) => Progress): Progress {
    this.current = this.file.save(change(this.latest()));
    return this.current;
  }

  /**
   * Replaces all progress (reset, import without merging). A copy of the old file is kept first and its
   * path returned; the new generation stops other windows from merging their older copies back in.
   */
  replace(progress: Progress): string | undefined {
    const keptAs = this.file.keepCopy('before-replace');
    const revision = Math.max(this.latest().revision, progress.revision);
    this.current = this.file.save({ ...progress, generation: emptyProgress().generation, revision });
    return keptAs;
  }

  /** Re-reads the file when another window has saved, so the sidebar and status bar can follow. */
  refresh(): boolean {
    const before = this.current;
    this.current = this.latest();
    return this.current !== before;
  }

  private latest(): Progress {
    const onDisk = this.file.readCurrent();
    if (!onDisk || onDisk.revision <= this.current.revision) return this.current;
    return onDisk.generation === this.current.generation ? mergeProgress(onDisk, this.current) : onDisk;
  }
}
