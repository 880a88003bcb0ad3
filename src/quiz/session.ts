// The steps of a quiz session as state transitions: start, answer, override the rating, next, restore
// after a reload. Pure: the host panel adds the scheduler, the grader and the store.
import type { RatingName } from '../progress/model';
import { localDay } from '../progress/reviews';
import type { Random } from '../random';
import { visualisationInfo } from '../webviews/visualise/visualisationRegistry';
import {
  quizViewStateSchema,
  type FeedbackView,
  type QuestionView,
  type QuizScope,
  type QuizViewState,
} from '../webviews/quiz/messages';
import type { AnswerFeedback } from './assess';
import { isOrderOf, shuffledOrder } from './optionOrder';
import type { QuestionBank, QuizItem } from './questionBank';
import { inlineText, richText } from './richText';

/** `random` draws the order of each choice question's options. */
export function startSession(
  bank: QuestionBank,
  title: string,
  scope: QuizScope,
  questionIds: readonly string[],
  random: Random = Math.random,
): QuizViewState {
  return atPosition(bank, { title, scope, questionIds: [...questionIds], position: 0, results: [] }, 0, random);
}

/** The question as the learner sees it; a choice question's options in `optionOrder`. */
export function questionView(item: QuizItem, optionOrder: readonly number[] = []): QuestionView {
  const { question, concept } = item;
  const base = {
    questionId: question.id,
    conceptId: concept.id,
    conceptTitle: concept.title,
    prompt: richText(question.prompt),
  };
  if (question.type === 'choice')
    return { ...base, kind: 'choice', options: optionOrder.map((index) => inlineText(question.options[index]!.text)) };
  if (question.type === 'numeric')
    return { ...base, kind: 'numeric', ...(question.unit ? { unit: question.unit } : {}) };
  return { ...base, kind: 'free' };
}

/** Records an answer to the current question with the rating the quiz derived. */
export function withFeedback(
  state: QuizViewState,
  item: QuizItem,
  feedback: AnswerFeedback,
  rating: RatingName,
  nextReview: string,
): QuizViewState {
  const visualisation = item.concept.visualisation ? visualisationInfo(item.concept.visualisation) : undefined;
  const view: FeedbackView = {
    ...feedback,
    rating,
    suggested: rating,
    nextReview,
    ...(visualisation ? { visualisation: { id: visualisation.id, title: visualisation.title } } : {}),
  };
  return {
    ...sessionOf(state),
    ...currentQuestion(state),
    feedback: view,
    results: [...state.results, { questionId: feedback.questionId, outcome: feedback.outcome, rating }],
  };
}

/** The learner overrides the rating of the question just answered. */
export function withRating(state: QuizViewState, rating: RatingName, nextReview: string): QuizViewState {
  if (!state.feedback) return state;
  const questionId = state.feedback.questionId;
  return {
    ...state,
    feedback: { ...state.feedback, rating, nextReview },
    results: state.results.map((result) => (result.questionId === questionId ? { ...result, rating } : result)),
  };
}

/** Moves to the next question that still exists; past the last one the session is over. */
export function advance(
  state: QuizViewState,
  bank: QuestionBank,
  dueLeft: () => number,
  random: Random = Math.random,
): QuizViewState {
  const next = atPosition(bank, state, state.position + 1, random);
  return next.question ? next : { ...next, review: reviewList(state, bank), dueLeft: dueLeft() };
}

/** True while a session has questions left and something was answered or typed: worth resuming. */
export function isUnfinished(state: QuizViewState | undefined): state is QuizViewState {
  if (!state || state.position >= state.questionIds.length) return false;
  return (
    state.results.length > 0 ||
    state.feedback !== undefined ||
    Boolean(state.draft?.text || state.draft?.option !== undefined)
  );
}

/** The questions of a session that were not answered correctly, in the order they were asked. */
export function reviewList(state: QuizViewState, bank: QuestionBank): NonNullable<QuizViewState['review']> {
  return state.results.flatMap((result) => {
    const item = result.outcome === 'correct' ? undefined : bank.get(result.questionId);
    if (!item) return [];
    const visualisation = item.concept.visualisation ? visualisationInfo(item.concept.visualisation) : undefined;
    return [
      {
        questionId: result.questionId,
        conceptId: item.concept.id,
        conceptTitle: item.concept.title,
        prompt: richText(item.question.prompt),
        outcome: result.outcome,
        ...(visualisation ? { visualisation: { id: visualisation.id, title: visualisation.title } } : {}),
      },
    ];
  });
}

/** Rebuilds a session from the state a reloaded webview kept, with the current content of its questions. */
export function restoreSession(
  saved: unknown,
  bank: QuestionBank,
  dueLeft: () => number,
  random: Random = Math.random,
): QuizViewState | undefined {
  const parsed = quizViewStateSchema.safeParse(saved);
  if (!parsed.success) return undefined;
  const state = parsed.data;
  const current = state.questionIds[state.position];
  const item = current !== undefined ? bank.get(current) : undefined;
  if (!item) return advance(state, bank, dueLeft, random);
  // The order the learner saw (sessions saved before options were shuffled showed the content's order),
  // unless the question's options changed since: then a new order, and an option chosen under the old one is void.
  const count = optionCount(item);
  const savedOrder = state.optionOrder ?? Array.from({ length: count }, (_, index) => index);
  const orderKept = isOrderOf(savedOrder, count);
  const optionOrder = orderKept ? savedOrder : shuffledOrder(count, random);
  const feedback = state.feedback?.questionId === current ? state.feedback : undefined;
  const draft =
    state.draft !== undefined && state.draft.questionId === current
      ? withoutStaleOption(state.draft, orderKept)
      : undefined;
  return {
    ...sessionOf(state),
    ...presented(item, optionOrder),
    ...(feedback ? { feedback } : {}),
    ...(draft ? { draft } : {}),
  };
}

/** When a card is due next, in words: "later today", "tomorrow", "in 3 days". */
export function describeNextReview(due: string, now: Date): string {
  const start = (moment: Date): number => new Date(moment.getFullYear(), moment.getMonth(), moment.getDate()).getTime();
  const dueDate = new Date(due);
  const days = Math.round((start(dueDate) - start(now)) / 86_400_000);
  if (days <= 0) return localDay(dueDate) === localDay(now) ? 'later today' : 'now';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

/** The session without anything about its current question. */
function sessionOf(state: QuizViewState): QuizViewState {
  return {
    title: state.title,
    scope: state.scope,
    questionIds: state.questionIds,
    position: state.position,
    results: state.results,
  };
}

/** The current question and the order of its options, as the state holds them. */
function currentQuestion(state: QuizViewState): Pick<QuizViewState, 'question' | 'optionOrder'> {
  return {
    ...(state.question ? { question: state.question } : {}),
    ...(state.optionOrder ? { optionOrder: state.optionOrder } : {}),
  };
}

function presented(item: QuizItem, optionOrder: readonly number[]): Pick<QuizViewState, 'question' | 'optionOrder'> {
  return {
    question: questionView(item, optionOrder),
    ...(optionOrder.length > 0 ? { optionOrder: [...optionOrder] } : {}),
  };
}

function optionCount(item: QuizItem): number {
  return item.question.type === 'choice' ? item.question.options.length : 0;
}

/** A chosen option means nothing under a new order. */
function withoutStaleOption(
  draft: NonNullable<QuizViewState['draft']>,
  orderKept: boolean,
): NonNullable<QuizViewState['draft']> {
  if (orderKept || draft.option === undefined) return draft;
  const { option: _stale, ...rest } = draft;
  return rest;
}

function atPosition(bank: QuestionBank, state: QuizViewState, from: number, random: Random): QuizViewState {
  for (let position = from; position < state.questionIds.length; position += 1) {
    const item = bank.get(state.questionIds[position]!);
    if (item) return { ...sessionOf(state), position, ...presented(item, shuffledOrder(optionCount(item), random)) };
  }
  return { ...sessionOf(state), position: state.questionIds.length };
}
