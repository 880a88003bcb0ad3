// The editor's questions about Python documents, answered by the document analysis in its worker thread
// (on the extension host only when the worker cannot run), so that scans and checks never block the
// host's thread. Every question takes the provider's cancellation token and resolves at once when cancelled.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AnalysisClient, type AnalysedDocument } from '../analysis/analysisClient';
import { inlineBackend, workerBackend } from '../analysis/backends';
import type { AnalysisAnswer, AnalysisQuery, QueryKind } from '../analysis/protocol';
import type { SourceRange } from '../scanner/scanner';
import type { Services } from '../services';
import { currentSettings } from '../settings/readSettings';

export class DocumentAnalysis implements vscode.Disposable {
  private readonly client: AnalysisClient;
  private readonly subscriptions: vscode.Disposable[];

  constructor(services: Services) {
    // esbuild writes the worker beside the extension bundle (dist/), with the compiled content.
    const worker = workerBackend(join(__dirname, 'analysisWorker.js'), {
      contentPath: join(__dirname, 'content.json'),
    });
    this.client = new AnalysisClient(
      worker,
      inlineBackend(() => services.concepts.get()),
      (line) => (line.level === 'warn' ? services.log.warn(line.message) : services.log.info(line.message)),
    );
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((document) => this.client.forget(document.uri.toString())),
    ];
  }

  /** The answer for the document as it is now; undefined when cancelled, out of date or failed. */
  ask<K extends QueryKind>(
    document: vscode.TextDocument,
    query: AnalysisQuery<K>,
    token?: vscode.CancellationToken,
  ): Promise<AnalysisAnswer<K> | undefined> {
    const settings = currentSettings();
    const analysed: AnalysedDocument = {
      uri: document.uri.toString(),
      version: document.version,
      path: document.uri.fsPath,
      text: () => document.getText(),
    };
    return this.client.ask(
      analysed,
      { timeBudgetMs: settings.get('scanner.timeBudgetMs'), maxFileSizeKB: settings.get('scanner.maxFileSizeKB') },
      query,
      token,
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.client.dispose();
  }
}

export function toRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.startLine, range.startColumn, range.endLine, range.endColumn);
}
