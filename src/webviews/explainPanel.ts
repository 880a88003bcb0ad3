// Hosts the explanation webview: one panel, reused, restored after a window reload.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { renderConceptHtml } from './conceptHtml';
import { isExplainViewMessage, type ExplainViewState } from './messages';
import { tutorColumn } from './tutorColumn';
import { webviewDocument } from './webviewDocument';

export const EXPLAIN_VIEW_TYPE = 'dlTutor.explain';

export interface ExplainPanelActions {
  quiz(conceptId: string): void;
  visualise(visualisationId: string, conceptId: string): void;
  canVisualise(visualisationId: string): boolean;
}

/** Back goes at most this many concepts deep. */
const HISTORY_LIMIT = 20;

export class ExplainPanel {
  private panel: vscode.WebviewPanel | undefined;
  /** Concepts left through Related links, oldest first. A fresh Explain starts a new trail. */
  private history: string[] = [];
  private current: string | undefined;

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
    if (!this.panel)
      this.adopt(
        vscode.window.createWebviewPanel(
          EXPLAIN_VIEW_TYPE,
          concept.title,
          tutorColumn.column(),
          webviewOptions(this.services.context),
        ),
      );
    this.history = [];
    this.render(conceptId);
    this.panel!.reveal(undefined, true);
  }

  /** Takes over a panel restored by VS Code after a reload. */
  restore(panel: vscode.WebviewPanel, state: ExplainViewState | undefined): void {
    panel.webview.options = webviewOptions(this.services.context);
    this.adopt(panel);
    const index = this.services.concepts.get();
    if (state && index.get(state.conceptId)) {
      this.history = (state.history ?? []).filter((id) => index.get(id)).slice(-HISTORY_LIMIT);
      this.render(state.conceptId);
    } else panel.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    tutorColumn.track(panel);
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if (!isExplainViewMessage(message)) return;
      if (message.type === 'openConcept') this.follow(message.conceptId);
      else if (message.type === 'back') this.back();
      else if (message.type === 'quiz') this.actions.quiz(message.conceptId);
      else this.actions.visualise(message.visualisationId, message.conceptId);
    });
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
    const panel = this.panel;
    const index = this.services.concepts.get();
    const concept = index.get(conceptId);
    if (!panel || !concept) return;
    this.current = conceptId;
    const previous = this.history.at(-1);
    const backTo = previous ? index.get(previous) : undefined;
    const webview = panel.webview;
    const media = (...path: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', ...path)).toString();
    panel.title = `Explain: ${concept.title}`;
    webview.html = webviewDocument({
      cspSource: webview.cspSource,
      title: concept.title,
      body: renderConceptHtml(concept, index, {
        canVisualise: concept.visualisation !== undefined && this.actions.canVisualise(concept.visualisation),
        ...(backTo ? { back: { id: backTo.id, title: backTo.title } } : {}),
        history: this.history,
      }),
      styleUris: [media('dist', 'katex', 'katex.min.css'), media('styles', 'base.css'), media('styles', 'explain.css')],
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
