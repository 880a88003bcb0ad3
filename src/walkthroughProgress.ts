// Ticks the Getting Started steps for things the learner has already done, in this or an earlier
// session: each step completes on a context key that is restored at activation from what was recorded.
import type * as vscode from 'vscode';
import { runCommand } from './commands/commandAdapter';
import { COMMANDS } from './commands/commandTable';
import type { Services } from './services';

export const WALKTHROUGH_STEPS = ['hovered', 'explained', 'quizzed', 'studied', 'visualised'] as const;
export type WalkthroughStep = (typeof WALKTHROUGH_STEPS)[number];

/** The progress file is read after activation, as the status bar does, never during it. */
const CHECK_QUIZZES_AFTER_MS = 1500;

export class WalkthroughProgress implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly services: Services) {
    for (const step of WALKTHROUGH_STEPS) if (this.done(step)) this.setContext(step);
    // Quizzes answered before (or in another window) count: any card in the progress file.
    const checkQuizzes = (): void => {
      if (!this.done('quizzed') && Object.keys(services.progress.progress.cards).length > 0) this.mark('quizzed');
    };
    this.timer = setTimeout(checkQuizzes, CHECK_QUIZZES_AFTER_MS);
    this.subscriptions.push(services.progress.onDidChange(checkQuizzes));
  }

  mark(step: WalkthroughStep): void {
    if (this.done(step)) return;
    void this.services.context.globalState.update(walkthroughContextKey(step), true);
    this.setContext(step);
  }

  private done(step: WalkthroughStep): boolean {
    return this.services.context.globalState.get<boolean>(walkthroughContextKey(step), false);
  }

  private setContext(step: WalkthroughStep): void {
    void runCommand(COMMANDS.setContext, walkthroughContextKey(step), true);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Also the context key that the walkthrough's completionEvents name (see package.json). */
export function walkthroughContextKey(step: WalkthroughStep): string {
  return `dlTutor.walkthrough.${step}`;
}
