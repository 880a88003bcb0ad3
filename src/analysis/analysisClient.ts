// The extension host's side of the document analysis: sends each question with the document's text
// only when the analysis may not have that version, answers undefined at once when the caller cancels,
// and moves the analysis onto the host if its worker thread cannot start or stops. No vscode: the
// benchmark drives it as the editor does.
import { describeError } from '../errorText';
import type {
  AnalysisAnswer,
  AnalysisMessage,
  AnalysisQuery,
  AnalysisResponse,
  AnalysisSettings,
  LogLine,
  QueryKind,
} from './protocol';

/** The part of vscode.CancellationToken the client needs. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

/** The part of a text document the analysis needs; the text is read only when it has to be sent. */
export interface AnalysedDocument {
  uri: string;
  version: number;
  path: string;
  text(): string;
}

/** Where requests go: a worker thread, or an analysis server on this thread. */
export interface AnalysisBackend {
  post(message: AnalysisMessage): void;
  dispose(): void;
}

export type BackendFactory = (
  onResponse: (response: AnalysisResponse) => void,
  onFailure: (reason: string) => void,
) => AnalysisBackend;

interface Waiting {
  document: AnalysedDocument;
  settings: AnalysisSettings;
  query: AnalysisQuery;
  textSent: boolean;
  finish: (answer: AnalysisAnswer | undefined) => void;
}

export class AnalysisClient {
  /** Started on the first question, not at activation. */
  private backend: AnalysisBackend | undefined;
  private onFallback = false;
  private nextId = 1;
  /** The version of each document whose text the backend has been sent. */
  private readonly sent = new Map<string, number>();
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly primary: BackendFactory,
    private readonly fallback: BackendFactory,
    private readonly log: (line: LogLine) => void,
  ) {}

  /** The answer to a question about a document; undefined when cancelled, out of date or failed. */
  ask<K extends QueryKind>(
    document: AnalysedDocument,
    settings: AnalysisSettings,
    query: AnalysisQuery<K>,
    token?: Cancellation,
  ): Promise<AnalysisAnswer<K> | undefined> {
    if (token?.isCancellationRequested) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const id = this.nextId++;
      const subscription = token?.onCancellationRequested(() => {
        if (!this.waiting.has(id)) return;
        this.backend?.post({ type: 'cancel', id });
        waiting.finish(undefined);
      });
      const waiting: Waiting = {
        document,
        settings,
        query,
        textSent: false,
        finish: (answer) => {
          this.waiting.delete(id);
          subscription?.dispose();
          resolve(answer as AnalysisAnswer<K> | undefined);
        },
      };
      this.waiting.set(id, waiting);
      this.send(id, waiting, this.sent.get(document.uri) !== document.version);
    });
  }

  /** The document was closed: its text and analysis are dropped. */
  forget(uri: string): void {
    this.sent.delete(uri);
    this.backend?.post({ type: 'forget', uri });
  }

  dispose(): void {
    for (const waiting of [...this.waiting.values()]) waiting.finish(undefined);
    this.backend?.dispose();
  }

  private start(factory: BackendFactory): AnalysisBackend {
    try {
      return factory(
        (response) => this.receive(response),
        (reason) => this.failOver(reason),
      );
    } catch (error) {
      this.log({ level: 'warn', message: `the analysis thread did not start (${describeError(error)})` });
      this.onFallback = true;
      return this.fallback(
        (response) => this.receive(response),
        (reason) => this.failOver(reason),
      );
    }
  }

  private send(id: number, waiting: Waiting, withText: boolean): void {
    const { document, settings, query } = waiting;
    waiting.textSent = withText;
    if (withText) this.sent.set(document.uri, document.version);
    this.backend ??= this.start(this.primary);
    this.backend.post({
      type: 'request',
      id,
      uri: document.uri,
      version: document.version,
      path: document.path,
      settings,
      query,
      ...(withText ? { text: document.text() } : {}),
    });
  }

  private receive(response: AnalysisResponse): void {
    for (const line of response.logs) this.log(line);
    const waiting = this.waiting.get(response.id);
    if (!waiting) return;
    switch (response.outcome) {
      case 'answered':
        waiting.finish(response.answer);
        return;
      case 'skipped':
        waiting.finish(undefined);
        return;
      case 'needsText':
        if (!waiting.textSent) {
          this.send(response.id, waiting, true);
          return;
        }
        this.log({ level: 'warn', message: `analysis of ${waiting.document.path} lost its text; not analysed` });
        waiting.finish(undefined);
        return;
      case 'failed':
        this.log({ level: 'warn', message: `analysis of ${waiting.document.path} failed: ${response.message}` });
        waiting.finish(undefined);
        return;
    }
  }

  /** The worker failed: the analysis continues on this thread, and the waiting questions are asked again. */
  private failOver(reason: string): void {
    this.backend?.dispose();
    this.sent.clear();
    if (this.onFallback) {
      this.log({ level: 'warn', message: `the analysis stopped (${reason}); files are not analysed` });
      for (const waiting of [...this.waiting.values()]) waiting.finish(undefined);
      return;
    }
    this.log({ level: 'warn', message: `the analysis thread stopped (${reason}); analysing on the extension host` });
    this.onFallback = true;
    this.backend = this.fallback(
      (response) => this.receive(response),
      (failure) => this.failOver(failure),
    );
    for (const [id, waiting] of this.waiting) this.send(id, waiting, true);
  }
}
