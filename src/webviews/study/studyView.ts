// The study sidebar: a webview view in DL Tutor's own activity-bar container, refreshed when progress changes.
import type * as vscode from 'vscode';
import { describeError } from '../../errorText';
import type { Services } from '../../services';
import { studySnapshot } from '../../sidebar/studySnapshot';
import { listen, setPage, webviewOptions } from '../webviewBridge';
import { studyProtocol, type StudyHostMessage, type StudyViewMessage } from './messages';
import { renderStudyHtml } from './studyHtml';

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
    const { extensionUri } = this.services.context;
    const webview = view.webview;
    webview.options = webviewOptions(extensionUri);
    setPage(webview, extensionUri, {
      title: 'Study',
      body: renderStudyHtml(),
      styles: ['base.css', 'study/study.css'],
      script: 'dist/study.js',
    });
    listen(webview, studyProtocol, this.services.log, (message) => {
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
    if (!this.view?.visible) return;
    try {
      const concepts = this.services.concepts.get().concepts;
      const snapshot = studySnapshot(
        concepts,
        this.services.questions.get().items,
        this.services.progress.progress,
        new Date(),
      );
      this.post({ type: 'snapshot', snapshot });
    } catch (error) {
      this.services.log.error(`study view: ${describeError(error)}`);
      this.post({
        type: 'unavailable',
        message: 'DL Tutor could not load its knowledge base; see the DL Tutor output channel.',
      });
    }
  }

  /** The only way to send to the sidebar: a message its protocol does not allow fails to typecheck. */
  private post(message: StudyHostMessage): void {
    void this.view?.webview.postMessage(message);
  }
}
