// Messages of the study sidebar webview. Both sides import these types.
import type { ConceptEntry } from '../sidebar/conceptSearch';

export interface TopicSummary {
  topic: string;
  label: string;
  total: number;
  seen: number;
  mastered: number;
  /** Mean recall of the last answers, 0..1; absent before the first answer. */
  accuracy?: number;
}

/** Everything the sidebar shows, computed by the host whenever progress changes. */
export interface StudySnapshot {
  due: number;
  streak: number;
  reviewedToday: boolean;
  topics: TopicSummary[];
  weakest: TopicSummary[];
  concepts: ConceptEntry[];
  visualisations: { id: string; title: string }[];
}

export type StudyHostMessage = { type: 'snapshot'; snapshot: StudySnapshot } | { type: 'unavailable'; message: string };

/** Sent by the sidebar webview. */
export type StudyViewMessage =
  | { type: 'ready' }
  | { type: 'quiz' }
  | { type: 'reviewDue' }
  | { type: 'quizFile' }
  | { type: 'quizTopic'; topic: string }
  | { type: 'explain'; conceptId: string }
  | { type: 'visualise'; visualisationId: string };

/** Persisted with setState: the search box keeps its text when the view is hidden and shown again. */
export interface StudyViewState {
  query: string;
}

export function isStudyViewMessage(value: unknown): value is StudyViewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'quiz':
    case 'reviewDue':
    case 'quizFile':
      return true;
    case 'quizTopic':
      return typeof message.topic === 'string';
    case 'explain':
      return typeof message.conceptId === 'string';
    case 'visualise':
      return typeof message.visualisationId === 'string';
    default:
      return false;
  }
}
