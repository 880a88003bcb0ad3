// Hosts the explanation webview: one panel, reused, restored after a window reload, with a Back trail.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { PanelHost } from '../panelHost';
import { renderConceptHtml } from './conceptHtml';
import { explainProtocol, HISTORY_LIMIT, type ExplainViewMessage, type ExplainViewState } from './messages';

export const EXPLAIN_VIEW_TYPE = 'dlTutor.explain';

export interface ExplainPanelActions {
  quiz(conceptId: string): void;
  visualise(visualisationId: string, conceptId: string): void;
  canVisualise(visualisationId: string): boolean;
}

export class ExplainPanel implements vscode.Disposable {
  readonly host: PanelHost<never, ExplainViewMessage, ExplainViewState>;
  /** Concepts left through Related links, oldest first. A fresh Explain starts a new trail. */
  private history: string[] = [];
  private current: string | undefined;

  constructor(
    private readonly services: Services,
    private readonly actions: ExplainPanelActions,
  ) {
    this.host = new PanelHost({
      viewType: EXPLAIN_VIEW_TYPE,
      protocol: explainProtocol,
      extensionUri: services.context.extensionUri,
      log: services.log,
      receive: (message) => this.receive(message),
      restore: (state) => this.restore(state),
    });
  }

  show(conceptId: string): void {
    const concept = this.services.concepts.get().get(conceptId);
    if (!concept) {
      void vscode.window.showErrorMessage(`DL Tutor has no concept with id '${conceptId}'.`);
      return;
    }
    this.host.open(concept.title);
    this.history = [];
    this.render(conceptId);
    this.host.reveal(true);
  }

  dispose(): void {
    this.host.dispose();
  }

  private restore(state: ExplainViewState): boolean {
    const index = this.services.concepts.get();
    if (!index.get(state.conceptId)) return false;
    this.history = (state.history ?? []).filter((id) => index.get(id)).slice(-HISTORY_LIMIT);
    this.render(state.conceptId);
    return true;
  }

  private receive(message: ExplainViewMessage): void {
    switch (message.type) {
      case 'openConcept':
        return this.follow(message.conceptId);
      case 'back':
        return this.back();
      case 'quiz':
        return this.actions.quiz(message.conceptId);
      case 'visualise':
        return this.actions.visualise(message.visualisationId, message.conceptId);
    }
  }

  /** A Related link: the page it leaves is remembered for Back. */
  private follow(conceptId: string): void {
    if (!this.services.concepts.get().get(conceptId) || conceptId === this.current) return;
    if (this.current) this.history = [...this.history, this.current].slice(-HISTORY_LIMIT);
    this.render(conceptId);
  }

  private back(): void {
    const previous = this.history.at(-1);
    if (!previous) return;
    this.history = this.history.slice(0, -1);
    this.render(previous);
  }

  private render(conceptId: string): void {
    const panel = this.host.panel;
    const index = this.services.concepts.get();
    const concept = index.get(conceptId);
    if (!panel || !concept) return;
    this.current = conceptId;
    const previous = this.history.at(-1);
    const backTo = previous ? index.get(previous) : undefined;
    panel.title = `Explain: ${concept.title}`;
    this.host.setPage({
      title: concept.title,
      body: renderConceptHtml(concept, index, {
        canVisualise: concept.visualisation !== undefined && this.actions.canVisualise(concept.visualisation),
        ...(backTo ? { back: { id: backTo.id, title: backTo.title } } : {}),
        history: this.history,
      }),
      styles: ['dist/katex/katex.min.css', 'base.css', 'explain/explain.css'],
      script: 'dist/explain.js',
    });
  }
}
