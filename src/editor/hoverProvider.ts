import * as vscode from 'vscode';
import { currentSettings } from '../settings/readSettings';
import { toRange, type DocumentAnalysis } from './documentAnalysis';
import { HOVER_COMMANDS } from './hoverContent';

export class ConceptHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly analysis: DocumentAnalysis,
    private readonly onShown: () => void = () => {},
  ) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const settings = currentSettings();
    if (!settings.get('hover.enabled')) return undefined;
    const hover = await this.analysis.ask(
      document,
      { kind: 'hover', line: position.line, column: position.character, length: settings.get('hover.length') },
      token,
    );
    if (!hover || token.isCancellationRequested) return undefined;
    const markdown = new vscode.MarkdownString(hover.markdown);
    // Trusted only for our own commands: links in the hover can run nothing else.
    markdown.isTrusted = { enabledCommands: HOVER_COMMANDS.map((command) => command.id) };
    this.onShown();
    return new vscode.Hover(markdown, toRange(hover.range));
  }
}
