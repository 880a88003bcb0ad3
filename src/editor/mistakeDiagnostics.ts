// Publishes the mistake checks as diagnostics and offers their quick fixes. The checks run in the
// document analysis (off the extension host's thread), debounced while the user types; an answer for a
// version that has since changed is dropped.
import * as vscode from 'vscode';
import { Debouncer } from '../analysis/debouncer';
import type { TitledFinding } from '../analysis/protocol';
import { CHECK_IDS } from '../diagnostics/findings';
import type { Services } from '../services';
import { currentSettings, settingChanged } from '../settings/readSettings';
import { toRange, type DocumentAnalysis } from './documentAnalysis';
import { COMMANDS, commandCall } from '../commands/commandTable';
import { describeErrorWithStack } from '../errorText';

const DEBOUNCE_MS = 300;
export const DIAGNOSTIC_SOURCE = 'DL Tutor';

export class MistakeDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };
  private readonly collection = vscode.languages.createDiagnosticCollection('dlTutor');
  private readonly findings = new Map<string, { version: number; findings: TitledFinding[] }>();
  private readonly debouncer = new Debouncer();
  /** The request in flight per document, cancelled when the document changes again. */
  private readonly inFlight = new Map<string, vscode.CancellationTokenSource>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly services: Services,
    private readonly analysis: DocumentAnalysis,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (settingChanged(event, 'diagnostics')) this.refreshAll();
      }),
    ];
    this.refreshAll();
  }

  private refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'python') return;
    const key = document.uri.toString();
    this.cancelInFlight(key);
    this.debouncer.schedule(key, delay, () => void this.update(document));
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const settings = currentSettings();
    if (!settings.get('diagnostics.enabled')) {
      this.forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    const request = new vscode.CancellationTokenSource();
    this.inFlight.set(key, request);
    const version = document.version;
    try {
      const enabledChecks = CHECK_IDS.filter((check) => settings.get(`diagnostics.${check}`));
      const findings = await this.analysis.ask(document, { kind: 'findings', enabledChecks }, request.token);
      if (findings === undefined || request.token.isCancellationRequested || document.isClosed) return;
      if (document.version !== version) return;
      this.findings.set(key, { version, findings });
      this.collection.set(
        document.uri,
        findings.map((finding) => this.toDiagnostic(finding)),
      );
    } catch (error) {
      this.services.log.error(`mistake checks failed for ${document.uri.fsPath}: ${describeErrorWithStack(error)}`);
    } finally {
      if (this.inFlight.get(key) === request) this.inFlight.delete(key);
      request.dispose();
    }
  }

  private cancelInFlight(key: string): void {
    this.inFlight.get(key)?.cancel();
    this.inFlight.delete(key);
  }

  private toDiagnostic(finding: TitledFinding): vscode.Diagnostic {
    const message = finding.conceptTitle ? `${finding.message} (${finding.conceptTitle})` : finding.message;
    const severity =
      finding.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
    const diagnostic = new vscode.Diagnostic(toRange(finding.range), message, severity);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = finding.check;
    return diagnostic;
  }

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const stored = this.findings.get(document.uri.toString());
    if (!stored || stored.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = stored.findings.find(
        (f) => f.check === diagnostic.code && toRange(f.range).isEqual(diagnostic.range),
      );
      if (!finding || !toRange(finding.range).intersection(range)) continue;
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        actions.push(action);
      }
      if (finding.conceptTitle) {
        const explain = new vscode.CodeAction(`Explain ${finding.conceptTitle}`, vscode.CodeActionKind.QuickFix);
        explain.diagnostics = [diagnostic];
        explain.command = commandCall(COMMANDS.explainConcept, explain.title, finding.conceptId);
        actions.push(explain);
      }
    }
    return actions;
  }

  private forget(uri: vscode.Uri): void {
    this.debouncer.cancel(uri.toString());
    this.cancelInFlight(uri.toString());
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const request of this.inFlight.values()) request.cancel();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
