// Hosts the quiz webview: one panel, reused, restored with its session after a window reload. The
// session itself runs in QuizController; this class only connects it to the panel and the services.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { webviewOptions } from '../webviews/explainPanel';
import type { QuizViewState } from '../webviews/quizMessages';
import { renderQuizHtml } from '../webviews/quizHtml';
import { tutorColumn } from '../webviews/tutorColumn';
import { webviewDocument } from '../webviews/webviewDocument';
import type { QuizItem } from './questionBank';
import { QuizController, type QuizActions } from './quizController';
import { isUnfinished, restoreSession } from './session';

export const QUIZ_VIEW_TYPE = 'dlTutor.quizPanel';
/** A session the learner closed before its end, kept so that the next quiz can offer to resume it. */
const UNFINISHED_KEY = 'dlTutor.quiz.unfinished';

export class QuizPanel {
  private panel: vscode.WebviewPanel | undefined;
  private readonly controller: QuizController;
  /** Questions computed from the learner's file for the current session. */
  private sessionItems: readonly QuizItem[] = [];

  constructor(
    private readonly services: Services,
    actions: QuizActions,
  ) {
    this.controller = new QuizController({
      questions: () => services.questions.get().including(this.sessionItems),
      grader: services.grader,
      progress: () => services.progress.progress,
      updateProgress: (change) => services.progress.update(change),
      post: (message) => void this.panel?.webview.postMessage(message),
      actions,
      logError: (message) => services.log.error(message),
    });
  }

  show(state: QuizViewState, sessionItems: readonly QuizItem[] = []): void {
    void this.services.context.globalState.update(UNFINISHED_KEY, undefined);
    this.sessionItems = sessionItems;
    if (!this.panel)
      this.adopt(
        vscode.window.createWebviewPanel(
          QUIZ_VIEW_TYPE,
          state.title,
          tutorColumn.column(),
          webviewOptions(this.services.context),
        ),
      );
    this.controller.open(state);
    this.panel!.title = state.title;
    this.panel!.reveal();
  }

  /** The session open in the panel or closed before its end, if it has questions left and was started. */
  unfinished(): QuizViewState | undefined {
    const live = this.controller.state;
    if (isUnfinished(live)) return live;
    const saved = this.services.context.globalState.get<unknown>(UNFINISHED_KEY);
    const bank = this.services.questions.get().including(this.sessionItems);
    const restored = saved === undefined ? undefined : restoreSession(saved, bank, () => this.controller.dueCount());
    return isUnfinished(restored) ? restored : undefined;
  }

  /** Shows the unfinished session again, with the questions made from code that it was started with. */
  resume(state: QuizViewState): void {
    this.show(state, this.sessionItems);
  }

  discardUnfinished(): void {
    void this.services.context.globalState.update(UNFINISHED_KEY, undefined);
  }

  /** Takes over a panel restored by VS Code after a reload, continuing the session the webview kept. */
  restore(panel: vscode.WebviewPanel, saved: unknown): void {
    this.sessionItems = [];
    const state = restoreSession(saved, this.services.questions.get(), () => this.controller.dueCount());
    if (!state) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.services.context);
    this.adopt(panel);
    this.controller.open(state);
    panel.title = state.title;
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    tutorColumn.track(panel);
    this.controller.detach();
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      const state = this.controller.state;
      if (isUnfinished(state)) void this.services.context.globalState.update(UNFINISHED_KEY, state);
      this.controller.close();
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.controller.receive(raw));
    const webview = panel.webview;
    const media = (...path: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', ...path)).toString();
    webview.html = webviewDocument({
      cspSource: webview.cspSource,
      title: 'Quiz',
      body: renderQuizHtml(),
      styleUris: [media('styles', 'base.css'), media('styles', 'quiz.css')],
      scriptUri: media('dist', 'quiz.js'),
    });
  }
}
