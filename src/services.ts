// Lazily created, shared pieces of the extension: nothing heavy is built at activation.
import * as vscode from 'vscode';
import type { ConceptIndex } from './content/conceptIndex';
import { loadCompiledContent } from './content/loadConcepts';

export class Lazy<T> {
  private value: T | undefined;
  constructor(private readonly create: () => T) {}
  get(): T {
    if (this.value === undefined) this.value = this.create();
    return this.value;
  }
}

export interface Services {
  context: vscode.ExtensionContext;
  concepts: Lazy<ConceptIndex>;
  log: vscode.LogOutputChannel;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = vscode.window.createOutputChannel('DL Tutor', { log: true });
  context.subscriptions.push(log);
  const concepts = new Lazy(() => {
    const started = Date.now();
    const index = loadCompiledContent(vscode.Uri.joinPath(context.extensionUri, 'dist', 'content.json').fsPath);
    log.info(`loaded ${index.concepts.length} concepts in ${Date.now() - started} ms`);
    return index;
  });
  return { context, concepts, log };
}
