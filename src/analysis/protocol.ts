// The messages between the editor adapters and the document analysis, which runs in a worker thread (or,
// when no worker can start, on the extension host). Only small answers cross: a 10,000-line file's scan is
// about 12 MB structured-cloned, which would block the host's thread for longer than the scan itself.
import type { Finding, CheckId } from '../diagnostics/findings';
import type { HoverAt } from '../editor/hoverAt';
import type { HoverLength } from '../editor/hoverContent';
import type { ModelSummary } from '../modelInsight/modelSummary';
import type { QuizItem } from '../quiz/questionBank';

export interface AnalysisSettings {
  /** dlTutor.scanner.timeBudgetMs: the budget of one scan, and again of one run of the checks. */
  timeBudgetMs: number;
  /** dlTutor.scanner.maxFileSizeKB: larger files are not scanned. */
  maxFileSizeKB: number;
}

/** A quiz question computed from the file, without its concept (the host has the concepts already). */
export type FileQuestion = Omit<QuizItem, 'concept'> & { conceptId: string };

/** A concept as the editor names it, so that the host need not load the content for a title. */
export interface ConceptRef {
  id: string;
  title: string;
  /** Its visualisation, when this build has it. */
  visualisation?: string;
}

/** A finding with the title of the concept it is about, for the diagnostic's message and its Explain action. */
export type TitledFinding = Finding & { conceptTitle?: string };

/** Each kind of question about a document, with its parameters and its answer. */
export interface AnalysisQueries {
  findings: { params: { enabledChecks: CheckId[] }; answer: TitledFinding[] };
  hover: { params: { line: number; column: number; length: HoverLength }; answer: HoverAt | undefined };
  conceptsAt: { params: { line: number; column: number }; answer: ConceptRef[] };
  /** One CodeLens per model: its line and title. Asked after every edit, so kept small. */
  lenses: { params: object; answer: { line: number; title: string }[] };
  models: { params: object; answer: ModelSummary[] };
  fileQuestions: { params: { limit: number }; answer: { conceptIds: string[]; questions: FileQuestion[] } };
}
export type QueryKind = keyof AnalysisQueries;
export type AnalysisQuery<K extends QueryKind = QueryKind> = K extends QueryKind
  ? { kind: K } & AnalysisQueries[K]['params']
  : never;
export type AnalysisAnswer<K extends QueryKind = QueryKind> = AnalysisQueries[K]['answer'];

export interface AnalysisRequest {
  type: 'request';
  id: number;
  uri: string;
  version: number;
  /** The document's text, sent only when the analysis may not have this version yet. */
  text?: string;
  /** The file's path, for log messages. */
  path: string;
  settings: AnalysisSettings;
  query: AnalysisQuery;
}

/** Control messages: a request the editor no longer needs, a document that was closed. */
export type AnalysisControl = { type: 'cancel'; id: number } | { type: 'forget'; uri: string };
export type AnalysisMessage = AnalysisRequest | AnalysisControl;

export interface LogLine {
  level: 'info' | 'warn';
  message: string;
}

export type AnalysisResponse = { id: number; logs: LogLine[] } & (
  | { outcome: 'answered'; answer: AnalysisAnswer }
  /** A newer version of the document was asked about before this request ran, or the request was cancelled. */
  | { outcome: 'skipped' }
  /** The analysis does not have this version's text (it restarted, or the text was never sent). */
  | { outcome: 'needsText' }
  | { outcome: 'failed'; message: string }
);
