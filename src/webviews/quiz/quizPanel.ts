// Hosts the quiz webview: one panel, reused, restored with its session after a window reload. The session
// itself runs in QuizController; this class only connects it to the panel and the services.
import type * as vscode from 'vscode';
import type { QuizItem } from '../../quiz/questionBank';
import { QuizController, type QuizActions } from '../../quiz/quizController';
import { isUnfinished, restoreSession } from '../../quiz/session';
import type { Services } from '../../services';
import { PanelHost } from '../panelHost';
import { quizProtocol, type QuizHostMessage, type QuizViewMessage, type QuizViewState } from './messages';
import { renderQuizHtml } from './quizHtml';

export const QUIZ_VIEW_TYPE = 'dlTutor.quizPanel';
/** A session the learner closed before its end, kept so that the next quiz can offer to resume it. */
const UNFINISHED_KEY = 'dlTutor.quiz.unfinished';

export class QuizPanel implements vscode.Disposable {
  readonly host: PanelHost<QuizHostMessage, QuizViewMessage, QuizViewState>;
  private readonly controller: QuizController;
  /** Questions computed from the learner's file for the current session. */
  private sessionItems: readonly QuizItem[] = [];

  constructor(
    private readonly services: Services,
    actions: QuizActions,
  ) {
    this.host = new PanelHost({
      viewType: QUIZ_VIEW_TYPE,
      protocol: quizProtocol,
      extensionUri: services.context.extensionUri,
      log: services.log,
      receive: (message) => this.controller.receive(message),
      restore: (state) => this.restore(state),
      adopted: () => {
        // A new webview says when it is ready; until then the controller holds the session back.
        this.controller.detach();
        this.host.setPage({
          title: 'Quiz',
          body: renderQuizHtml(),
          styles: ['base.css', 'quiz/quiz.css'],
          script: 'dist/quiz.js',
        });
      },
      closed: () => {
        const state = this.controller.state;
        if (isUnfinished(state)) void services.context.globalState.update(UNFINISHED_KEY, state);
        this.controller.close();
      },
    });
    this.controller = new QuizController({
      questions: () => services.questions.get().including(this.sessionItems),
      grader: services.grader,
      progress: () => services.progress.progress,
      updateProgress: (change) => services.progress.update(change),
      post: (message) => this.host.post(message),
      actions,
      logError: (message) => services.log.error(message),
    });
  }

  show(state: QuizViewState, sessionItems: readonly QuizItem[] = []): void {
    void this.services.context.globalState.update(UNFINISHED_KEY, undefined);
    this.sessionItems = sessionItems;
    const panel = this.host.open(state.title);
    this.controller.open(state);
    panel.title = state.title;
    this.host.reveal(false);
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

  dispose(): void {
    this.host.dispose();
  }

  /** Continues the session the webview kept, if its questions still exist. */
  private restore(saved: QuizViewState): boolean {
    this.sessionItems = [];
    const state = restoreSession(saved, this.services.questions.get(), () => this.controller.dueCount());
    if (!state) return false;
    this.controller.open(state);
    if (this.host.panel) this.host.panel.title = state.title;
    return true;
  }
}
