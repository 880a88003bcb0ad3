// A CodeLens above each model a Python file defines: its trainable parameters, opening the model summary.
import * as vscode from 'vscode';
import { COMMANDS, commandCall } from '../commands/commandTable';
import { modelsOf } from '../modelInsight/fileModels';
import { lensTitle } from '../modelInsight/insightText';
import { readSetting } from '../settings/readSettings';
import type { DocumentScans } from './documentScans';

export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly scans: DocumentScans) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readSetting('codeLens.modelSummary')) return [];
    const scan = this.scans.scan(document);
    if (!scan) return [];
    return modelsOf(scan).models.map((model) => {
      const range = new vscode.Range(model.line, 0, model.line, 0);
      return new vscode.CodeLens(range, {
        ...commandCall(COMMANDS.showModelSummary, lensTitle(model), document.uri, model.line),
        tooltip: 'Open the model summary: layers, output shapes and parameters',
      });
    });
  }
}
