// A small stand-in for the parts of the VS Code API that the webview hosts use: webview panels with their
// events, panel serializers and editor groups. Tests install it with `vi.mock('vscode', ...)` and drive it
// as VS Code would: a learner's message, a panel moved or closed, a window reloaded.
import { FakeEmitter } from './fakeEmitter';

export class Uri {
  private constructor(readonly path: string) {}
  static file(path: string): Uri {
    return new Uri(path);
  }
  static parse(text: string): Uri {
    return new Uri(text.replace(/^file:\/\//, ''));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.path, ...parts].join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `file://${this.path}`;
  }
}

export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 } as const;

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

/** Open documents by path; `workspace.openTextDocument` fails for any other, as for a deleted file. */
export const documents = new Map<string, { uri: Uri; lineCount: number }>();
/** Where `window.showTextDocument` was asked to go. */
export const shownDocuments: { path: string; line: number | undefined; column: number | undefined }[] = [];

export const workspace = {
  openTextDocument(uri: Uri): Promise<{ uri: Uri; lineCount: number }> {
    const document = documents.get(uri.path);
    return document ? Promise.resolve(document) : Promise.reject(new Error(`cannot open ${uri.path}`));
  },
  asRelativePath(uri: Uri): string {
    return uri.path.split('/').at(-1) ?? uri.path;
  },
};

export class FakeWebview {
  html = '';
  options: Record<string, unknown> = {};
  readonly cspSource = 'https://webview.test';
  readonly posted: unknown[] = [];
  private readonly messages = new FakeEmitter<unknown>();
  readonly onDidReceiveMessage = this.messages.event;

  asWebviewUri(uri: Uri): { toString(): string } {
    return { toString: () => `https://webview.test${uri.path}` };
  }
  postMessage(message: unknown): Promise<boolean> {
    this.posted.push(message);
    return Promise.resolve(true);
  }
  /** A message from the page's script, as VS Code delivers it; resolves when the handlers are done. */
  send(message: unknown): Promise<void> {
    return this.messages.fire(message);
  }
}

export class FakePanel {
  readonly webview = new FakeWebview();
  disposed = false;
  readonly reveals: { preserveFocus: boolean | undefined }[] = [];
  private readonly disposeEvent = new FakeEmitter<void>();
  private readonly viewState = new FakeEmitter<unknown>();
  readonly onDidDispose = this.disposeEvent.event;
  readonly onDidChangeViewState = this.viewState.event;

  constructor(
    readonly viewType: string,
    public title: string,
    public viewColumn: number | undefined,
    options: Record<string, unknown> = {},
  ) {
    this.webview.options = options;
  }

  reveal(_column?: number, preserveFocus?: boolean): void {
    this.reveals.push({ preserveFocus });
  }
  dispose(): void {
    // As in VS Code, disposing twice is harmless and the event fires once.
    if (this.disposed) return;
    this.disposed = true;
    void this.disposeEvent.fire();
  }
  /** The learner dragged the panel to another editor group. */
  moveTo(column: number): void {
    this.viewColumn = column;
    openColumns.add(column);
    void this.viewState.fire({ webviewPanel: this });
  }
}

/** Editor groups that exist, by column; a panel created "beside" lands in column 2. */
const openColumns = new Set<number>([1]);
export const createdPanels: FakePanel[] = [];
export const serializers = new Map<
  string,
  { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> | void }
>();

export const window = {
  createWebviewPanel(
    viewType: string,
    title: string,
    column: number | { viewColumn: number },
    options: Record<string, unknown>,
  ): FakePanel {
    const requested = typeof column === 'number' ? column : column.viewColumn;
    const viewColumn = requested === ViewColumn.Beside ? 2 : requested;
    openColumns.add(viewColumn);
    const panel = new FakePanel(viewType, title, viewColumn, options);
    createdPanels.push(panel);
    return panel;
  },
  registerWebviewPanelSerializer(
    viewType: string,
    serializer: { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> | void },
  ): { dispose(): void } {
    serializers.set(viewType, serializer);
    return { dispose: () => serializers.delete(viewType) };
  },
  errors: [] as string[],
  showErrorMessage(message: string): Promise<undefined> {
    window.errors.push(message);
    return Promise.resolve(undefined);
  },
  showTextDocument(document: { uri: Uri }, options: { viewColumn?: number; selection?: Range }): Promise<void> {
    shownDocuments.push({ path: document.uri.path, line: options.selection?.start.line, column: options.viewColumn });
    return Promise.resolve();
  },
  tabGroups: {
    get all(): { viewColumn: number }[] {
      return [...openColumns].map((viewColumn) => ({ viewColumn }));
    },
  },
};

/** Closes every editor group but the first, as a fresh window has. */
export function resetWindow(): void {
  openColumns.clear();
  openColumns.add(1);
  createdPanels.length = 0;
  serializers.clear();
  documents.clear();
  shownDocuments.length = 0;
  window.errors.length = 0;
}

/** VS Code restoring a panel after a reload: a panel it made itself, handed to the registered serializer. */
export async function reloadPanel(viewType: string, state: unknown, column = 2): Promise<FakePanel> {
  const serializer = serializers.get(viewType);
  if (!serializer) throw new Error(`no serializer for ${viewType}`);
  const panel = new FakePanel(viewType, 'restored', column);
  openColumns.add(column);
  await serializer.deserializeWebviewPanel(panel, state);
  return panel;
}
