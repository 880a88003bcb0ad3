// Hosts the explanation webview: one panel, reused, restored after a window reload.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { renderConceptHtml } from './conceptHtml';
import { isExplainViewMessage, type ExplainViewState } from './messages';
import { webviewDocument } from './webviewDocument';

export const EXPLAIN_VIEW_TYPE = 'dlTutor.explain';

export interface ExplainPanelActions {
  quiz(conceptId: string): void;
  visualise(visualisationId: string, conceptId: string): void;
  canVisualise(visualisationId: string): boolean;
}

export class ExplainPanel {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly services: Services,
    private readonly actions: ExplainPanelActions,
  ) {}

  show(conceptId: string): void {
    const concept = this.services.concepts.get().get(conceptId);
    if (!concept) {
      void vscode.window.showErrorMessage(`DL Tutor has no concept with id '${conceptId}'.`);
      return;
    }
    if (!this.panel) this.adopt(vscode.window.createWebviewPanel(EXPLAIN_VIEW_TYPE, concept.title, vscode.ViewColumn.Beside, webviewOptions(this.services.context)));
    this.render(conceptId);
    this.panel!.reveal(undefined, true);
  }

  /** Takes over a panel restored by VS Code after a reload. */
  restore(panel: vscode.WebviewPanel, state: ExplainViewState | undefined): void {
    panel.webview.options = webviewOptions(this.services.context);
    this.adopt(panel);
    if (state && this.services.concepts.get().get(state.conceptId)) this.render(state.conceptId);
    else panel.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if (!isExplainViewMessage(message)) return;
      if (message.type === 'openConcept') this.render(message.conceptId);
      else if (message.type === 'quiz') this.actions.quiz(message.conceptId);
      else this.actions.visualise(message.visualisationId, message.conceptId);
    });
  }

  private render(conceptId: string): void {
    const panel = this.panel;
    const index = this.services.concepts.get();
    const concept = index.get(conceptId);
    if (!panel || !concept) return;
    const webview = panel.webview;
    const media = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', ...path)).toString();
    panel.title = `Explain: ${concept.title}`;
    webview.html = webviewDocument({
      cspSource: webview.cspSource,
      title: concept.title,
      body: renderConceptHtml(concept, index, {
        canVisualise: concept.visualisation !== undefined && this.actions.canVisualise(concept.visualisation),
      }),
      styleUris: [media('styles', 'base.css'), media('styles', 'explain.css')],
      scriptUri: media('dist', 'explain.js'),
    });
  }
}

export function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
    retainContextWhenHidden: false,
  };
}
