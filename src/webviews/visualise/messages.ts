// The visualisation webview's protocol. The host renders each visualisation as a new page, so it sends no
// messages; the webview asks for the explanation of the concept it came from.
import * as z from 'zod/mini';
import { VISUALISATION_IDS } from '../../content/visualisationIds';
import { idSchema, noMessages, type WebviewProtocol } from '../protocol';

const visualiseViewMessageSchema = z.strictObject({ type: z.literal('explain'), conceptId: idSchema });
/** Sent by the visualisation webview. */
export type VisualiseViewMessage = z.infer<typeof visualiseViewMessageSchema>;

const visualiseViewStateSchema = z.object({
  visualisationId: z.enum(VISUALISATION_IDS),
  conceptId: z.optional(idSchema),
  /** Control values by control key, as the strings the inputs hold. */
  settings: z.optional(z.record(z.string(), z.string())),
});
/** Persisted with setState: a reloaded window reopens the same visualisation with the same control values. */
export type VisualiseViewState = z.infer<typeof visualiseViewStateSchema>;

export const visualiseProtocol: WebviewProtocol<never, VisualiseViewMessage, VisualiseViewState> = {
  name: 'visualisation',
  toWebview: noMessages,
  toHost: visualiseViewMessageSchema,
  state: visualiseViewStateSchema,
};
