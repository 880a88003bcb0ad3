// Hosts the visualisation webview: one panel, reused, restored with its control values after a reload.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { PanelHost } from '../panelHost';
import { visualiseProtocol, type VisualiseViewMessage, type VisualiseViewState } from './messages';
import { renderVisualisationHtml, type RelatedConcept } from './visualisationHtml';
import { visualisationInfo, VISUALISATIONS } from './visualisationRegistry';

export const VISUALISE_VIEW_TYPE = 'dlTutor.visualise';

export interface VisualisationPanelActions {
  explain(conceptId: string): void;
}

export class VisualisationPanel implements vscode.Disposable {
  readonly host: PanelHost<never, VisualiseViewMessage, VisualiseViewState>;

  constructor(
    private readonly services: Services,
    actions: VisualisationPanelActions,
  ) {
    this.host = new PanelHost({
      viewType: VISUALISE_VIEW_TYPE,
      protocol: visualiseProtocol,
      extensionUri: services.context.extensionUri,
      log: services.log,
      receive: (message) => actions.explain(message.conceptId),
      // The webview reapplies its saved control values itself.
      restore: (state) => this.render(state.visualisationId, state.conceptId),
    });
  }

  show(visualisationId: string, conceptId?: string): void {
    const info = visualisationInfo(visualisationId);
    if (!info) {
      void vscode.window.showErrorMessage(`DL Tutor has no visualisation with id '${visualisationId}'.`);
      return;
    }
    this.host.open(info.title);
    this.render(visualisationId, conceptId);
    this.host.reveal(true);
  }

  dispose(): void {
    this.host.dispose();
  }

  private render(visualisationId: string, conceptId: string | undefined): boolean {
    const panel = this.host.panel;
    const info = visualisationInfo(visualisationId);
    if (!panel || !info) return false;
    panel.title = `Visualise: ${info.title}`;
    this.host.setPage({
      title: info.title,
      body: renderVisualisationHtml(info, this.relatedConcept(conceptId)),
      styles: ['base.css', 'visualise/visualise.css'],
      script: 'dist/visualise.js',
    });
    return true;
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
