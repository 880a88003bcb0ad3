import * as vscode from 'vscode';
import type { Services } from '../services';
import { currentSettings } from '../settings/readSettings';
import type { DocumentScans } from './documentScans';
import { toRange } from './documentScans';
import { hoverAt } from './hoverAt';
import { HOVER_COMMANDS } from './hoverContent';

export class ConceptHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly services: Services,
    private readonly scans: DocumentScans,
    private readonly canVisualise: (visualisationId: string) => boolean,
    private readonly onShown: () => void = () => {},
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = currentSettings();
    if (!settings.get('hover.enabled')) return undefined;
    const scan = this.scans.scan(document);
    if (!scan) return undefined;
    const hover = hoverAt(document.getText(), scan, this.services.concepts.get(), position.line, position.character, {
      length: settings.get('hover.length'),
      canVisualise: this.canVisualise,
    });
    if (!hover) return undefined;
    const markdown = new vscode.MarkdownString(hover.markdown);
    // Trusted only for our own commands: links in the hover can run nothing else.
    markdown.isTrusted = { enabledCommands: HOVER_COMMANDS.map((command) => command.id) };
    this.onShown();
    return new vscode.Hover(markdown, toRange(hover.range));
  }
}
