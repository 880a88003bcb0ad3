// Finds deep-learning API uses in Python source. Pure: no vscode, no file system.
import { collectBindings, dotted, isKeyword, type Binding, type BindingTable } from './bindings';
import { bracketPartners, parseCallArguments, type CallArguments, type ParsedCall, type TokenSpan } from './calls';
import { compileStringIdentifiers, layerStringIdentifiers, type StringIdentifier } from './kerasStrings';
import { nonUseTokens } from './nonUses';
import {
  isObjectMethodName,
  objectKindOf,
  objectMethodSymbol,
  type FileFrameworks,
  type ObjectKind,
} from './objectMethods';
import { buildStatements, headerOf, type Scope, type Statement } from './statements';
import { canonicalSymbol, frameworkOf, IMPLICIT_ROOTS, type ScanFramework } from './symbols';
import { isTensorMethodName, tensorMethodSymbol } from './tensorMethods';
import { tokenize, type Token } from './tokenizer';
import { describeError } from '../errorText';
import { Deadline, MAX_ANALYSED_DEPTH, type WorkLimit, type WorkOptions } from './workLimits';

/** What the scanner knows about the APIs worth reporting, keyed by canonical symbol (see symbols.ts). */
export interface SymbolCatalogue {
  /** The id of the concept that explains this symbol, if any. */
  conceptFor(canonicalSymbol: string): string | undefined;
  /** The concept of one call when it depends on an argument (`TextVectorization(output_mode='tf_idf')`). */
  conceptForCall?(canonicalSymbol: string, args: CallArguments): string | undefined;
  /** True when some known symbol starts with this dotted prefix (used to resolve `from x import *`). */
  hasPrefix(canonicalPrefix: string): boolean;
}

export interface SourceRange {
  /** 0-based line and UTF-16 column; end is exclusive. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface ApiUse {
  /** Where the symbol is written (`nn.Dropout` in `nn.Dropout(p=0.8)`). */
  range: SourceRange;
  /** The whole call, arguments included, when the symbol is called. */
  callRange?: SourceRange;
  /** Fully resolved name as imported, e.g. tensorflow.keras.layers.Dropout. */
  symbol: string;
  /** The spelling used in content/, e.g. keras.layers.Dropout. */
  canonicalSymbol: string;
  framework: ScanFramework;
  conceptId: string;
  args: CallArguments;
  isCall: boolean;
  /** How the use was found: a name in code, or a Keras string identifier such as activation='relu'. */
  via: 'code' | 'string-identifier';
}

/** Any call written as a dotted name, resolved or not: `optimizer.zero_grad()`, `loss.backward()`. */
export interface CallSite {
  callee: string;
  /** Resolved symbol when the head of the callee is an import. */
  symbol?: string;
  args: CallArguments;
  /** Where each argument is written: positional values, keyword values, and whole `name=value` pairs. */
  argumentRanges: {
    positional: SourceRange[];
    keyword: Record<string, SourceRange>;
    keywordWhole: Record<string, SourceRange>;
  };
  range: SourceRange;
  callRange: SourceRange;
  statementIndex: number;
  scope: Scope;
  /** True when the call is the whole right-hand side of an assignment (`x = f(...)`). */
  assignedTo?: string;
}

/** A method called on the result of a call or subscript, which has no dotted name: `scaler.scale(loss).backward()`. */
export interface ResultMethodCall {
  method: string;
  /** The method's name. */
  range: SourceRange;
  statementIndex: number;
  scope: Scope;
}

export interface ScanResult {
  uses: ApiUse[];
  calls: CallSite[];
  resultMethodCalls: ResultMethodCall[];
  statements: Statement[];
  /** Why the result is partial (out of time, nested too deep, an internal error); empty when complete. */
  limits: WorkLimit[];
}

/** Longest dotted name a known symbol can have; longer chains are matched on their first parts only. */
const MAX_SYMBOL_PARTS = 16;

/**
 * Scans Python source for API uses and calls. Never throws: an internal error, a time budget running
 * out or brackets nested deeper than MAX_ANALYSED_DEPTH give the results found so far, with a note in `limits`.
 */
export function scanPython(source: string, catalogue: SymbolCatalogue, options: WorkOptions = {}): ScanResult {
  const deadline = new Deadline(options);
  const result: ScanResult = { uses: [], calls: [], resultMethodCalls: [], statements: [], limits: [] };
  let line = 0;
  let stoppedAt: number | undefined;
  try {
    const tokens = tokenize(source, deadline);
    if (deadline.passed()) stoppedAt = tokens[tokens.length - 1]?.line ?? 0;
    const { statements, scopes } = buildStatements(tokens);
    result.statements = statements;
    const table = collectBindings(statements, scopes, deadline);
    const resolver = new NameResolver(table, statements, catalogue);
    const context: ScanContext = { table, resolver, catalogue, receivers: new ReceiverKinds() };
    for (const statement of statements) {
      line = statement.tokens[0]!.line;
      if (deadline.passed()) {
        stoppedAt ??= line;
        break;
      }
      scanStatement(source, statement, context, result);
    }
    for (const use of objectMethodUses(result.calls, context.receivers, resolver.frameworks(), catalogue))
      result.uses.push(use);
    if (stoppedAt !== undefined) {
      result.limits.push({
        kind: 'time',
        line: stoppedAt,
        message: `stopped after the time budget of ${options.timeBudgetMs} ms near line ${stoppedAt + 1}; uses after it are not reported`,
      });
    }
  } catch (error) {
    result.limits.push({ kind: 'error', line, message: `scan failed near line ${line + 1}: ${describeError(error)}` });
  }
  result.uses.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
  return result;
}

/** What the scan of each statement reads and adds to, besides its result. */
interface ScanContext {
  table: BindingTable;
  resolver: NameResolver;
  catalogue: SymbolCatalogue;
  receivers: ReceiverKinds;
}

function scanStatement(
  source: string,
  statement: Statement,
  { table, resolver, catalogue, receivers }: ScanContext,
  result: ScanResult,
): void {
  const { uses, calls } = result;
  const statementTokens = statement.tokens;
  const first = statementTokens[0]!.text;
  if (first === 'import' || first === 'from') return;
  const skipped = nonUseTokens(statementTokens);
  for (let i = 0; i < statementTokens.length; i += 1) {
    const head = statementTokens[i]!;
    if (skipped.has(head)) continue;
    if (head.depth > MAX_ANALYSED_DEPTH) {
      noteDepthLimit(result, head);
      continue;
    }
    if (!isChainHead(statementTokens, i, table)) {
      // `model(x).softmax(-1)`, `scaler.scale(loss).backward()`: a method of a call or subscript result.
      const beforeDot = statementTokens[i - 2]?.text;
      const afterBracket =
        head.kind === 'name' && statementTokens[i - 1]?.text === '.' && (beforeDot === ')' || beforeDot === ']');
      if (afterBracket && statementTokens[i + 1]?.text === '(') {
        result.resultMethodCalls.push({
          method: head.text,
          range: rangeOf(head, head),
          statementIndex: statement.index,
          scope: statement.scope,
        });
      }
      if (
        afterBracket &&
        statementTokens[i + 1]?.text === '(' &&
        isTensorMethodName(head.text) &&
        resolver.fileImportsTorch()
      ) {
        const use = tensorMethodUse(
          head,
          undefined,
          parseCallArguments(source, statementTokens, i + 1),
          catalogue,
          resolver.moduleMethodsAreTorch(),
        );
        if (use) uses.push(use);
      }
      continue;
    }
    // The chain `a.b.c` is the tokens from the head to `last`: its parts are every other token.
    const headIndex = i;
    const last = chainEnd(statementTokens, headIndex);
    i = last;
    const partCount = (last - headIndex) / 2 + 1;
    const lastPart = statementTokens[last]!.text;
    const callee = dottedText(source, statementTokens, headIndex, last + 1);
    const call =
      statementTokens[last + 1]?.text === '(' ? parseCallArguments(source, statementTokens, last + 1) : undefined;
    const resolvedHead = resolver.resolve(head.text, statement);
    const resolved =
      resolvedHead === head.text ? callee : resolvedHead ? resolvedHead + callee.slice(head.text.length) : undefined;

    if (call) {
      calls.push(
        new FoundCall(
          source,
          statementTokens,
          last + 1,
          callee,
          resolved,
          call.args,
          rangeOf(head, statementTokens[last]!),
          rangeOf(head, statementTokens[call.closeIndex]!),
          statement,
          assignmentTarget(statementTokens, headIndex, call.closeIndex),
        ),
      );
      // `optimizer = torch.optim.SGD(...)`, `with tf.GradientTape() as tape:`: what the receiver of later methods holds.
      const target = calls[calls.length - 1]!.assignedTo ?? withTarget(statementTokens, call.closeIndex);
      if (target && resolved) receivers.assign(target, canonicalSymbol(resolved));
    }
    if (resolved) {
      const use = matchUse(resolved, partCount, catalogue);
      if (use) {
        const isWholeChainCall = use.partCount === partCount && call !== undefined;
        uses.push({
          range: rangeOf(head, statementTokens[headIndex + use.partCount * 2 - 2]!),
          callRange: isWholeChainCall ? rangeOf(head, statementTokens[call.closeIndex]!) : undefined,
          symbol: use.symbol,
          canonicalSymbol: use.canonical,
          framework: frameworkOf(use.symbol)!,
          conceptId: (isWholeChainCall && catalogue.conceptForCall?.(use.canonical, call.args)) || use.conceptId,
          args: isWholeChainCall ? call.args : { positional: [], keyword: {} },
          isCall: isWholeChainCall,
          via: 'code',
        });
      }
    }
    // Any Keras callable may take `activation='relu'` or `kernel_initializer='he_normal'`, known to content or not.
    if (call && resolved && frameworkOf(resolved) === 'keras') {
      addStringIdentifierUses(uses, layerStringIdentifiers(call, canonicalSymbol(resolved)), catalogue);
    }
    // `model.compile('adam', loss='mse')`, `self.add_weight(initializer='zeros')`: the receiver is unknown, so
    // require Keras in the file and a receiver that is not an import (`re.compile('adam')`, `torch.compile(m)`).
    const kerasMethod = partCount >= 2 && !resolvedHead && resolver.fileUsesKeras() ? lastPart : undefined;
    if (call && kerasMethod === 'compile') addStringIdentifierUses(uses, compileStringIdentifiers(call), catalogue);
    if (call && kerasMethod === 'add_weight')
      addStringIdentifierUses(uses, layerStringIdentifiers(call, 'add_weight'), catalogue);
    // `loss.backward()`, `logits.softmax(dim=-1)`: a method of something that is not an import.
    if (call && !resolvedHead && partCount >= 2 && isTensorMethodName(lastPart) && resolver.fileImportsTorch()) {
      const method = statementTokens[last]!;
      const use = tensorMethodUse(
        method,
        callee.slice(0, callee.length - lastPart.length - 1),
        call,
        catalogue,
        resolver.moduleMethodsAreTorch(),
      );
      if (use) uses.push(use);
    }
  }
}

/** One note per file is enough: the line where brackets first nest too deep to analyse. */
function noteDepthLimit(result: ScanResult, token: Token): void {
  if (result.limits.some((limit) => limit.kind === 'depth')) return;
  result.limits.push({
    kind: 'depth',
    line: token.line,
    message: `brackets nest more than ${MAX_ANALYSED_DEPTH} deep from line ${token.line + 1}; the calls inside them are not analysed`,
  });
}

/** What the file assigns to each receiver name: one object kind, or 'other' for any other framework object. */
class ReceiverKinds {
  private readonly kinds = new Map<string, ObjectKind | 'other' | 'conflicting'>();
  /** What each assigned symbol makes its target; a file assigns the same few symbols many times. */
  private readonly kindBySymbol = new Map<string, ObjectKind | 'other' | undefined>();

  assign(target: string, canonical: string): void {
    let kind = this.kindBySymbol.get(canonical);
    if (kind === undefined && !this.kindBySymbol.has(canonical)) {
      // An imported class (`torch.nn.Linear`, sklearn's `LogisticRegression`) fixes what the receiver is; a function
      // (`jax_utils.replicate(state)`, `get_scheduler(...)`) may return anything, so the receiver's name still decides.
      const nameStart = canonical.charCodeAt(canonical.lastIndexOf('.') + 1);
      kind = objectKindOf(canonical) ?? (nameStart >= 65 && nameStart <= 90 ? 'other' : undefined);
      this.kindBySymbol.set(canonical, kind);
    }
    if (!kind) return;
    const previous = this.kinds.get(target);
    this.kinds.set(target, previous === undefined || previous === kind ? kind : 'conflicting');
  }

  /** Undefined when nothing (or nothing consistent) is assigned, so that the receiver's name decides. */
  kindOf(receiver: string): ObjectKind | 'other' | undefined {
    const kind = this.kinds.get(receiver);
    return kind === 'conflicting' ? undefined : kind;
  }
}

/** `optimizer.step()`, `tape.gradient(loss, vars)`, `model.fit(x, y, epochs=5)`: methods of the objects of a training loop. */
function objectMethodUses(
  calls: readonly CallSite[],
  receivers: ReceiverKinds,
  frameworks: FileFrameworks,
  catalogue: SymbolCatalogue,
): ApiUse[] {
  const uses: ApiUse[] = [];
  for (const call of calls) {
    const dot = call.callee.lastIndexOf('.');
    if (call.symbol !== undefined || dot < 0) continue;
    const method = call.callee.slice(dot + 1);
    if (!isObjectMethodName(method)) continue;
    const receiver = call.callee.slice(0, dot);
    const symbol = objectMethodSymbol(receiver, method, call.args, receivers.kindOf(receiver), frameworks);
    const conceptId = symbol ? catalogue.conceptFor(symbol) : undefined;
    if (!symbol || !conceptId) continue;
    const { endLine, endColumn } = call.range;
    const range = { startLine: endLine, startColumn: endColumn - method.length, endLine, endColumn };
    uses.push({
      range,
      callRange: { ...call.callRange, startLine: range.startLine, startColumn: range.startColumn },
      symbol,
      canonicalSymbol: symbol,
      framework: frameworkOf(symbol)!,
      conceptId,
      args: call.args,
      isCall: true,
      via: 'code',
    });
  }
  return uses;
}

/** For `with callee(...) as name:`, the name. */
function withTarget(tokens: readonly Token[], closeIndex: number): string | undefined {
  if (tokens[0]?.text !== 'with' || tokens[closeIndex + 1]?.text !== 'as') return undefined;
  const name = tokens[closeIndex + 2];
  return name?.kind === 'name' && /^[,:]$/.test(tokens[closeIndex + 3]?.text ?? '') ? name.text : undefined;
}

/** Methods that move or cast a module and return it: `criterion = nn.CrossEntropyLoss().to(device)` is still the loss. */
const SAME_OBJECT_METHODS = new Set(['to', 'cuda', 'cpu', 'float', 'double', 'half', 'bfloat16']);

/** The last token of the call together with any `.to(device)`-style calls chained after it. */
function endOfSameObjectChain(tokens: readonly Token[], closeIndex: number): number {
  const partners = bracketPartners(tokens);
  let end = closeIndex;
  while (
    tokens[end + 1]?.text === '.' &&
    SAME_OBJECT_METHODS.has(tokens[end + 2]?.text ?? '') &&
    tokens[end + 3]?.text === '('
  ) {
    const close = partners[end + 3]!;
    if (close < 0) break;
    end = close;
  }
  return end;
}

/**
 * For `target = callee(...)` spanning the whole statement, or followed only by `.to(device)`-style calls,
 * the target as written (`self.criterion`).
 */
function assignmentTarget(tokens: readonly Token[], headIndex: number, closeIndex: number): string | undefined {
  if (tokens[headIndex - 1]?.text !== '=' || endOfSameObjectChain(tokens, closeIndex) !== tokens.length - 1)
    return undefined;
  return dotted(tokens, 0, headIndex - 1);
}

function isChainHead(tokens: readonly Token[], index: number, table: BindingTable): boolean {
  const token = tokens[index]!;
  if (token.kind !== 'name' || isKeyword(token.text)) return false;
  if (tokens[index - 1]?.text === '.') return false;
  if (table.bindingSites.has(token.start)) return false;
  // A keyword argument's name (`f(dropout=0.1)`) is not a use of anything.
  if (tokens[index + 1]?.text === '=' && token.depth > tokens[0]!.depth) return false;
  return true;
}

/** The index of the last name of the dotted chain `a.b.c` that starts at `index`. */
function chainEnd(tokens: readonly Token[], index: number): number {
  let last = index;
  while (tokens[last + 1]?.text === '.' && tokens[last + 2]?.kind === 'name') last += 2;
  return last;
}

/** The text of tokens[from..to) joined without spaces: cut from the source when nothing is written between them. */
function dottedText(source: string, tokens: readonly Token[], from: number, to: number): string {
  if (to - from === 1) return tokens[from]!.text;
  let contiguous = true;
  for (let i = from + 1; i < to && contiguous; i += 1) contiguous = tokens[i]!.start === tokens[i - 1]!.end;
  if (contiguous) return source.slice(tokens[from]!.start, tokens[to - 1]!.end);
  let text = tokens[from]!.text;
  for (let i = from + 1; i < to; i += 1) text += tokens[i]!.text;
  return text;
}

/**
 * A call as the scan found it. Where its arguments are written is worked out from the statement's tokens when
 * first asked for: few calls are ever asked, and ranges for every argument of every call would be a large
 * share of what a big file's scan keeps.
 */
class FoundCall implements CallSite {
  readonly statementIndex: number;
  readonly scope: Scope;
  readonly #source: string;
  readonly #tokens: readonly Token[];
  readonly #openIndex: number;
  #argumentRanges: CallSite['argumentRanges'] | undefined;

  constructor(
    source: string,
    tokens: readonly Token[],
    openIndex: number,
    readonly callee: string,
    readonly symbol: string | undefined,
    readonly args: CallArguments,
    readonly range: SourceRange,
    readonly callRange: SourceRange,
    statement: Statement,
    readonly assignedTo: string | undefined,
  ) {
    this.statementIndex = statement.index;
    this.scope = statement.scope;
    this.#source = source;
    this.#tokens = tokens;
    this.#openIndex = openIndex;
  }

  get argumentRanges(): CallSite['argumentRanges'] {
    this.#argumentRanges ??= argumentRanges(
      this.#tokens,
      parseCallArguments(this.#source, this.#tokens, this.#openIndex),
    );
    return this.#argumentRanges;
  }
}

/** Where each argument of a call is written: positional values, keyword values, and whole `name=value` pairs. */
function argumentRanges(tokens: readonly Token[], call: ParsedCall): CallSite['argumentRanges'] {
  const spanRange = (span: TokenSpan, from: number) => rangeOf(tokens[from]!, tokens[span.end - 1]!);
  const positional: SourceRange[] = [];
  for (const span of call.positionalSpans) positional.push(spanRange(span, span.start));
  const keyword: Record<string, SourceRange> = {};
  const keywordWhole: Record<string, SourceRange> = {};
  for (const name of Object.keys(call.keywordSpans)) {
    const span = call.keywordSpans[name]!;
    if (span.end <= span.start) continue;
    keyword[name] = spanRange(span, span.start);
    // The whole `name=value` starts two tokens before the value.
    keywordWhole[name] = spanRange(span, span.start - 2);
  }
  return { positional, keyword, keywordWhole };
}

/** The longest prefix of the resolved chain that is a known symbol, e.g. torch.nn.Dropout in torch.nn.Dropout.__call__. */
function matchUse(
  resolved: string,
  chainPartCount: number,
  catalogue: SymbolCatalogue,
): { symbol: string; canonical: string; conceptId: string; partCount: number } | undefined {
  let resolvedPartCount = 1;
  for (let dot = resolved.indexOf('.'); dot >= 0; dot = resolved.indexOf('.', dot + 1)) resolvedPartCount += 1;
  const headPartCount = resolvedPartCount - chainPartCount + 1;
  const longest = Math.min(chainPartCount, MAX_SYMBOL_PARTS - headPartCount + 1);
  if (longest < 1) return undefined;
  // Candidates are prefixes of `resolved` that end before a dot, longest first: cut, never split and joined.
  let end = resolved.length;
  for (let parts = resolvedPartCount; parts > headPartCount + longest - 1; parts -= 1)
    end = resolved.lastIndexOf('.', end - 1);
  for (let count = longest; count >= 1; count -= 1, end = resolved.lastIndexOf('.', end - 1)) {
    const symbol = end === resolved.length ? resolved : resolved.slice(0, end);
    const canonical = canonicalSymbol(symbol);
    const conceptId = catalogue.conceptFor(canonical);
    if (conceptId && frameworkOf(symbol)) return { symbol, canonical, conceptId, partCount: count };
  }
  return undefined;
}

function addStringIdentifierUses(uses: ApiUse[], found: readonly StringIdentifier[], catalogue: SymbolCatalogue): void {
  for (const { token, symbol } of found) {
    const conceptId = catalogue.conceptFor(symbol);
    if (!conceptId) continue;
    uses.push({
      range: rangeOf(token, token),
      symbol,
      canonicalSymbol: symbol,
      framework: 'keras',
      conceptId,
      args: { positional: [], keyword: {} },
      isCall: false,
      via: 'string-identifier',
    });
  }
}

function tensorMethodUse(
  method: Token,
  receiver: string | undefined,
  call: ParsedCall,
  catalogue: SymbolCatalogue,
  moduleMethods: boolean,
): ApiUse | undefined {
  const symbol = tensorMethodSymbol(method.text, receiver, call, moduleMethods);
  const conceptId = symbol ? catalogue.conceptFor(symbol) : undefined;
  if (!symbol || !conceptId) return undefined;
  return {
    range: rangeOf(method, method),
    callRange: rangeOf(method, call.tokens[call.closeIndex]!),
    symbol,
    canonicalSymbol: symbol,
    framework: 'pytorch',
    conceptId,
    args: call.args,
    isCall: true,
    via: 'code',
  };
}

function rangeOf(first: Token, last: Token): SourceRange {
  // Only strings span lines; most tokens need no split.
  if (last.kind !== 'string')
    return {
      startLine: first.line,
      startColumn: first.column,
      endLine: last.line,
      endColumn: last.column + last.text.length,
    };
  const lines = last.text.split(/\r\n|\r|\n/);
  const endLine = last.line + lines.length - 1;
  const endColumn = lines.length > 1 ? lines[lines.length - 1]!.length : last.column + last.text.length;
  return { startLine: first.line, startColumn: first.column, endLine, endColumn };
}

/** Resolves a name at a statement to the module path it was imported as, following Python's scoping. */
class NameResolver {
  /** By scope id, then name: a name's bindings in the scope, and whether one is neither an import nor an alias. */
  private readonly byScope: Map<string, { bindings: Binding[]; boundLocally: boolean }>[] = [];
  private readonly boundAnywhere = new Set<string>();
  private readonly keras: boolean;
  private readonly torch: boolean;
  private readonly nnx: boolean;

  constructor(
    private readonly table: BindingTable,
    private readonly statements: readonly Statement[],
    private readonly catalogue: SymbolCatalogue,
  ) {
    for (const binding of table.bindings) {
      const names = (this.byScope[binding.scope.id] ??= new Map());
      const entry = names.get(binding.name);
      if (entry) entry.bindings.push(binding);
      else names.set(binding.name, { bindings: [binding], boundLocally: false });
      this.boundAnywhere.add(binding.name);
    }
    // `try: import torch` / `except ImportError: torch = None`: the fallback only runs when the import fails,
    // so the code that follows is written against the import.
    for (const names of this.byScope) {
      for (const entry of names?.values() ?? []) {
        const list = entry.bindings;
        if (list.some((b) => b.importPath))
          entry.bindings = list.filter((b) => b.importPath || !this.inExceptHandler(b.statementIndex));
        entry.boundLocally = entry.bindings.some((b) => b.importPath === undefined && b.aliasOf === undefined);
      }
    }
    this.keras = table.bindings.some((b) => b.importPath && /^(?:keras|tensorflow|tf_keras)\b/.test(b.importPath));
    this.torch = table.bindings.some((b) => b.importPath && /^torch(?:\.|$)/.test(b.importPath));
    this.nnx = table.bindings.some((b) => b.importPath && /^flax\.nnx(?:\.|$)/.test(b.importPath));
  }

  frameworks(): FileFrameworks {
    const imports = (pattern: RegExp) =>
      this.table.bindings.some((b) => b.importPath !== undefined && pattern.test(b.importPath));
    return {
      torch: this.torch,
      keras: this.keras,
      tensorflow: imports(/^tensorflow(?:\.|$)/),
      flax: imports(/^flax(?:\.|$)/),
      nnx: this.nnx,
      optax: imports(/^optax(?:\.|$)/),
    };
  }

  fileUsesKeras(): boolean {
    return this.keras;
  }

  fileImportsTorch(): boolean {
    return this.torch;
  }

  /** `model.eval()` is torch's unless the file also uses Flax NNX, whose modules have train() and eval() too. */
  moduleMethodsAreTorch(): boolean {
    return this.torch && !this.nnx;
  }

  resolve(name: string, statement: Statement, depth = 0): string | undefined {
    const useScope = statement.scope;
    for (let scope: Scope | undefined = useScope; scope; scope = scope.parent) {
      // Class bodies are not visible from the methods inside them.
      if (scope.kind === 'class' && scope !== useScope) continue;
      const entry = this.byScope[scope.id]?.get(name);
      if (!entry) continue;
      const { bindings } = entry;
      if (scope.kind === 'function') {
        // A name assigned anywhere in a function is local to all of it.
        if (entry.boundLocally) return undefined;
        return this.pathOf(latestBefore(bindings, statement.index) ?? bindings[0]!, depth);
      }
      const inEffect = latestBefore(
        bindings,
        statement.scope === scope ? statement.index : this.headerIndex(useScope, scope),
      );
      if (inEffect) return this.pathOf(inEffect, depth);
    }
    // The latest star import wins, as in Python.
    const stars = this.table.starImports;
    for (let i = stars.length - 1; i >= 0; i -= 1) {
      const candidate = `${stars[i]!.module}.${name}`;
      if (stars[i]!.statementIndex < statement.index && this.catalogue.hasPrefix(canonicalSymbol(candidate)))
        return candidate;
    }
    return this.boundAnywhere.has(name) ? undefined : IMPLICIT_ROOTS.get(name);
  }

  /** The module path a binding stands for: its import, or what its alias resolves to where it was assigned. */
  private pathOf(binding: Binding, depth: number): string | undefined {
    if (binding.importPath || !binding.aliasOf || depth > 8) return binding.importPath;
    const [head, ...rest] = binding.aliasOf;
    const resolvedHead = this.resolve(head!, this.statements[binding.statementIndex]!, depth + 1);
    return resolvedHead ? [resolvedHead, ...rest].join('.') : undefined;
  }

  /** True when the statement is in the body of an `except` clause (directly or nested in it, within its function). */
  private inExceptHandler(statementIndex: number): boolean {
    for (
      let i = this.statements[statementIndex]!.enclosingIndex;
      i !== undefined;
      i = this.statements[i]!.enclosingIndex
    ) {
      const enclosing = this.statements[i]!;
      if (enclosing.tokens[0]!.text === 'except') return true;
      if (headerOf(enclosing.tokens)) return false;
    }
    return false;
  }

  /** For a use nested inside `outer`, the statement index of the def/class that contains it, seen from `outer`. */
  private headerIndex(inner: Scope, outer: Scope): number {
    let scope = inner;
    while (scope.parent && scope.parent !== outer) scope = scope.parent;
    // Functions run after the module has finished importing, so module-level bindings made later still count.
    return outer.kind === 'module' ? this.statements.length : scope.firstStatement - 1;
  }
}

/** The binding made last before the statement; the list is in statement order, so a binary search finds it. */
function latestBefore(bindings: readonly Binding[], statementIndex: number): Binding | undefined {
  let low = 0;
  let high = bindings.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (bindings[middle]!.statementIndex < statementIndex) low = middle + 1;
    else high = middle;
  }
  return bindings[low - 1];
}
