// Facts about a scanned file that several checks share: optimiser steps, backward calls, classes, torch use.
import type { Param } from '../content/schema';
import type { CallSite, ScanResult, SourceRange } from '../scanner/scanner';
import type { Scope, Statement } from '../scanner/statements';
import type { Token } from '../scanner/tokenizer';
import { canonicalSymbol } from '../scanner/symbols';
import { SourceText } from './sourceText';

/** The documented parameters of a canonical symbol (from content/), used to read arguments by meaning. */
export type ParamsLookup = (canonicalSymbol: string) => readonly Param[] | undefined;

/** Where something happens, for facts that are not a named call (`scaler.scale(loss).backward()`). */
export interface Site {
  range: SourceRange;
  statementIndex: number;
  scope: Scope;
}

export class FileFacts {
  readonly text: SourceText;
  readonly usesTorch: boolean;

  constructor(
    source: string,
    readonly scan: ScanResult,
    readonly paramsFor: ParamsLookup,
  ) {
    this.text = new SourceText(source);
    this.usesTorch = usesTorch(scan);
  }

  get calls(): readonly CallSite[] {
    return this.scan.calls;
  }

  get statements(): readonly Statement[] {
    return this.scan.statements;
  }

  canonical(call: CallSite): string | undefined {
    return call.symbol ? canonicalSymbol(call.symbol) : undefined;
  }

  // Indexes over the calls, built on first use: checks look calls up by target, scope, statement and
  // start, and a scan over every call per lookup would make them quadratic in the file's size.
  private byTarget: Map<string, CallSite[]> | undefined;
  private byCallee: Map<string, CallSite[]> | undefined;
  private byScope: Map<Scope, CallSite[]> | undefined;
  private byStatement: Map<number, CallSite[]> | undefined;
  private byStart: Map<number, Map<number, CallSite[]>> | undefined;

  private indexed(key: (call: CallSite) => string | number | Scope | undefined): Map<never, CallSite[]> {
    const index = new Map<unknown, CallSite[]>();
    for (const call of this.calls) {
      const value = key(call);
      if (value === undefined) continue;
      const list = index.get(value);
      if (list) list.push(call);
      else index.set(value, [call]);
    }
    return index as Map<never, CallSite[]>;
  }

  /** Every call assigned to `name` (`name = f(...)`), in file order. */
  callsAssignedTo(name: string): readonly CallSite[] {
    this.byTarget ??= this.indexed((call) => call.assignedTo);
    return this.byTarget.get(name) ?? [];
  }

  /** Every call of `callee` as written (`Net(...)` for `callee` Net), in file order. */
  callsTo(callee: string): readonly CallSite[] {
    this.byCallee ??= this.indexed((call) => call.callee);
    return this.byCallee.get(callee) ?? [];
  }

  /** The latest call assigned to `name` in the same scope before `before`. */
  assignmentBefore(name: string, before: CallSite): CallSite | undefined {
    const candidates = this.callsAssignedTo(name);
    // Calls are in file order: start from the last one before `before`, found by binary search.
    let low = 0;
    let high = candidates.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (candidates[middle]!.statementIndex < before.statementIndex) low = middle + 1;
      else high = middle;
    }
    for (let i = low - 1; i >= 0; i -= 1) {
      const call = candidates[i]!;
      if (call.scope === before.scope) return call;
    }
    return undefined;
  }

  callsInScope(scope: Scope): readonly CallSite[] {
    this.byScope ??= this.indexed((call) => call.scope);
    return this.byScope.get(scope) ?? [];
  }

  callsInStatement(statementIndex: number): readonly CallSite[] {
    this.byStatement ??= this.indexed((call) => call.statementIndex);
    return this.byStatement.get(statementIndex) ?? [];
  }

  /** The calls whose call range starts at the position (a call and the calls chained on its result), in file order. */
  callsStartingAt(line: number, column: number): readonly CallSite[] {
    if (!this.byStart) {
      // By line, then column: numbers as keys, where a `line:column` string per call would be garbage.
      this.byStart = new Map();
      for (const call of this.calls) {
        const { startLine, startColumn } = call.callRange;
        let columns = this.byStart.get(startLine);
        if (!columns) this.byStart.set(startLine, (columns = new Map()));
        const list = columns.get(startColumn);
        if (list) list.push(call);
        else columns.set(startColumn, [call]);
      }
    }
    return this.byStart.get(line)?.get(column) ?? NO_CALLS;
  }

  /** The last call starting at the position. */
  callAt(line: number, column: number): CallSite | undefined {
    const calls = this.callsStartingAt(line, column);
    return calls[calls.length - 1];
  }

  /** `loss.backward()` (any receiver) and `torch.autograd.backward(...)`. */
  isBackward(call: CallSite): boolean {
    return (call.callee.endsWith('.backward') && !call.symbol) || this.canonical(call) === 'torch.autograd.backward';
  }

  private backwardSitesCache: Site[] | undefined;
  /**
   * Every backward call: the named ones, and those on a call or bracket result, which have no dotted name
   * (`scaler.scale(loss).backward()`, `(loss / accum).backward()`) and span their statement up to `backward`.
   */
  backwardSites(): readonly Site[] {
    if (!this.backwardSitesCache) {
      const sites: Site[] = this.calls.filter((call) => this.isBackward(call));
      for (const call of this.scan.resultMethodCalls) {
        if (call.method !== 'backward') continue;
        const start = this.statements[call.statementIndex]!.tokens[0]!;
        const range = { ...call.range, startLine: start.line, startColumn: start.column };
        sites.push({ range, statementIndex: call.statementIndex, scope: call.scope });
      }
      this.backwardSitesCache = sites.sort((a, b) => a.statementIndex - b.statementIndex);
    }
    return this.backwardSitesCache;
  }

  /** True when the file itself trains: a backward pass, an optimiser step or a switch to training mode. */
  get trains(): boolean {
    return (
      this.backwardSites().length > 0 || this.calls.some((call) => this.isOptimizerStep(call) || isTrainCall(call))
    );
  }

  /** `optimizer.step()` on a torch.optim instance or a name that reads like an optimiser, or AMP's `scaler.step(optimizer)`. */
  isOptimizerStep(call: CallSite): boolean {
    if (!call.callee.endsWith('.step') || call.symbol) return false;
    const receiver = call.callee.slice(0, -'.step'.length);
    if (this.optimizerNames().has(receiver)) return true;
    const last = receiver.split('.').pop()!;
    if (/sched/i.test(last)) return false;
    return (
      /(^|_)(optim\w*|opt|optimizer\w*)$/i.test(last) || (/scaler$/i.test(last) && call.args.positional.length === 1)
    );
  }

  private optimizerNamesCache: Set<string> | undefined;
  private optimizerNames(): Set<string> {
    if (!this.optimizerNamesCache) {
      this.optimizerNamesCache = new Set(
        this.calls
          .filter(
            (call) =>
              call.assignedTo &&
              this.canonical(call)?.startsWith('torch.optim.') &&
              !this.canonical(call)!.startsWith('torch.optim.lr_scheduler.'),
          )
          .map((call) => call.assignedTo!),
      );
    }
    return this.optimizerNamesCache;
  }

  /** The def statement that opens a function scope. */
  headerOf(scope: Scope): Statement | undefined {
    return scope.kind === 'module' ? undefined : this.statements[scope.firstStatement - 1];
  }

  /** The block headers (`if`, `elif`, `for`, `with` ...) that enclose a statement, innermost first. */
  enclosingHeaders(statementIndex: number): Statement[] {
    const headers: Statement[] = [];
    for (
      let index = this.statements[statementIndex]?.enclosingIndex;
      index !== undefined;
      index = this.statements[index]!.enclosingIndex
    ) {
      headers.push(this.statements[index]!);
    }
    return headers;
  }

  /** Decorator statements written directly above a def. */
  decoratorsOf(scope: Scope): Statement[] {
    const decorators: Statement[] = [];
    for (let index = scope.firstStatement - 2; index >= 0; index -= 1) {
      const statement = this.statements[index]!;
      if (statement.tokens[0]!.text !== '@') break;
      decorators.push(statement);
    }
    return decorators;
  }

  /** The innermost class a scope is defined in (a method, or a function nested in one). */
  enclosingClass(scope: Scope): Scope | undefined {
    let current: Scope | undefined = scope;
    while (current && current.kind !== 'class') current = current.parent;
    return current;
  }

  /**
   * True when the class, or a base class defined in this file, lists a base that satisfies `test`
   * (`class Classifier(BaseLit)` with `class BaseLit(L.LightningModule)`).
   */
  derivesFrom(classScope: Scope, test: (base: string) => boolean): boolean {
    return this.ancestry(classScope).some(test);
  }

  private readonly ancestries = new Map<Scope, readonly string[]>();
  /**
   * The bases of a class and, through the classes of this file, of its bases, nearest first: at most
   * MAX_ANCESTORS classes are followed, so a generated chain of thousands costs no more than a real hierarchy.
   */
  private ancestry(classScope: Scope): readonly string[] {
    const cached = this.ancestries.get(classScope);
    if (cached) return cached;
    const bases: string[] = [];
    const seen = new Set<string>();
    const queue = [this.headerOf(classScope)];
    for (let visited = 0; queue.length > 0 && visited < MAX_ANCESTORS; visited += 1) {
      const header = queue.shift();
      if (!header || seen.has(header.tokens[1]?.text ?? '')) continue;
      seen.add(header.tokens[1]?.text ?? '');
      for (const base of basesOf(header)) {
        bases.push(base);
        queue.push(this.classHeaderNamed(base.split('.').pop()!));
      }
    }
    this.ancestries.set(classScope, bases);
    return bases;
  }

  /** Base classes listed in a class header, as written (`nn.Module`, `BaseLit`). */
  basesOf(classScope: Scope): string[] {
    const header = this.headerOf(classScope);
    return header ? basesOf(header) : [];
  }

  private classHeaders: Map<string, Statement> | undefined;
  /** The first class of that name defined in the file. */
  classHeaderNamed(name: string): Statement | undefined {
    if (!this.classHeaders) {
      this.classHeaders = new Map();
      for (const statement of this.statements) {
        const name = statement.tokens[1]?.text;
        if (statement.tokens[0]?.text === 'class' && name !== undefined && !this.classHeaders.has(name))
          this.classHeaders.set(name, statement);
      }
    }
    return this.classHeaders.get(name);
  }

  /** Parameter names of a def, in order (`self` included). */
  parametersOf(scope: Scope): string[] {
    const header = this.headerOf(scope);
    if (!header) return [];
    const open = header.tokens.findIndex((token) => token.text === '(');
    if (open < 0) return [];
    const depth = header.tokens[open]!.depth + 1;
    const names: string[] = [];
    let expectingName = true;
    for (const token of header.tokens.slice(open + 1)) {
      if (token.depth < depth) break;
      if (token.depth > depth) continue;
      if (token.text === ',') expectingName = true;
      else if (token.text === '*' || token.text === '**' || token.text === '/') continue;
      else if (expectingName && token.kind === 'name') {
        names.push(token.text);
        expectingName = false;
      } else expectingName = false;
    }
    return names;
  }
}

const NO_CALLS: readonly CallSite[] = [];

/** Most classes followed up a hierarchy written in one file (real ones are a handful deep). */
const MAX_ANCESTORS = 64;

/** `model.train()`, `model.train(False)`, `model.train(mode=False)`: a module's mode switch. */
export function isTrainCall(call: CallSite): boolean {
  return !call.symbol && call.callee.endsWith('.train');
}

/** Data loading that JAX and TensorFlow code borrows from PyTorch without training with it. */
const TORCH_DATA_ONLY = /^(torch\.utils\.data|torchvision\.(datasets|transforms))(\.|$)/;
const OTHER_FRAMEWORK = /^(jax|flax|tensorflow|keras|tf_keras)$/;

/**
 * A file uses PyTorch when it imports it (at any depth) or uses its API. A JAX or TensorFlow file counts
 * only when it uses more of torch than its data loaders, since its `model(x)` and `.step()` are not torch's.
 */
function usesTorch(scan: ScanResult): boolean {
  const modules: string[] = [];
  for (const statement of scan.statements) {
    const module = importedModule(statement);
    if (module !== undefined) modules.push(module);
  }
  const torchImports = modules.filter((module) => /^torch(vision)?(\.|$)/.test(module));
  const torchUses = scan.uses.filter((use) => use.framework === 'pytorch');
  if (torchImports.length === 0 && torchUses.length === 0) return false;
  const otherFramework = modules.some((module) => OTHER_FRAMEWORK.test(module.split('.')[0]!));
  if (!otherFramework) return true;
  const beyondData = (symbol: string) => /^torch(vision)?\./.test(symbol) && !TORCH_DATA_ONLY.test(symbol);
  return (
    torchImports.some((module) => module !== 'torch' && !TORCH_DATA_ONLY.test(module)) ||
    torchUses.some((use) => beyondData(use.symbol)) ||
    scan.calls.some((call) => call.symbol !== undefined && beyondData(call.symbol))
  );
}

/** The module an import statement names: `torch.utils.data` for `import torch.utils.data as data` or `from torch.utils.data import X`. */
function importedModule(statement: Statement): string | undefined {
  const { tokens } = statement;
  const first = tokens[0];
  if (first?.text !== 'import' && first?.text !== 'from') return undefined;
  let module = '';
  for (let i = 1; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.kind !== 'name' && token.text !== '.') break;
    if (token.kind === 'name' && (token.text === 'import' || token.text === 'as')) break;
    module += token.text;
  }
  return module.length > 0 ? module : undefined;
}

/** The dotted names between the parentheses of a class header; keywords such as `metaclass=ABCMeta` are not bases. */
function basesOf(header: Statement): string[] {
  const open = header.tokens.findIndex((token) => token.text === '(');
  if (open < 0) return [];
  const depth = header.tokens[open]!.depth + 1;
  const parts: Token[][] = [[]];
  for (const token of header.tokens.slice(open + 1)) {
    if (token.depth < depth) break;
    if (token.depth === depth && token.text === ',') parts.push([]);
    else parts[parts.length - 1]!.push(token);
  }
  return parts.flatMap((part) => {
    const isDotted =
      part.length % 2 === 1 && part.every((token, k) => (k % 2 === 0 ? token.kind === 'name' : token.text === '.'));
    return isDotted ? [part.map((token) => token.text).join('')] : [];
  });
}

/** The value of the argument documented with `kind`, with its range, when the symbol has such a parameter. */
export function argumentOfKind(
  facts: FileFacts,
  call: CallSite,
  kind: Param['kind'],
  symbol = facts.canonical(call),
): { param: Param; value: string; keyword: boolean } | undefined {
  const params = symbol ? facts.paramsFor(symbol) : undefined;
  for (const param of params ?? []) {
    if (param.kind !== kind) continue;
    if (call.args.keyword[param.name] !== undefined)
      return { param, value: call.args.keyword[param.name]!, keyword: true };
    if (
      param.position !== undefined &&
      call.args.positional[param.position] !== undefined &&
      !call.args.positional.some((a) => a.startsWith('*'))
    ) {
      return { param, value: call.args.positional[param.position]!, keyword: false };
    }
  }
  return undefined;
}
