// A small stand-in for the parts of the VS Code API the editor adapters use: documents and their change
// events, cancellation tokens, diagnostics, hovers. Tests install it with `vi.mock('vscode', ...)` and
// drive it as VS Code would: a document opened, edited, a hover asked for and then abandoned.
import { FakeEmitter } from './fakeEmitter';

export class Uri {
  constructor(readonly fsPath: string) {}
  toString(): string {
    return `file://${this.fsPath}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(startLine: number, startColumn: number, endLine: number, endColumn: number) {
    this.start = new Position(startLine, startColumn);
    this.end = new Position(endLine, endColumn);
  }
  isEqual(other: Range): boolean {
    return compare(this.start, other.start) === 0 && compare(this.end, other.end) === 0;
  }
  intersection(other: Range): Range | undefined {
    const start = compare(this.start, other.start) >= 0 ? this.start : other.start;
    const end = compare(this.end, other.end) <= 0 ? this.end : other.end;
    if (compare(start, end) > 0) return undefined;
    return new Range(start.line, start.character, end.line, end.character);
  }
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export class CancellationTokenSource {
  private readonly cancelled = new FakeEmitter<void>();
  readonly token = {
    isCancellationRequested: false,
    onCancellationRequested: this.cancelled.event,
  };
  cancel(): void {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    void this.cancelled.fire();
  }
  dispose(): void {}
}

export class MarkdownString {
  isTrusted: unknown;
  constructor(readonly value: string) {}
}

export class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range: Range,
  ) {}
}

export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

export class Diagnostic {
  source: string | undefined;
  code: string | undefined;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}

export class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Empty = new CodeActionKind('');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}

export class WorkspaceEdit {
  readonly replacements: { uri: Uri; range: Range; newText: string }[] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.replacements.push({ uri, range, newText });
  }
}

export class CodeAction {
  diagnostics: Diagnostic[] | undefined;
  isPreferred: boolean | undefined;
  edit: WorkspaceEdit | undefined;
  command: unknown;
  constructor(
    readonly title: string,
    readonly kind: CodeActionKind,
  ) {}
}

export class FakeDocument {
  isClosed = false;
  readonly languageId = 'python';
  readonly uri: Uri;
  constructor(
    path: string,
    public text: string,
    public version = 1,
  ) {
    this.uri = new Uri(path);
  }
  getText(): string {
    return this.text;
  }
}

const opened = new FakeEmitter<FakeDocument>();
const changed = new FakeEmitter<{ document: FakeDocument }>();
const closed = new FakeEmitter<FakeDocument>();

/** Settings by key under `dlTutor`; a missing one reads as its default. */
export const settings = new Map<string, unknown>();

export const workspace = {
  textDocuments: [] as FakeDocument[],
  onDidOpenTextDocument: opened.event,
  onDidChangeTextDocument: changed.event,
  onDidCloseTextDocument: closed.event,
  onDidChangeConfiguration: new FakeEmitter<unknown>().event,
  getConfiguration: () => ({ get: (key: string) => settings.get(key) }),
};

/** What the diagnostics collection holds per document path. */
export const published = new Map<string, Diagnostic[]>();

export const languages = {
  createDiagnosticCollection: () => ({
    set: (uri: Uri, diagnostics: Diagnostic[]) => published.set(uri.fsPath, diagnostics),
    delete: (uri: Uri) => published.delete(uri.fsPath),
    dispose: () => published.clear(),
  }),
};

/** The user typed into a document: its version and text change, and VS Code says so. */
export function edit(document: FakeDocument, text: string): void {
  document.text = text;
  document.version += 1;
  void changed.fire({ document });
}

export function open(document: FakeDocument): void {
  workspace.textDocuments.push(document);
  void opened.fire(document);
}

export function resetEditor(): void {
  workspace.textDocuments.length = 0;
  published.clear();
  settings.clear();
}
