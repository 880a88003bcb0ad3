import * as vscode from 'vscode';
import type { Services } from '../services';
import type { DocumentScans } from './documentScans';
import { HOVER_COMMANDS } from './hoverContent';

/** Learning actions on a recognised symbol, shown in the light-bulb menu. */
export class LearnCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.Empty.append('dlTutor').append('learn');
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [LearnCodeActionProvider.kind],
  };

  constructor(
    private readonly services: Services,
    private readonly scans: DocumentScans,
    private readonly canVisualise: (visualisationId: string) => boolean,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const seen = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    for (const use of this.scans.usesAt(document, range.start)) {
      if (seen.has(use.conceptId)) continue;
      seen.add(use.conceptId);
      const concept = this.services.concepts.get().get(use.conceptId);
      if (!concept) continue;
      actions.push(this.action(`Explain ${concept.title}`, HOVER_COMMANDS.explain, [concept.id]));
      actions.push(this.action(`Quiz me on ${concept.title}`, HOVER_COMMANDS.quiz, [concept.id]));
      if (concept.visualisation && this.canVisualise(concept.visualisation)) {
        actions.push(
          this.action(`Visualise ${concept.title}`, HOVER_COMMANDS.visualise, [concept.visualisation, concept.id]),
        );
      }
    }
    return actions;
  }

  private action(title: string, command: string, args: unknown[]): vscode.CodeAction {
    const action = new vscode.CodeAction(title, LearnCodeActionProvider.kind);
    action.command = { title, command, arguments: args };
    return action;
  }
}
