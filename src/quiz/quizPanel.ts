// Hosts the quiz webview: one panel, reused, restored with its session after a window reload. Answers
// are checked (free text by the grader), turned into a rating and saved before the feedback is shown.
import * as vscode from 'vscode';
import { gradableQuestion } from '../grader/contentQuestions';
import { recordReview, overrideRating } from '../progress/reviews';
import type { RatingName } from '../progress/model';
import type { Services } from '../services';
import { webviewOptions } from '../webviews/explainPanel';
import { parseQuizViewMessage, type QuizAnswer, type QuizHostMessage, type QuizScope, type QuizViewState } from '../webviews/quizMessages';
import { renderQuizHtml } from '../webviews/quizHtml';
import { webviewDocument } from '../webviews/webviewDocument';
import { assessChoice, assessFree, assessNumeric, type Assessment } from './assess';
import type { QuizItem } from './questionBank';
import { ratingFor } from './rating';
import { advance, describeNextReview, restoreSession, withFeedback, withRating } from './session';
import { dueItems } from './stats';

export const QUIZ_VIEW_TYPE = 'dlTutor.quizPanel';

export interface QuizPanelActions {
  explain(conceptId: string): void;
  visualise(visualisationId: string, conceptId: string): void;
  /** Starts another session like the one that just ended. */
  again(scope: QuizScope, title: string): void;
}

export class QuizPanel {
  private panel: vscode.WebviewPanel | undefined;
  private state: QuizViewState | undefined;
  private ready = false;

  constructor(
    private readonly services: Services,
    private readonly actions: QuizPanelActions,
  ) {}

  show(state: QuizViewState): void {
    this.state = state;
    if (!this.panel) this.adopt(vscode.window.createWebviewPanel(QUIZ_VIEW_TYPE, state.title, vscode.ViewColumn.Active, webviewOptions(this.services.context)));
    else this.publish();
    this.panel!.title = state.title;
    this.panel!.reveal();
  }

  /** Takes over a panel restored by VS Code after a reload, continuing the session the webview kept. */
  restore(panel: vscode.WebviewPanel, saved: unknown): void {
    const state = restoreSession(saved, this.services.questions.get(), () => this.dueCount());
    if (!state) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.services.context);
    this.state = state;
    this.adopt(panel);
    panel.title = state.title;
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      this.state = undefined;
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
    const webview = panel.webview;
    const media = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', ...path)).toString();
    webview.html = webviewDocument({
      cspSource: webview.cspSource,
      title: 'Quiz',
      body: renderQuizHtml(),
      styleUris: [media('styles', 'base.css'), media('styles', 'quiz.css')],
      scriptUri: media('dist', 'quiz.js'),
    });
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseQuizViewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.publish();
      case 'answer':
        return this.answer(message.questionId, message.answer);
      case 'rate':
        return this.rate(message.questionId, message.rating);
      case 'next':
        if (this.state?.feedback) this.update(advance(this.state, this.services.questions.get(), () => this.dueCount()));
        return;
      case 'again':
        if (this.state) this.actions.again(this.state.scope, this.state.title);
        return;
      case 'explain':
        return this.actions.explain(message.conceptId);
      case 'visualise':
        return this.actions.visualise(message.visualisationId, message.conceptId);
    }
  }

  private async answer(questionId: string, answer: QuizAnswer): Promise<void> {
    const state = this.state;
    // Only the current, unanswered question counts; a repeated message must not review the card twice.
    if (!state?.question || state.question.questionId !== questionId || state.feedback) return;
    const item = this.services.questions.get().get(questionId);
    if (!item) return;
    let assessment: Assessment | undefined;
    try {
      assessment = await this.assess(item, answer);
    } catch (error) {
      this.services.log.error(`grading ${questionId} failed: ${String(error)}`);
      this.post({ type: 'error', message: 'The answer could not be graded. Please try again.' });
      return;
    }
    if (this.state !== state) return; // another session started while the grader was working
    if (!assessment) {
      if (item.question.type === 'numeric') this.post({ type: 'error', message: 'Enter a number, such as 0.25, 1e-3 or 1/4.' });
      return;
    }
    const rating = ratingFor(assessment.outcome);
    const now = new Date();
    const progress = this.services.progress.update((p) => recordReview(p, questionId, item.concept.id, rating, now));
    const due = progress.cards[questionId]?.memory.due;
    this.update(withFeedback(state, item, assessment.feedback, rating, due ? describeNextReview(due, now) : 'not saved'));
  }

  private async assess(item: QuizItem, answer: QuizAnswer): Promise<Assessment | undefined> {
    const { question } = item;
    if (question.type === 'choice' && answer.kind === 'choice') return assessChoice(item, question, answer.option);
    if (question.type === 'numeric' && answer.kind === 'numeric') return assessNumeric(item, question, answer.text);
    if (question.type !== 'free' || answer.kind !== 'free') return undefined;
    this.post({ type: 'grading' });
    const grade = await this.services.grader.grade(gradableQuestion(item.concept, question), answer.text);
    const fallback = (await this.services.grader.loaded()).kind === 'lexical';
    return assessFree(item, question, answer.text, grade, fallback);
  }

  private rate(questionId: string, rating: RatingName): void {
    const state = this.state;
    if (!state?.feedback || state.feedback.questionId !== questionId || state.feedback.rating === rating) return;
    const progress = this.services.progress.update((p) => overrideRating(p, questionId, rating));
    const due = progress.cards[questionId]?.memory.due;
    this.update(withRating(state, rating, due ? describeNextReview(due, new Date()) : 'not saved'));
  }

  private update(state: QuizViewState): void {
    this.state = state;
    this.publish();
  }

  private publish(): void {
    if (this.ready && this.state) this.post({ type: 'show', state: this.state });
  }

  private post(message: QuizHostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private dueCount(): number {
    return dueItems(this.services.questions.get().items, this.services.progress.progress.cards, new Date()).length;
  }
}
