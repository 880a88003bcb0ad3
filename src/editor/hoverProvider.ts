import * as vscode from 'vscode';
import type { Services } from '../services';
import type { DocumentScans } from './documentScans';
import { toRange } from './documentScans';
import { buildHoverMarkdown, HOVER_COMMANDS } from './hoverContent';

export class ConceptHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly services: Services,
    private readonly scans: DocumentScans,
    private readonly canVisualise: (visualisationId: string) => boolean,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!vscode.workspace.getConfiguration('dlTutor').get<boolean>('hover.enabled', true)) return undefined;
    const use = this.scans.usesAt(document, position)[0];
    if (!use) return undefined;
    const match = this.services.concepts.get().findSymbol(use.canonicalSymbol);
    if (!match) return undefined;
    const text = buildHoverMarkdown(use, match.concept, match.api, {
      canVisualise: match.concept.visualisation !== undefined && this.canVisualise(match.concept.visualisation),
    });
    const markdown = new vscode.MarkdownString(text);
    // Trusted only for our own commands: links in the hover can run nothing else.
    markdown.isTrusted = { enabledCommands: Object.values(HOVER_COMMANDS) };
    return new vscode.Hover(markdown, toRange(use.range));
  }
}
