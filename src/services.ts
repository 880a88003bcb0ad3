// Lazily created, shared pieces of the extension: nothing heavy is built at activation.
import * as vscode from 'vscode';
import type { ConceptIndex } from './content/conceptIndex';
import { loadCompiledContent } from './content/loadConcepts';
import { lazyGrader } from './grader/loadGrader';
import { defaultModelDirectory } from './grader/modelFiles';
import { ProgressService } from './progress/progressService';
import { QuestionBank } from './quiz/questionBank';

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
  /** One answer grader for the whole extension; the model loads on the first answer, never at activation. */
  grader: ReturnType<typeof lazyGrader>;
  /** Every quiz question by id, built from the concepts on first use. */
  questions: Lazy<QuestionBank>;
  /** The learner's quiz progress; its file is read on first use. */
  progress: ProgressService;
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
  const grader = lazyGrader(defaultModelDirectory(), (message) => log.warn(message));
  const questions = new Lazy(() => new QuestionBank(concepts.get().concepts));
  const progress = new ProgressService(context.globalStorageUri, log);
  context.subscriptions.push(progress);
  return { context, concepts, grader, questions, progress, log };
}
