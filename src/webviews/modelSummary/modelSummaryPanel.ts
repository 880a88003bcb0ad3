// Hosts the model summary webview: one panel in the shared column, reused, restored after a window reload.
import * as vscode from 'vscode';
import type { DocumentAnalysis } from '../../editor/documentAnalysis';
import { describeError } from '../../errorText';
import type { Services } from '../../services';
import { PanelHost } from '../panelHost';
import { modelSummaryProtocol, type ModelSummaryMessage, type ModelSummaryState } from './messages';
import { renderModelSummaryHtml } from './modelSummaryHtml';

export const MODEL_SUMMARY_VIEW_TYPE = 'dlTutor.modelSummary';

export class ModelSummaryPanel implements vscode.Disposable {
  readonly host: PanelHost<never, ModelSummaryMessage, ModelSummaryState>;
  private shown: ModelSummaryState | undefined;

  constructor(
    private readonly services: Services,
    private readonly analysis: DocumentAnalysis,
  ) {
    this.host = new PanelHost({
      viewType: MODEL_SUMMARY_VIEW_TYPE,
      protocol: modelSummaryProtocol,
      extensionUri: services.context.extensionUri,
      log: services.log,
      receive: (message) => this.receive(message),
      restore: (state) => this.render(state),
    });
  }

  /** `line` is the model's 0-based line; -1 shows the file's first model. */
  async show(uri: vscode.Uri, line: number): Promise<void> {
    this.host.open('Model summary');
    if (await this.render({ uri: uri.toString(), line })) this.host.reveal(false);
  }

  dispose(): void {
    this.host.dispose();
  }

  private async receive(message: ModelSummaryMessage): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    if (message.type === 'select') await this.render({ uri: shown.uri, line: message.line });
    else await this.reveal(vscode.Uri.parse(shown.uri), message.line);
  }

  private async reveal(uri: vscode.Uri, line: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
    });
  }

  /** False (and the panel closed) when the file cannot be opened any more. */
  private async render(state: ModelSummaryState): Promise<boolean> {
    const panel = this.host.panel;
    if (!panel) return false;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri));
    } catch (error) {
      this.services.log.info(`model summary: cannot open ${state.uri}: ${describeError(error)}`);
      panel.dispose();
      return false;
    }
    const models = (await this.analysis.ask(document, { kind: 'models' })) ?? [];
    // Another summary or a reload took the panel over while the analysis answered.
    if (this.host.panel !== panel) return false;
    const selected = models.find((model) => model.line === state.line) ?? models[0];
    this.shown = { uri: state.uri, line: selected?.line ?? state.line };
    panel.title = selected ? `Model summary: ${selected.name}` : 'Model summary';
    this.host.setPage({
      title: panel.title,
      body: renderModelSummaryHtml(vscode.workspace.asRelativePath(document.uri), models, this.shown.line, state.uri),
      styles: ['base.css', 'modelSummary/modelSummary.css'],
      script: 'dist/modelSummary.js',
    });
    return true;
  }
}
