// Messages and persisted state of the visualisation webview. Both sides import these types.

/** Sent by the visualisation webview. */
export type VisualiseViewMessage = { type: 'explain'; conceptId: string };

/** Persisted with setState: a reloaded window reopens the same visualisation with the same control values. */
export interface VisualiseViewState {
  visualisationId: string;
  conceptId?: string;
  /** Control values by control key, as the strings the inputs hold. */
  settings?: Record<string, string>;
}

export function isVisualiseViewMessage(value: unknown): value is VisualiseViewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return message.type === 'explain' && typeof message.conceptId === 'string';
}

export function isVisualiseViewState(value: unknown): value is VisualiseViewState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return (
    typeof state.visualisationId === 'string' && (state.conceptId === undefined || typeof state.conceptId === 'string')
  );
}
