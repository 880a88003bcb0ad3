// One webview panel kind's life cycle, shared by the explanation, visualisation, quiz and model summary panels:
// at most one panel, created in DL Tutor's shared editor column and reused; taken over again after a window
// reload from the state its webview saved (checked against the protocol); messages checked before they reach
// the owner; typed sending; dispose.
import * as vscode from 'vscode';
import { describeError } from '../errorText';
import { parseWith, type WebviewProtocol } from './protocol';
import { tutorColumn, type TutorColumn } from './tutorColumn';
import { listen, setPage, webviewOptions, type WebviewLog, type WebviewPage } from './webviewBridge';

export interface PanelHostOptions<ToWebview, ToHost, State> {
  /** The panel's view type, as `onWebviewPanel:` activation and the serializer name it. */
  viewType: string;
  protocol: WebviewProtocol<ToWebview, ToHost, State>;
  extensionUri: vscode.Uri;
  log: WebviewLog;
  /** A valid message from the panel's webview. */
  receive(message: ToHost): void | Promise<void>;
  /**
   * Shows a panel restored after a reload from its webview's saved state. Returns false when the state names
   * something that no longer exists; the panel is then closed.
   */
  restore(state: State): boolean | Promise<boolean>;
  /** Each panel the host takes over, new or restored, before its content is set. */
  adopted?(panel: vscode.WebviewPanel): void;
  /** The panel was closed, by the learner or by `dispose`. */
  closed?(): void;
  /** The column tracker; DL Tutor's shared one unless a test passes its own. */
  column?: TutorColumn;
}

export class PanelHost<ToWebview, ToHost, State> implements vscode.Disposable {
  private current: vscode.WebviewPanel | undefined;
  private readonly column: TutorColumn;

  constructor(private readonly options: PanelHostOptions<ToWebview, ToHost, State>) {
    this.column = options.column ?? tutorColumn;
  }

  get panel(): vscode.WebviewPanel | undefined {
    return this.current;
  }

  /** The open panel, or a new one in the shared column. */
  open(title: string): vscode.WebviewPanel {
    if (this.current) return this.current;
    const panel = vscode.window.createWebviewPanel(
      this.options.viewType,
      title,
      this.column.column(),
      webviewOptions(this.options.extensionUri),
    );
    this.adopt(panel);
    return panel;
  }

  reveal(preserveFocus: boolean): void {
    this.current?.reveal(undefined, preserveFocus);
  }

  /** Replaces the panel's page (strict CSP, fresh nonce); does nothing without a panel. */
  setPage(page: WebviewPage): void {
    if (this.current) setPage(this.current.webview, this.options.extensionUri, page);
  }

  /** The only way to send to this panel's webview: a message its protocol does not allow fails to typecheck. */
  post(message: ToWebview): void {
    void this.current?.webview.postMessage(message);
  }

  /** Takes over a panel VS Code restored after a reload; a state that does not fit the protocol closes it. */
  async restore(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const state = parseWith(this.options.protocol.state, saved);
    if (!state.ok) {
      this.options.log.warn(`${this.options.protocol.name} panel not restored: saved state invalid (${state.problem})`);
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.options.extensionUri);
    this.adopt(panel);
    let shown = false;
    try {
      shown = await this.options.restore(state.value);
    } catch (error) {
      this.options.log.error(`${this.options.protocol.name} panel not restored: ${describeError(error)}`);
    }
    if (!shown) panel.dispose();
  }

  /** Registers `restore` for this view type; VS Code activates the extension for it (`onWebviewPanel:`). */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(this.options.viewType, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => this.restore(panel, state),
    });
  }

  dispose(): void {
    this.current?.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.current?.dispose();
    this.current = panel;
    this.column.track(panel);
    this.options.adopted?.(panel);
    listen(panel.webview, this.options.protocol, this.options.log, (message) => {
      // A message still in flight from a panel that was replaced is not for the current one.
      if (this.current === panel) return this.options.receive(message);
    });
    panel.onDidDispose(() => {
      if (this.current !== panel) return;
      this.current = undefined;
      this.options.closed?.();
    });
  }
}
