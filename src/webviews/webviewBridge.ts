// The host's side of every webview, panel or sidebar view alike: options that confine it to media/, the page
// under a strict CSP with a fresh nonce, and incoming messages checked against the webview's protocol.
import * as vscode from 'vscode';
import { describeError } from '../errorText';
import { parseWith, type WebviewProtocol } from './protocol';
import { webviewDocument } from './webviewDocument';

/** Where a webview's problems are reported: the extension's output channel. */
export interface WebviewLog {
  warn(message: string): void;
  error(message: string): void;
}

/** A page of a webview; `styles` (in cascade order) and `script` are paths under media/. */
export interface WebviewPage {
  title: string;
  /** Trusted HTML from our own renderers (all content and learner text already escaped). */
  body: string;
  styles: readonly string[];
  script: string;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    retainContextWhenHidden: false,
  };
}

export function setPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): void {
  const media = (path: string): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...path.split('/'))).toString();
  webview.html = webviewDocument({
    cspSource: webview.cspSource,
    title: page.title,
    body: page.body,
    styleUris: page.styles.map(media),
    scriptUri: media(page.script),
  });
}

/**
 * Hands each message that fits the protocol to `receive`; anything else is logged and dropped. A handler that
 * throws or rejects is logged too, so no message can break the webview's connection.
 */
export function listen<ToHost>(
  webview: vscode.Webview,
  protocol: WebviewProtocol<unknown, ToHost, unknown>,
  log: WebviewLog,
  receive: (message: ToHost) => void | Promise<void>,
): vscode.Disposable {
  return webview.onDidReceiveMessage(async (raw: unknown) => {
    const parsed = parseWith(protocol.toHost, raw);
    if (!parsed.ok) return log.warn(`${protocol.name} webview: ignored an invalid message (${parsed.problem})`);
    try {
      await receive(parsed.value);
    } catch (error) {
      log.error(`${protocol.name} webview: handling a message failed: ${describeError(error)}`);
    }
  });
}
