// Runs a quiz session behind the quiz webview: answers are checked (free text by the grader), turned into a
// rating and saved before the feedback is shown; ratings can be overridden; Next moves on. No vscode
// import: the panel supplies the store, the grader and the webview, and the browser tests drive it too.
import { gradableQuestion } from '../grader/contentQuestions';
import type { AnswerGrader } from '../grader/types';
import type { Progress, RatingName } from '../progress/model';
import type { Random } from '../random';
import { overrideRating, recordReview } from '../progress/reviews';
import type { QuizAnswer, QuizHostMessage, QuizScope, QuizViewMessage, QuizViewState } from '../webviews/quiz/messages';
import { assessChoice, assessFree, assessNumeric, type Assessment } from './assess';
import { answerLengthProblem } from './answerCheck';
import type { QuestionBank, QuizItem } from './questionBank';
import { ratingFor } from './rating';
import { advance, describeNextReview, withFeedback, withRating } from './session';
import { dueItems } from './stats';

export interface QuizActions {
  explain(conceptId: string): void;
  visualise(visualisationId: string, conceptId: string): void;
  /** Starts another session like the one that just ended. */
  again(scope: QuizScope, title: string): void;
}

/** The grader, loaded on its first answer; `loaded` tells the model from the labelled fallback. */
export interface QuizGrader extends AnswerGrader {
  loaded(): Promise<{ readonly kind: 'onnx' | 'lexical' }>;
}

export interface QuizControllerDependencies {
  questions(): QuestionBank;
  grader: QuizGrader;
  progress(): Progress;
  /** Applies and saves a change to the learner's progress; returns the progress saved. */
  updateProgress(change: (progress: Progress) => Progress): Progress;
  post(message: QuizHostMessage): void;
  actions: QuizActions;
  logError(message: string): void;
  now?: () => Date;
  /** Draws the order of the next choice question's options. */
  random?: Random;
}

export class QuizController {
  private current: QuizViewState | undefined;
  private ready = false;
  /** The question whose answer is being checked, so a second submission while grading is ignored. */
  private answering: string | undefined;

  constructor(private readonly deps: QuizControllerDependencies) {}

  get state(): QuizViewState | undefined {
    return this.current;
  }

  /** A new or restored session; shown as soon as the webview is ready. */
  open(state: QuizViewState): void {
    this.current = state;
    this.publish();
  }

  /** The webview was (re)created and will say when it is ready. */
  detach(): void {
    this.ready = false;
  }

  close(): void {
    this.current = undefined;
    this.ready = false;
  }

  dueCount(): number {
    return dueItems(this.deps.questions().items, this.deps.progress().cards, this.now()).length;
  }

  /** A message from the webview, already checked against the quiz protocol. */
  async receive(message: QuizViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.publish();
      case 'answer':
        return this.answer(message.questionId, message.answer);
      case 'rate':
        return this.rate(message.questionId, message.rating);
      case 'next':
        if (this.current?.feedback)
          this.update(advance(this.current, this.deps.questions(), () => this.dueCount(), this.deps.random));
        return;
      case 'again':
        if (this.current) this.deps.actions.again(this.current.scope, this.current.title);
        return;
      case 'explain':
        return this.deps.actions.explain(message.conceptId);
      case 'visualise':
        return this.deps.actions.visualise(message.visualisationId, message.conceptId);
    }
  }

  private async answer(questionId: string, answer: QuizAnswer): Promise<void> {
    const state = this.current;
    // Only the current, unanswered question counts; a repeated message must not review the card twice.
    if (!state?.question || state.question.questionId !== questionId || state.feedback || this.answering === questionId)
      return;
    const item = this.deps.questions().get(questionId);
    if (!item) return;
    const tooLong = answer.kind === 'choice' ? undefined : answerLengthProblem(answer.text);
    if (tooLong) return this.deps.post({ type: 'error', message: tooLong });
    let assessment: Assessment | undefined;
    this.answering = questionId;
    try {
      assessment = await this.assess(item, answer, state.optionOrder ?? []);
    } catch (error) {
      this.deps.logError(`grading ${questionId} failed: ${String(error)}`);
      this.deps.post({ type: 'error', message: 'The answer could not be graded. Please try again.' });
      return;
    } finally {
      this.answering = undefined;
    }
    if (this.current !== state) return; // another session started while the grader was working
    if (!assessment) {
      if (item.question.type === 'numeric')
        this.deps.post({ type: 'error', message: 'Enter a number, such as 0.25, 1e-3 or 1/4.' });
      return;
    }
    const rating = ratingFor(assessment.outcome);
    if (item.computed) {
      this.update(
        withFeedback(
          state,
          item,
          assessment.feedback,
          rating,
          'none (this question was worked out from your code, so it is not kept as a card)',
        ),
      );
      return;
    }
    const now = this.now();
    const progress = this.deps.updateProgress((p) => recordReview(p, questionId, item.concept.id, rating, now));
    const due = progress.cards[questionId]?.memory.due;
    this.update(
      withFeedback(state, item, assessment.feedback, rating, due ? describeNextReview(due, now) : 'not saved'),
    );
  }

  private async assess(
    item: QuizItem,
    answer: QuizAnswer,
    optionOrder: readonly number[],
  ): Promise<Assessment | undefined> {
    const { question } = item;
    if (question.type === 'choice' && answer.kind === 'choice')
      return assessChoice(item, question, answer.option, optionOrder);
    if (question.type === 'numeric' && answer.kind === 'numeric') return assessNumeric(item, question, answer.text);
    if (question.type !== 'free' || answer.kind !== 'free') return undefined;
    this.deps.post({ type: 'grading' });
    const grade = await this.deps.grader.grade(gradableQuestion(item.concept, question), answer.text);
    const fallback = (await this.deps.grader.loaded()).kind === 'lexical';
    return assessFree(item, question, answer.text, grade, fallback);
  }

  private rate(questionId: string, rating: RatingName): void {
    const state = this.current;
    if (!state?.feedback || state.feedback.questionId !== questionId || state.feedback.rating === rating) return;
    const progress = this.deps.updateProgress((p) => overrideRating(p, questionId, rating));
    const due = progress.cards[questionId]?.memory.due;
    this.update(withRating(state, rating, due ? describeNextReview(due, this.now()) : 'not saved'));
  }

  private update(state: QuizViewState): void {
    this.current = state;
    this.publish();
  }

  private publish(): void {
    if (this.ready && this.current) this.deps.post({ type: 'show', state: this.current });
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
