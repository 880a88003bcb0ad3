// The quiz webview's protocol: the host shows the session's state, says when it is grading and reports
// problems; the webview answers, rates, moves on and asks for explanations and visualisations. The state it
// saves is the session itself, so a reload resumes it.
import * as z from 'zod/mini';
import { RATINGS } from '../../progress/ratings';
import { idSchema, type WebviewProtocol } from '../protocol';

const spanSchema = z.object({ text: z.string(), style: z.optional(z.enum(['code', 'strong', 'em'])) });
const blockSchema = z.object({ kind: z.enum(['paragraph', 'item', 'code']), spans: z.array(spanSchema) });
const ratingSchema = z.enum(RATINGS);
const outcomeSchema = z.enum(['correct', 'partial', 'incorrect', 'unsure']);

const questionBase = {
  questionId: z.string(),
  conceptId: z.string(),
  conceptTitle: z.string(),
  prompt: z.array(blockSchema),
};
export const questionViewSchema = z.discriminatedUnion('kind', [
  z.object({ ...questionBase, kind: z.literal('choice'), options: z.array(z.array(spanSchema)) }),
  z.object({ ...questionBase, kind: z.literal('numeric'), unit: z.optional(z.string()) }),
  z.object({ ...questionBase, kind: z.literal('free') }),
]);
export type QuestionView = z.infer<typeof questionViewSchema>;

export const feedbackViewSchema = z.object({
  questionId: z.string(),
  outcome: outcomeSchema,
  /** The learner's answer as text. */
  answer: z.string(),
  /** Choice questions: every option with why it is right or wrong. */
  choices: z.optional(
    z.array(
      z.object({ text: z.array(spanSchema), why: z.array(spanSchema), correct: z.boolean(), chosen: z.boolean() }),
    ),
  ),
  /** Numeric questions: the accepted answer, e.g. "0.8 (± 0.001)". */
  expected: z.optional(z.string()),
  /** Free-text questions: the grader's judgement. */
  grade: z.optional(
    z.object({
      score: z.number(),
      verdict: z.enum(['correct', 'partial', 'incorrect', 'unsure']),
      hit: z.array(z.string()),
      missed: z.array(z.string()),
      misconception: z.optional(z.object({ claim: z.string(), correction: z.optional(z.string()) })),
      feedback: z.string(),
      /** True when the word-overlap fallback graded because the model could not load. */
      fallback: z.boolean(),
    }),
  ),
  /** Free-text questions: the reference answer. */
  modelAnswer: z.optional(z.array(blockSchema)),
  explanation: z.optional(z.array(blockSchema)),
  /** The rating in force: the one the quiz derived, or the learner's override. */
  rating: ratingSchema,
  suggested: ratingSchema,
  /** When the card comes back, e.g. "in 3 days". */
  nextReview: z.string(),
  visualisation: z.optional(z.object({ id: z.string(), title: z.string() })),
});
export type FeedbackView = z.infer<typeof feedbackViewSchema>;

export const quizScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mixed') }),
  z.object({ kind: z.literal('due') }),
  z.object({ kind: z.literal('concepts'), conceptIds: z.array(z.string()) }),
]);
export type QuizScope = z.infer<typeof quizScopeSchema>;

export const quizViewStateSchema = z.object({
  title: z.string(),
  scope: quizScopeSchema,
  questionIds: z.array(z.string()),
  /** Index of the current question; equal to questionIds.length once the session is over. */
  position: z.int().check(z.minimum(0)),
  question: z.optional(questionViewSchema),
  /** A choice question's options as shown: entry i is the content's option at position i. */
  optionOrder: z.optional(z.array(z.int().check(z.minimum(0)))),
  feedback: z.optional(feedbackViewSchema),
  results: z.array(z.object({ questionId: z.string(), outcome: outcomeSchema, rating: ratingSchema })),
  /** Set when the session is over: the questions not answered correctly, to revisit. */
  review: z.optional(
    z.array(
      z.object({
        questionId: z.string(),
        conceptId: z.string(),
        conceptTitle: z.string(),
        prompt: z.array(blockSchema),
        outcome: outcomeSchema,
        visualisation: z.optional(z.object({ id: z.string(), title: z.string() })),
      }),
    ),
  ),
  /** Set when the session is over: how many cards are still due today. */
  dueLeft: z.optional(z.int().check(z.minimum(0))),
  /** The webview's unsent input, so a reload keeps what was typed or chosen. */
  draft: z.optional(z.object({ questionId: z.string(), option: z.optional(z.int()), text: z.optional(z.string()) })),
});
export type QuizViewState = z.infer<typeof quizViewStateSchema>;

const answerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), option: z.int().check(z.minimum(0)) }),
  // No length limit here: the controller refuses an over-long answer with a message instead of dropping it.
  z.object({ kind: z.enum(['numeric', 'free']), text: z.string() }),
]);
export type QuizAnswer = z.infer<typeof answerSchema>;

const quizViewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('answer'), questionId: idSchema, answer: answerSchema }),
  z.strictObject({ type: z.literal('rate'), questionId: idSchema, rating: ratingSchema }),
  z.strictObject({ type: z.literal('next') }),
  z.strictObject({ type: z.literal('again') }),
  z.strictObject({ type: z.literal('explain'), conceptId: idSchema }),
  z.strictObject({ type: z.literal('visualise'), visualisationId: idSchema, conceptId: idSchema }),
]);
/** Sent by the quiz webview. */
export type QuizViewMessage = z.infer<typeof quizViewMessageSchema>;

const quizHostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('show'), state: quizViewStateSchema }),
  z.strictObject({ type: z.literal('grading') }),
  z.strictObject({ type: z.literal('error'), message: z.string() }),
]);
/** Sent by the host. */
export type QuizHostMessage = z.infer<typeof quizHostMessageSchema>;

export const quizProtocol: WebviewProtocol<QuizHostMessage, QuizViewMessage, QuizViewState> = {
  name: 'quiz',
  toWebview: quizHostMessageSchema,
  toHost: quizViewMessageSchema,
  state: quizViewStateSchema,
};
