// The study sidebar: a webview view in DL Tutor's own activity-bar container, refreshed when progress changes.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { StudyHostMessage, StudyViewMessage } from '../webviews/studyMessages';
import { isStudyViewMessage } from '../webviews/studyMessages';
import { renderStudyHtml } from '../webviews/studyHtml';
import { webviewDocument } from '../webviews/webviewDocument';
import { studySnapshot } from './studySnapshot';

export const STUDY_VIEW_ID = 'dlTutor.study';

export class StudyViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly services: Services,
    private readonly act: (message: Exclude<StudyViewMessage, { type: 'ready' }>) => void,
    private readonly onShown: () => void = () => {},
  ) {
    this.subscriptions = [services.progress.onDidChange(() => this.publish())];
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.onShown();
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.services.context.extensionUri, 'media')],
    };
    const media = (...path: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', ...path)).toString();
    webview.html = webviewDocument({
      cspSource: webview.cspSource,
      title: 'Study',
      body: renderStudyHtml(),
      styleUris: [media('styles', 'base.css'), media('styles', 'study.css')],
      scriptUri: media('dist', 'study.js'),
    });
    webview.onDidReceiveMessage((message: unknown) => {
      if (!isStudyViewMessage(message)) return;
      if (message.type === 'ready') this.publish();
      else this.act(message);
    });
    view.onDidChangeVisibility(() => this.publish());
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private publish(): void {
    const view = this.view;
    if (!view?.visible) return;
    let message: StudyHostMessage;
    try {
      const concepts = this.services.concepts.get().concepts;
      message = {
        type: 'snapshot',
        snapshot: studySnapshot(
          concepts,
          this.services.questions.get().items,
          this.services.progress.progress,
          new Date(),
        ),
      };
    } catch (error) {
      this.services.log.error(`study view: ${String(error)}`);
      message = {
        type: 'unavailable',
        message: 'DL Tutor could not load its knowledge base; see the DL Tutor output channel.',
      };
    }
    void view.webview.postMessage(message);
  }
}
