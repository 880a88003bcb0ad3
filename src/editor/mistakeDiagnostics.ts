// Publishes the mistake checks as diagnostics and offers their quick fixes. A thin adapter over runChecks.
import * as vscode from 'vscode';
import type { CheckId, Finding } from '../diagnostics/findings';
import { runChecks } from '../diagnostics/runChecks';
import type { Services } from '../services';
import { currentSettings, settingChanged } from '../settings/readSettings';
import type { DocumentScans } from './documentScans';
import { timeBudgetMs, toRange } from './documentScans';
import { COMMANDS, commandCall } from '../commands/commandTable';
import { describeErrorWithStack } from '../errorText';

const DEBOUNCE_MS = 300;
export const DIAGNOSTIC_SOURCE = 'DL Tutor';

export class MistakeDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };
  private readonly collection = vscode.languages.createDiagnosticCollection('dlTutor');
  private readonly findings = new Map<string, { version: number; findings: Finding[] }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly services: Services,
    private readonly scans: DocumentScans,
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
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.update(document), delay),
    );
  }

  private update(document: vscode.TextDocument): void {
    this.timers.delete(document.uri.toString());
    if (document.isClosed) return;
    const settings = currentSettings();
    if (!settings.get('diagnostics.enabled')) {
      this.forget(document.uri);
      return;
    }
    try {
      const scan = this.scans.scan(document);
      const index = this.services.concepts.get();
      const findings = scan
        ? runChecks(
            document.getText(),
            scan,
            (symbol) => index.findSymbol(symbol)?.api.params,
            (check: CheckId) => settings.get(`diagnostics.${check}`),
            {
              timeBudgetMs: timeBudgetMs(),
              onLimit: (limit) =>
                this.services.log.warn(`partial mistake checks of ${document.uri.fsPath}: ${limit.message}`),
            },
          )
        : [];
      this.findings.set(document.uri.toString(), { version: document.version, findings });
      this.collection.set(
        document.uri,
        findings.map((finding) => this.toDiagnostic(finding)),
      );
    } catch (error) {
      this.services.log.error(`mistake checks failed for ${document.uri.fsPath}: ${describeErrorWithStack(error)}`);
    }
  }

  private toDiagnostic(finding: Finding): vscode.Diagnostic {
    const concept = this.services.concepts.get().get(finding.conceptId);
    const message = concept ? `${finding.message} (${concept.title})` : finding.message;
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
      const concept = this.services.concepts.get().get(finding.conceptId);
      if (concept) {
        const explain = new vscode.CodeAction(`Explain ${concept.title}`, vscode.CodeActionKind.QuickFix);
        explain.diagnostics = [diagnostic];
        explain.command = commandCall(COMMANDS.explainConcept, explain.title, concept.id);
        actions.push(explain);
      }
    }
    return actions;
  }

  private forget(uri: vscode.Uri): void {
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
