// The vscode side of the progress store: the file lives in the extension's global storage, load and save
// problems are reported to the learner with a way forward, and listeners hear about every change.
import * as vscode from 'vscode';
import { runCommand } from '../commands/commandAdapter';
import { COMMANDS } from '../commands/commandTable';
import { BusyRetry, isLockBusy, type AttemptResult } from './busyRetry';
import type { Progress } from './model';
import { ProgressFile } from './progressFile';
import { noticeMessage, saveFailureMessage, type ProgressMessage } from './progressMessages';
import { ProgressStore, type SaveOutcome } from './progressStore';

export class ProgressService implements vscode.Disposable {
  private store: ProgressStore | undefined;
  private saveFailed = false;
  /** Saves again, a little later, what could not be saved while another window held the lock. */
  private readonly retry = new BusyRetry(() => this.saveAgain());
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

  /** Applies and saves a change; when saving fails the learner is told and the change stays in this window. */
  update(change: (progress: Progress) => Progress): Progress {
    const store = this.open();
    try {
      store.update(change);
      this.saved();
    } catch (error) {
      if (isLockBusy(error)) this.retryLater();
      else this.reportSaveFailure(error);
    }
    this.reportNotices(store);
    this.changed.fire();
    return store.progress;
  }

  /**
   * Applies and saves a change the learner asked for by command. The caller tells the learner how it went
   * (changeMessage), so a failure is only logged here; the change stays in this window either way.
   */
  commit(change: (progress: Progress) => Progress): SaveOutcome {
    return this.saveAsked((store) => store.tryUpdate(change));
  }

  /** Replaces all progress, keeping a copy of the old file; the outcome says where, or why the save failed. */
  replace(progress: Progress): SaveOutcome {
    return this.saveAsked((store) => store.tryReplace(progress));
  }

  /** Shows a message about progress to the learner, with its actions; an info message too. */
  tell(message: ProgressMessage): void {
    if (message.severity === 'info') void vscode.window.showInformationMessage(message.text);
    else this.show(message);
  }

  /** Picks up saves made by another window. Does nothing before the progress was first needed. */
  refresh(): void {
    if (this.store?.refresh()) this.changed.fire();
  }

  dispose(): void {
    // One last attempt for a change still waiting for another window's save to finish.
    if (this.retry.waiting) this.saveAgain();
    this.retry.dispose();
    this.changed.dispose();
  }

  private saveAsked(save: (store: ProgressStore) => SaveOutcome): SaveOutcome {
    const store = this.open();
    const outcome = save(store);
    if (outcome.saved) this.saved();
    else if (isLockBusy(outcome.error)) this.retryLater();
    else {
      // The learner hears of this failure from the caller; later failing saves only go to the log.
      this.saveFailed = true;
      this.log.error(saveFailureMessage(outcome.error, this.directory).text);
    }
    this.reportNotices(store);
    this.changed.fire();
    return outcome;
  }

  private saved(): void {
    this.saveFailed = false;
    this.retry.saved();
  }

  private retryLater(): void {
    this.log.info('progress: another DL Tutor window is saving; this change is kept and saved again shortly');
    this.retry.schedule();
  }

  /** A retry: saves what this window holds, which already includes the changes that could not be saved. */
  private saveAgain(): AttemptResult {
    const store = this.open();
    const outcome = store.tryUpdate((progress) => progress);
    this.reportNotices(store);
    if (outcome.saved) {
      this.saveFailed = false;
      this.changed.fire();
      return 'saved';
    }
    if (isLockBusy(outcome.error)) return 'busy';
    this.reportSaveFailure(outcome.error);
    return 'failed';
  }

  private open(): ProgressStore {
    if (!this.store) {
      this.store = new ProgressStore(new ProgressFile(this.storageDirectory.fsPath));
      this.log.info(`progress: ${Object.keys(this.store.progress.cards).length} cards in ${this.store.path}`);
      this.reportNotices(this.store);
    }
    return this.store;
  }

  private reportNotices(store: ProgressStore): void {
    for (const notice of store.takeNotices()) {
      // The learner was just told nothing can be saved; the failing saves that follow only go to the log.
      if (notice.kind === 'unwritable') this.saveFailed = true;
      this.show(noticeMessage(notice, this.directory));
    }
  }

  /** Every failure is logged; the learner is told once, until a save succeeds again, not after every answer. */
  private reportSaveFailure(error: unknown): void {
    const message = saveFailureMessage(error, this.directory);
    if (this.saveFailed) {
      this.log.error(message.text);
      return;
    }
    this.saveFailed = true;
    this.show(message);
  }

  private show(message: ProgressMessage): void {
    if (message.severity === 'info') {
      this.log.info(message.text);
      return;
    }
    const show = message.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    (message.severity === 'error' ? this.log.error : this.log.warn).call(this.log, message.text);
    void show(message.text, ...message.actions).then((choice) => {
      if (choice === 'Export Progress...') void runCommand(COMMANDS.exportProgress);
      if (choice === 'Open Folder') void runCommand(COMMANDS.revealFileInOS, this.storageDirectory);
      if (choice === 'Show File' && message.file)
        void runCommand(COMMANDS.revealFileInOS, vscode.Uri.file(message.file));
    });
  }
}
