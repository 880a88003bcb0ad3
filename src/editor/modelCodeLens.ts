// A CodeLens above each model a Python file defines: its trainable parameters, opening the model summary.
import * as vscode from 'vscode';
import { COMMANDS, commandCall } from '../commands/commandTable';
import { readSetting } from '../settings/readSettings';
import type { DocumentAnalysis } from './documentAnalysis';

export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly analysis: DocumentAnalysis) {}

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!readSetting('codeLens.modelSummary')) return [];
    const lenses = (await this.analysis.ask(document, { kind: 'lenses' }, token)) ?? [];
    return lenses.map(({ line, title }) => {
      const range = new vscode.Range(line, 0, line, 0);
      return new vscode.CodeLens(range, {
        ...commandCall(COMMANDS.showModelSummary, title, document.uri, line),
        tooltip: 'Open the model summary: layers, output shapes and parameters',
      });
    });
  }
}
