// Messages between the model summary webview and the host, and the state it keeps across reloads.

/** Sent by the webview: jump to a layer's line in the source, or show another model of the file. */
export type ModelSummaryMessage = { type: 'reveal'; line: number } | { type: 'select'; line: number };

/** Persisted with setState: which file and which model (by its 0-based line) the panel shows. */
export interface ModelSummaryState {
  uri: string;
  line: number;
}

export function isModelSummaryMessage(value: unknown): value is ModelSummaryMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return (
    (message.type === 'reveal' || message.type === 'select') &&
    Number.isInteger(message.line) &&
    (message.line as number) >= 0
  );
}

export function isModelSummaryState(value: unknown): value is ModelSummaryState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return typeof state.uri === 'string' && Number.isInteger(state.line);
}
