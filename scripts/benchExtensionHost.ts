// The extension's cost to its host: activation time, and the memory it adds after activation, after the
// first hover (the analysis worker started, the content loaded, one file analysed) and after the first
// graded answer. The real bundle (dist/extension.js) is activated in a fresh Node process against a
// minimal stand-in for the VS Code API that accepts every registration and returns inert values; the
// hover goes through the registered provider, as the editor would call it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import Module from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lazyGrader } from '../src/grader/loadGrader';
import { defaultModelDirectory } from '../src/grader/modelFiles';

type Anything = Record<string | symbol, unknown> & ((...args: unknown[]) => unknown);

/** An object any property of which, call or construction gives another such object. */
function inert(): Anything {
  const cache = new Map<string | symbol, unknown>();
  // A function expression (not an arrow), so that `new` works on it too.
  return new Proxy(function () {} as unknown as Anything, {
    get: (_target, key) => {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => '';
      if (!cache.has(key)) cache.set(key, inert());
      return cache.get(key);
    },
    set: (_target, key, value) => cache.set(key, value).has(key),
    apply: () => inert(),
    construct: () => inert(),
  });
}

interface Providers {
  hover: { provideHover(document: unknown, position: unknown, token: unknown): Promise<unknown> }[];
  codeActions: {
    provideCodeActions(document: unknown, range: unknown, context: unknown, token: unknown): Promise<unknown[]>;
  }[];
}

/**
 * The VS Code API as far as activation and a hover need it: every class, namespace and enum that
 * @types/vscode declares (the bundle copies the module's own names), each inert; hover providers are kept.
 */
function fakeVscode(providers: Providers): unknown {
  const declarations = readFileSync(join(__dirname, '..', 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const api: Record<string, unknown> = {};
  for (const [, name] of declarations.matchAll(/^\s*export (?:class|namespace|enum) (\w+)/gm)) api[name!] = inert();
  api.Uri = { file: uri, joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(join(base.fsPath, ...parts)) };
  // The extension's log: warnings and errors are printed.
  const window = inert();
  const print = (message: string): void => console.log(`  (log: ${message})`);
  window.createOutputChannel = () => ({ ...inertLog(), warn: print, error: print });
  api.window = window;
  const languages = inert();
  languages.registerHoverProvider = (_selector: unknown, provider: Providers['hover'][number]) => {
    providers.hover.push(provider);
    return { dispose: () => {} };
  };
  languages.registerCodeActionsProvider = (_selector: unknown, provider: Providers['codeActions'][number]) => {
    providers.codeActions.push(provider);
    return { dispose: () => {} };
  };
  api.languages = languages;
  const workspace = inert();
  // Configuration reads fall back to each setting's default.
  workspace.getConfiguration = () => ({ get: () => undefined });
  workspace.textDocuments = [];
  api.workspace = workspace;
  return api;
}

function withFakeVscode<T>(vscode: unknown, run: () => T): T {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, ...rest) => (request === 'vscode' ? vscode : original(request, ...rest));
  try {
    return run();
  } finally {
    loader._load = original;
  }
}

function inertLog(): Record<string, () => void> {
  const nothing = (): void => {};
  return { info: nothing, debug: nothing, trace: nothing, appendLine: nothing, show: nothing, dispose: nothing };
}

function uri(fsPath: string): { fsPath: string; toString(): string } {
  return { fsPath, toString: () => `file://${fsPath}` };
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Runs this benchmark in a fresh process, so that nothing else is in its memory. */
export function benchExtensionHostInFreshProcess(): void {
  const child = spawnSync(process.execPath, [__filename, EXTENSION_HOST_FLAG], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`the extension-host benchmark exited with ${child.status ?? child.signal}`);
}

export const EXTENSION_HOST_FLAG = '--extension-host';

export async function benchExtensionHost(): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const added = (): string => `${mb(process.memoryUsage().rss - baseline)} added to the process`;
  const providers: Providers = { hover: [], codeActions: [] };
  const vscode = fakeVscode(providers);
  const context = new Proxy(
    {
      subscriptions: [] as unknown[],
      globalState: { get: () => undefined, update: async () => {} },
      extensionUri: uri(join(__dirname, '..')),
      globalStorageUri: uri(mkdtempSync(join(tmpdir(), 'dl-tutor-bench-'))),
    },
    { get: (target, key) => (key in target ? target[key as keyof typeof target] : inert()[key]) },
  );
  const started = performance.now();
  const extension = withFakeVscode(
    vscode,
    () => createRequire(__filename)(join(__dirname, 'extension.js')) as { activate(context: unknown): void },
  );
  const loaded = performance.now();
  withFakeVscode(vscode, () => extension.activate(context));
  const activated = performance.now();
  console.log('extension host (the real bundle against a stand-in VS Code API, in a fresh process):');
  console.log(
    `  activation: ${(activated - started).toFixed(1)} ms (loading the bundle ${(loaded - started).toFixed(1)} ms, activate() ${(activated - loaded).toFixed(1)} ms); memory ${added()}`,
  );

  const source = readFileSync(join(__dirname, '..', 'examples', 'pytorch_cnn.py'), 'utf8');
  const document = {
    uri: { toString: () => 'file:///bench/pytorch_cnn.py', fsPath: '/bench/pytorch_cnn.py' },
    version: 1,
    languageId: 'python',
    isClosed: false,
    getText: () => source,
  };
  const offset = source.indexOf('nn.Dropout');
  const before = source.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before.at(-1)!.length + 1 };
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => {} }) };
  const hoverStarted = performance.now();
  const hover = await providers.hover[0]?.provideHover(document, position, token);
  if (!hover) throw new Error('the first hover gave nothing');
  console.log(
    `  first hover (starts the analysis worker, which loads the content and scans the file): ${(performance.now() - hoverStarted).toFixed(0)} ms; memory ${added()}`,
  );

  // The light bulb's actions: their titles come with the analysis's answer, so the host loads no content.
  const actionsStarted = performance.now();
  const range = { start: position, end: position };
  let actions = 0;
  for (const provider of providers.codeActions)
    actions += (await provider.provideCodeActions(document, range, { diagnostics: [] }, token)).length;
  if (actions === 0) throw new Error('the first light bulb gave nothing');
  console.log(
    `  first light bulb (titles from the analysis): ${(performance.now() - actionsStarted).toFixed(0)} ms; memory ${added()}`,
  );

  // The same lazy grader the extension creates, loaded by its first answer.
  const grader = lazyGrader(defaultModelDirectory(), (message) => console.log(`  (${message})`));
  await grader.grade(
    {
      prompt: 'What does dropout do during training?',
      reference: 'It zeroes a random fraction of activations on each training step and rescales the rest.',
      keyPoints: ['zeroes random activations', 'only during training'],
      misconceptions: [],
    },
    'It randomly drops units while training.',
  );
  console.log(`  after the first graded answer: memory ${added()}`);
  for (const subscription of context.subscriptions) (subscription as { dispose?: () => void }).dispose?.();
}
