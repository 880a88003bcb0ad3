// The model summary webview's protocol. The host renders each summary as a new page, so it sends no messages;
// the webview asks to jump to a layer's line or to show another model of the file.
import * as z from 'zod/mini';
import { noMessages, type WebviewProtocol } from '../protocol';

/** A 0-based line of the source file. */
const lineSchema = z.int().check(z.minimum(0));

const modelSummaryMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('reveal'), line: lineSchema }),
  z.strictObject({ type: z.literal('select'), line: lineSchema }),
]);
/** Sent by the webview: jump to a layer's line in the source, or show another model of the file. */
export type ModelSummaryMessage = z.infer<typeof modelSummaryMessageSchema>;

const modelSummaryStateSchema = z.object({
  uri: z.string().check(z.minLength(1), z.maxLength(10_000)),
  line: lineSchema,
});
/** Persisted with setState: which file and which model (by its 0-based line) the panel shows. */
export type ModelSummaryState = z.infer<typeof modelSummaryStateSchema>;

export const modelSummaryProtocol: WebviewProtocol<never, ModelSummaryMessage, ModelSummaryState> = {
  name: 'model summary',
  toWebview: noMessages,
  toHost: modelSummaryMessageSchema,
  state: modelSummaryStateSchema,
};
