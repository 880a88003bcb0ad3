// Remembers the last Python editor the learner used, so that "this file" still means it while a webview
// (the study sidebar, the quiz, an explanation) has focus and there is no active text editor.
import * as vscode from 'vscode';

export class LastPythonEditor implements vscode.Disposable {
  private last: vscode.TextDocument | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => this.remember(editor));
  }

  /** The active Python document, else the last one used if still open, else any visible Python editor's. */
  lastPythonDocument(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'python') return active;
    if (this.last && !this.last.isClosed) return this.last;
    return vscode.window.visibleTextEditors.find((editor) => editor.document.languageId === 'python')?.document;
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId === 'python') this.last = editor.document;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
