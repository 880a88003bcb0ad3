// Hosts the model summary webview: one panel, reused, restored after a window reload from its state.
import * as vscode from 'vscode';
import type { DocumentAnalysis } from '../editor/documentAnalysis';
import type { Services } from '../services';
import { webviewOptions } from './explainPanel';
import { renderModelSummaryHtml } from './modelSummaryHtml';
import { isModelSummaryMessage, isModelSummaryState, type ModelSummaryState } from './modelSummaryMessages';
import { webviewDocument } from './webviewDocument';
import { describeError } from '../errorText';

export const MODEL_SUMMARY_VIEW_TYPE = 'dlTutor.modelSummary';

export class ModelSummaryPanel {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ModelSummaryState | undefined;

  constructor(
    private readonly services: Services,
    private readonly analysis: DocumentAnalysis,
  ) {}

  async show(uri: vscode.Uri, line: number): Promise<void> {
    if (!this.panel)
      this.adopt(
        vscode.window.createWebviewPanel(
          MODEL_SUMMARY_VIEW_TYPE,
          'Model summary',
          { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
          webviewOptions(this.services.context),
        ),
      );
    await this.render({ uri: uri.toString(), line });
    this.panel?.reveal(undefined, false);
  }

  /** Takes over a panel restored by VS Code after a reload. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = webviewOptions(this.services.context);
    this.adopt(panel);
    if (isModelSummaryState(state)) await this.render(state);
    else panel.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage(async (message: unknown) => {
      if (!isModelSummaryMessage(message) || !this.shown) return;
      if (message.type === 'select') await this.render({ uri: this.shown.uri, line: message.line });
      else await this.reveal(vscode.Uri.parse(this.shown.uri), message.line);
    });
  }

  private async reveal(uri: vscode.Uri, line: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
    });
  }

  private async render(state: ModelSummaryState): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri));
    } catch (error) {
      this.services.log.info(`model summary: cannot open ${state.uri}: ${describeError(error)}`);
      panel.dispose();
      return;
    }
    const models = (await this.analysis.ask(document, { kind: 'models' })) ?? [];
    if (this.panel !== panel) return;
    const selected = models.find((model) => model.line === state.line) ?? models[0];
    this.shown = { uri: state.uri, line: selected?.line ?? state.line };
    const webview = panel.webview;
    const media = (...path: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', ...path)).toString();
    const fileName = vscode.workspace.asRelativePath(document.uri);
    panel.title = selected ? `Model summary: ${selected.name}` : 'Model summary';
    webview.html = webviewDocument({
      cspSource: webview.cspSource,
      title: panel.title,
      body: renderModelSummaryHtml(fileName, models, this.shown.line, state.uri),
      styleUris: [media('styles', 'base.css'), media('styles', 'modelSummary.css')],
      scriptUri: media('dist', 'modelSummary.js'),
    });
  }
}
