// Typed messages between the extension host and the webviews. Both sides import these types.

/** Sent by the explanation webview. */
export type ExplainViewMessage =
  | { type: 'openConcept'; conceptId: string }
  | { type: 'back' }
  | { type: 'quiz'; conceptId: string }
  | { type: 'visualise'; visualisationId: string; conceptId: string };

/** Persisted with setState so a reloaded window restores the same concept. */
export interface ExplainViewState {
  conceptId: string;
  /** Concepts left through Related links, oldest first: what Back returns to. */
  history?: string[];
}

export function isExplainViewMessage(value: unknown): value is ExplainViewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'openConcept' || message.type === 'quiz') return typeof message.conceptId === 'string';
  if (message.type === 'back') return true;
  if (message.type === 'visualise')
    return typeof message.visualisationId === 'string' && typeof message.conceptId === 'string';
  return false;
}
