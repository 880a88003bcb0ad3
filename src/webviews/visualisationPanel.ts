// Hosts the visualisation webview: one panel, reused, restored with its control values after a reload.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { webviewOptions } from './explainPanel';
import { tutorColumn } from './tutorColumn';
import { renderVisualisationHtml, type RelatedConcept } from './visualisationHtml';
import { isVisualiseViewMessage, isVisualiseViewState } from './visualisationMessages';
import { visualisationInfo, VISUALISATIONS } from './visualisationRegistry';
import { webviewDocument } from './webviewDocument';

export const VISUALISE_VIEW_TYPE = 'dlTutor.visualise';

export interface VisualisationPanelActions {
  explain(conceptId: string): void;
}

export class VisualisationPanel {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly services: Services,
    private readonly actions: VisualisationPanelActions,
  ) {}

  show(visualisationId: string, conceptId?: string): void {
    const info = visualisationInfo(visualisationId);
    if (!info) {
      void vscode.window.showErrorMessage(`DL Tutor has no visualisation with id '${visualisationId}'.`);
      return;
    }
    if (!this.panel)
      this.adopt(
        vscode.window.createWebviewPanel(
          VISUALISE_VIEW_TYPE,
          info.title,
          tutorColumn.column(),
          webviewOptions(this.services.context),
        ),
      );
    this.render(visualisationId, conceptId);
    this.panel!.reveal(undefined, true);
  }

  /** Takes over a panel restored by VS Code after a reload; the webview reapplies its saved control values. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    panel.webview.options = webviewOptions(this.services.context);
    this.adopt(panel);
    if (isVisualiseViewState(state) && visualisationInfo(state.visualisationId))
      this.render(state.visualisationId, state.conceptId);
    else panel.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    tutorColumn.track(panel);
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if (isVisualiseViewMessage(message)) this.actions.explain(message.conceptId);
    });
  }

  private render(visualisationId: string, conceptId: string | undefined): void {
    const panel = this.panel;
    const info = visualisationInfo(visualisationId);
    if (!panel || !info) return;
    const webview = panel.webview;
    const media = (...path: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', ...path)).toString();
    panel.title = `Visualise: ${info.title}`;
    webview.html = webviewDocument({
      cspSource: webview.cspSource,
      title: info.title,
      body: renderVisualisationHtml(info, this.relatedConcept(conceptId)),
      styleUris: [media('styles', 'base.css'), media('styles', 'visualise.css')],
      scriptUri: media('dist', 'visualise.js'),
    });
  }

  private relatedConcept(conceptId: string | undefined): RelatedConcept | undefined {
    if (!conceptId) return undefined;
    try {
      const concept = this.services.concepts.get().get(conceptId);
      return concept ? { id: concept.id, title: concept.title } : undefined;
    } catch (error) {
      // The visualisation is useful on its own; without the knowledge base it just has no Explain button.
      this.services.log.warn(`visualisation opened without concept '${conceptId}': ${String(error)}`);
      return undefined;
    }
  }
}

/** QuickPick over every available visualisation, for the command palette. */
export async function pickVisualisation(): Promise<string | undefined> {
  const items = VISUALISATIONS.map((v) => ({ label: v.title, detail: v.description, visualisationId: v.id }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: 'Open which visualisation?',
    matchOnDetail: true,
  });
  return picked?.visualisationId;
}
