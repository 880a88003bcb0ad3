import * as vscode from 'vscode';
import { COMMANDS, commandCall, type CommandCall } from '../commands/commandTable';
import type { DocumentAnalysis } from './documentAnalysis';

/** Learning actions on a recognised symbol, shown in the light-bulb menu. */
export class LearnCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.Empty.append('dlTutor').append('learn');
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [LearnCodeActionProvider.kind],
  };

  constructor(private readonly analysis: DocumentAnalysis) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    _context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const query = { kind: 'conceptsAt', line: range.start.line, column: range.start.character } as const;
    const concepts = (await this.analysis.ask(document, query, token)) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const concept of concepts) {
      actions.push(this.action(commandCall(COMMANDS.explainConcept, `Explain ${concept.title}`, concept.id)));
      actions.push(this.action(commandCall(COMMANDS.quizConcept, `Quiz me on ${concept.title}`, concept.id)));
      if (concept.visualisation) {
        actions.push(
          this.action(commandCall(COMMANDS.visualise, `Visualise ${concept.title}`, concept.visualisation, concept.id)),
        );
      }
    }
    return actions;
  }

  private action(command: CommandCall): vscode.CodeAction {
    const action = new vscode.CodeAction(command.title, LearnCodeActionProvider.kind);
    action.command = command;
    return action;
  }
}
