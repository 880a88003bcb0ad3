// The explanation webview's protocol. The host renders each concept as a new page, so it sends no messages;
// the webview asks for related concepts, Back, a quiz or a visualisation.
import * as z from 'zod/mini';
import { idSchema, noMessages, type WebviewProtocol } from '../protocol';

const explainViewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('openConcept'), conceptId: idSchema }),
  z.strictObject({ type: z.literal('back') }),
  z.strictObject({ type: z.literal('quiz'), conceptId: idSchema }),
  z.strictObject({ type: z.literal('visualise'), visualisationId: idSchema, conceptId: idSchema }),
]);
/** Sent by the explanation webview. */
export type ExplainViewMessage = z.infer<typeof explainViewMessageSchema>;

/** Back goes at most this many concepts deep. */
export const HISTORY_LIMIT = 20;

const explainViewStateSchema = z.object({
  conceptId: idSchema,
  /** Concepts left through Related links, oldest first: what Back returns to. */
  history: z.optional(z.array(idSchema).check(z.maxLength(HISTORY_LIMIT))),
});
/** Persisted with setState so a reloaded window restores the same concept. */
export type ExplainViewState = z.infer<typeof explainViewStateSchema>;

export const explainProtocol: WebviewProtocol<never, ExplainViewMessage, ExplainViewState> = {
  name: 'explanation',
  toWebview: noMessages,
  toHost: explainViewMessageSchema,
  state: explainViewStateSchema,
};
