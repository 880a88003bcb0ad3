// The vscode side of the progress store: the file lives in the extension's global storage, load problems
// are reported to the learner, and listeners hear about every change.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Progress } from './model';
import { ProgressFile, type LoadNotice } from './progressFile';
import { ProgressStore } from './progressStore';

export class ProgressService implements vscode.Disposable {
  private store: ProgressStore | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly storageDirectory: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get progress(): Progress {
    return this.open().progress;
  }

  get directory(): string {
    return this.storageDirectory.fsPath;
  }

  /** Applies and saves a change; when saving fails the learner is told and the change is dropped. */
  update(change: (progress: Progress) => Progress): Progress {
    const store = this.open();
    try {
      const updated = store.update(change);
      this.changed.fire();
      return updated;
    } catch (error) {
      this.reportSaveFailure(store, error);
      return store.progress;
    }
  }

  /** Replaces all progress, keeping a copy of the old file; returns the copy's path. */
  replace(progress: Progress): string | undefined {
    const store = this.open();
    const keptAs = store.replace(progress);
    this.changed.fire();
    return keptAs;
  }

  /** Picks up saves made by another window. Does nothing before the progress was first needed. */
  refresh(): void {
    if (this.store?.refresh()) this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private open(): ProgressStore {
    if (!this.store) {
      this.store = new ProgressStore(new ProgressFile(this.storageDirectory.fsPath));
      this.log.info(`progress: ${Object.keys(this.store.progress.cards).length} cards in ${this.store.path}`);
      for (const notice of this.store.notices) this.report(notice);
    }
    return this.store;
  }

  private report(notice: LoadNotice): void {
    if (notice.kind === 'recovered') {
      this.log.info(`progress: restored from the ${notice.from}`);
      return;
    }
    if (notice.kind === 'migrated') {
      this.log.info(`progress: upgraded from format ${notice.fromVersion}; the original is kept as ${notice.keptAs}`);
      return;
    }
    const cause =
      notice.problem === 'newer'
        ? 'Your progress file was saved by a newer version of DL Tutor.'
        : `Your progress file could not be read (${notice.reason}).`;
    const outcome = notice.restoredFrom ? `Progress was restored from the ${notice.restoredFrom}` : 'Progress starts afresh';
    const advice = notice.problem === 'newer' ? ' To use it, update DL Tutor and run "DL Tutor: Import Progress".' : '';
    const message = `DL Tutor: ${cause} It was kept, unchanged, as ${basename(notice.keptAs)}. ${outcome}; nothing was deleted.${advice}`;
    this.log.warn(message);
    void vscode.window.showWarningMessage(message, 'Show File').then((choice) => {
      if (choice) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(notice.keptAs));
    });
  }

  private reportSaveFailure(store: ProgressStore, error: unknown): void {
    const message = `DL Tutor could not save your progress to ${store.path}: ${error instanceof Error ? error.message : String(error)}`;
    this.log.error(message);
    void vscode.window.showErrorMessage(message);
  }
}
