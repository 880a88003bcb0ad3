// One editor column for all DL Tutor panels (explanations, visualisations, quizzes, summaries): a new
// panel opens where the last one is, instead of splitting the editor into ever narrower columns.
import * as vscode from 'vscode';

export class TutorColumn {
  private last: vscode.ViewColumn | undefined;

  /** The column for a new panel: the one DL Tutor last used while it is still open, else beside the editor. */
  column(): vscode.ViewColumn {
    const open = this.last !== undefined && vscode.window.tabGroups.all.some((group) => group.viewColumn === this.last);
    return open ? this.last! : vscode.ViewColumn.Beside;
  }

  /** Follows a panel wherever the learner moves it. */
  track(panel: vscode.WebviewPanel): void {
    if (panel.viewColumn !== undefined) this.last = panel.viewColumn;
    panel.onDidChangeViewState(() => {
      if (panel.viewColumn !== undefined) this.last = panel.viewColumn;
    });
  }
}

/** Shared by every panel of the extension. */
export const tutorColumn = new TutorColumn();
