// The study sidebar's protocol: the host sends a snapshot of the learner's progress (or why there is none);
// the sidebar asks for quizzes, explanations and visualisations, and keeps its search text across hiding.
import * as z from 'zod/mini';
import { idSchema, type WebviewProtocol } from '../protocol';

const count = z.int().check(z.minimum(0));

const topicSummarySchema = z.object({
  topic: idSchema,
  label: z.string(),
  total: count,
  seen: count,
  mastered: count,
  /** Mean recall of the last answers, 0..1; absent before the first answer. */
  accuracy: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});
export type TopicSummary = z.infer<typeof topicSummarySchema>;

const studySnapshotSchema = z.object({
  due: count,
  streak: count,
  reviewedToday: z.boolean(),
  topics: z.array(topicSummarySchema),
  weakest: z.array(topicSummarySchema),
  /** What the search box searches (see src/sidebar/conceptSearch.ts). */
  concepts: z.array(
    z.object({ id: idSchema, title: z.string(), aliases: z.array(z.string()), symbols: z.array(z.string()) }),
  ),
  visualisations: z.array(z.object({ id: idSchema, title: z.string() })),
});
/** Everything the sidebar shows, computed by the host whenever progress changes. */
export type StudySnapshot = z.infer<typeof studySnapshotSchema>;

const studyHostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('snapshot'), snapshot: studySnapshotSchema }),
  z.strictObject({ type: z.literal('unavailable'), message: z.string() }),
]);
export type StudyHostMessage = z.infer<typeof studyHostMessageSchema>;

const studyViewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('quiz') }),
  z.strictObject({ type: z.literal('reviewDue') }),
  z.strictObject({ type: z.literal('quizFile') }),
  z.strictObject({ type: z.literal('quizTopic'), topic: idSchema }),
  z.strictObject({ type: z.literal('explain'), conceptId: idSchema }),
  z.strictObject({ type: z.literal('visualise'), visualisationId: idSchema }),
]);
/** Sent by the sidebar webview. */
export type StudyViewMessage = z.infer<typeof studyViewMessageSchema>;

/** Persisted with setState: the search box keeps its text when the view is hidden and shown again. */
const studyViewStateSchema = z.object({ query: z.string() });
export type StudyViewState = z.infer<typeof studyViewStateSchema>;

export const studyProtocol: WebviewProtocol<StudyHostMessage, StudyViewMessage, StudyViewState> = {
  name: 'study',
  toWebview: studyHostMessageSchema,
  toHost: studyViewMessageSchema,
  state: studyViewStateSchema,
};
