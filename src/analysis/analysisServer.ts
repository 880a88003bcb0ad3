// Receives analysis requests and answers them one at a time, yielding between requests so that
// cancellations and newer versions that arrive meanwhile are seen before stale work starts. Used inside
// the analysis worker and, as the fallback, on the extension host.
import { describeErrorWithStack } from '../errorText';
import type { DocumentAnalyses } from './documentAnalyses';
import type { AnalysisMessage, AnalysisRequest, AnalysisResponse, LogLine } from './protocol';
import { nextStep } from './requestQueue';

export class AnalysisServer {
  private pending: AnalysisRequest[] = [];
  private scheduled = false;

  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly send: (response: AnalysisResponse) => void,
    private readonly defer: (run: () => void) => void = (run) => setImmediate(run),
  ) {}

  receive(message: AnalysisMessage): void {
    switch (message.type) {
      case 'request':
        // Kept at once, so that the text arrives even when this request is skipped.
        if (message.text !== undefined) this.analyses.update(message.uri, message.version, message.text, message.path);
        this.pending.push(message);
        break;
      case 'cancel': {
        const cancelled = this.pending.find((request) => request.id === message.id);
        if (!cancelled) return;
        this.pending = this.pending.filter((request) => request !== cancelled);
        this.send({ id: cancelled.id, logs: [], outcome: 'skipped' });
        return;
      }
      case 'forget':
        this.analyses.forget(message.uri);
        return;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      this.runNext();
      this.schedule();
    });
  }

  private runNext(): void {
    const { run, skipped, rest } = nextStep(this.pending);
    this.pending = rest;
    for (const request of skipped) this.send({ id: request.id, logs: [], outcome: 'skipped' });
    if (run) this.send(this.answer(run));
  }

  private answer(request: AnalysisRequest): AnalysisResponse {
    const logs: LogLine[] = [];
    try {
      const answer = this.analyses.answer(request, request.query, logs);
      if (answer === undefined && !this.analyses.has(request.uri, request.version))
        return { id: request.id, logs, outcome: 'needsText' };
      return { id: request.id, logs, outcome: 'answered', answer };
    } catch (error) {
      return { id: request.id, logs, outcome: 'failed', message: describeErrorWithStack(error) };
    }
  }
}
