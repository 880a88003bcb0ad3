// A status-bar item with the number of cards due today; a click starts the review. With none due it
// reads Study and starts a quiz, so the way in stays visible.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/commandTable';
import { dueItems } from '../quiz/stats';
import type { Services } from '../services';
import { readSetting, settingChanged } from '../settings/readSettings';

/** Cards become due as time passes, not only when progress changes. */
const RECOUNT_EVERY_MS = 10 * 60 * 1000;
/** The first count loads content and progress, so it waits until activation is over. */
const FIRST_COUNT_AFTER_MS = 1500;

export class DueStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dlTutor.dueCards', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];
  private readonly timers: NodeJS.Timeout[];

  constructor(private readonly services: Services) {
    this.item.name = 'DL Tutor: Due Cards';
    this.subscriptions = [
      services.progress.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (settingChanged(event, 'statusBar.showDueCards')) this.update();
      }),
    ];
    this.timers = [
      setTimeout(() => this.update(), FIRST_COUNT_AFTER_MS),
      setInterval(() => this.update(), RECOUNT_EVERY_MS),
    ];
  }

  update(): void {
    if (!readSetting('statusBar.showDueCards')) {
      this.item.hide();
      return;
    }
    let due: number;
    try {
      due = dueItems(this.services.questions.get().items, this.services.progress.progress.cards, new Date()).length;
    } catch (error) {
      this.services.log.warn(`due-card count unavailable: ${String(error)}`);
      this.item.hide();
      return;
    }
    if (due === 0) {
      this.item.text = '$(mortar-board) Study';
      this.item.command = COMMANDS.quiz.id;
      this.item.tooltip = 'DL Tutor: no cards are due today. Click for a quiz.';
      this.item.accessibilityInformation = { label: 'DL Tutor: no cards due. Activate to start a quiz.' };
      this.item.show();
      return;
    }
    this.item.command = COMMANDS.reviewDue.id;
    const cards = due === 1 ? '1 card' : `${due} cards`;
    this.item.text = `$(mortar-board) ${due} due`;
    this.item.tooltip = `DL Tutor: ${cards} due for review today. Click to review.`;
    this.item.accessibilityInformation = { label: `DL Tutor: ${cards} due for review. Activate to start the review.` };
    this.item.show();
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
