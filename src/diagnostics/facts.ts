// Facts about a scanned file that several checks share: optimiser steps, backward calls, loss objects.
import type { Param } from '../content/schema';
import type { CallSite, ScanResult } from '../scanner/scanner';
import type { Scope, Statement } from '../scanner/statements';
import { canonicalSymbol } from '../scanner/symbols';
import { SourceText } from './sourceText';

/** The documented parameters of a canonical symbol (from content/), used to read arguments by meaning. */
export type ParamsLookup = (canonicalSymbol: string) => readonly Param[] | undefined;

export class FileFacts {
  readonly text: SourceText;
  readonly usesTorch: boolean;

  constructor(
    source: string,
    readonly scan: ScanResult,
    readonly paramsFor: ParamsLookup,
  ) {
    this.text = new SourceText(source);
    this.usesTorch = scan.statements.some((statement) => importsTorch(statement)) || scan.uses.some((use) => use.framework === 'pytorch');
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

  /** Names assigned an instance of one of `symbols`, e.g. `criterion` and `self.loss_fn` for nn.CrossEntropyLoss(). */
  instancesOf(symbols: ReadonlySet<string>): Set<string> {
    const names = new Set<string>();
    for (const call of this.calls) {
      const symbol = this.canonical(call);
      if (call.assignedTo && symbol && symbols.has(symbol)) names.add(call.assignedTo);
    }
    return names;
  }

  /** The latest call assigned to `name` in the same scope before `before`. */
  assignmentBefore(name: string, before: CallSite): CallSite | undefined {
    let latest: CallSite | undefined;
    for (const call of this.calls) {
      if (call.assignedTo === name && call.scope === before.scope && call.statementIndex < before.statementIndex) latest = call;
    }
    return latest;
  }

  callsInScope(scope: Scope): CallSite[] {
    return this.calls.filter((call) => call.scope === scope);
  }

  /** `loss.backward()` (any receiver) and `torch.autograd.backward(...)`. */
  isBackward(call: CallSite): boolean {
    return (call.callee.endsWith('.backward') && !call.symbol) || this.canonical(call) === 'torch.autograd.backward';
  }

  /** `optimizer.step()` on a torch.optim instance or a name that reads like an optimiser, or AMP's `scaler.step(optimizer)`. */
  isOptimizerStep(call: CallSite): boolean {
    if (!call.callee.endsWith('.step') || call.symbol) return false;
    const receiver = call.callee.slice(0, -'.step'.length);
    if (this.optimizerNames().has(receiver)) return true;
    const last = receiver.split('.').pop()!;
    if (/sched/i.test(last)) return false;
    return /(^|_)(optim\w*|opt|optimizer\w*)$/i.test(last) || (/scaler$/i.test(last) && call.args.positional.length === 1);
  }

  private optimizerNamesCache: Set<string> | undefined;
  private optimizerNames(): Set<string> {
    if (!this.optimizerNamesCache) {
      this.optimizerNamesCache = new Set(
        this.calls
          .filter((call) => call.assignedTo && this.canonical(call)?.startsWith('torch.optim.') && !this.canonical(call)!.startsWith('torch.optim.lr_scheduler.'))
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
    let indent = this.statements[statementIndex]?.indent ?? 0;
    for (let index = statementIndex - 1; index >= 0 && indent > 0; index -= 1) {
      const statement = this.statements[index]!;
      if (statement.indent >= indent) continue;
      headers.push(statement);
      indent = statement.indent;
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

/** `import torch...` or `from torch... import ...` at any depth (imports inside functions count too). */
function importsTorch(statement: Statement): boolean {
  const [first, second] = statement.tokens;
  return (first?.text === 'import' || first?.text === 'from') && second?.text === 'torch';
}

/** The value of the argument documented with `kind`, with its range, when the symbol has such a parameter. */
export function argumentOfKind(facts: FileFacts, call: CallSite, kind: Param['kind']): { param: Param; value: string; keyword: boolean } | undefined {
  const symbol = facts.canonical(call);
  const params = symbol ? facts.paramsFor(symbol) : undefined;
  for (const param of params ?? []) {
    if (param.kind !== kind) continue;
    if (call.args.keyword[param.name] !== undefined) return { param, value: call.args.keyword[param.name]!, keyword: true };
    if (param.position !== undefined && call.args.positional[param.position] !== undefined && !call.args.positional.some((a) => a.startsWith('*'))) {
      return { param, value: call.args.positional[param.position]!, keyword: false };
    }
  }
  return undefined;
}
