// Finds what each name is bound to: an imported module path, or a local value that shadows it.
import type { Scope, Statement } from './statements';
import { headerOf } from './statements';
import type { Token } from './tokenizer';
import type { Deadline } from './workLimits';

export interface Binding {
  name: string;
  scope: Scope;
  statementIndex: number;
  /** Dotted path for imports (`import torch.nn as nn` gives 'torch.nn'); undefined for any other binding. */
  importPath?: string;
  /** For `nn = torch.nn` or `layers = tf.keras.layers`, the dotted name assigned, resolved where it is used. */
  aliasOf?: string[];
}

export interface BindingTable {
  bindings: Binding[];
  /** Modules imported with `from X import *`, with the statement that imported them. */
  starImports: { module: string; statementIndex: number; scope: Scope }[];
  /** Token offsets that are binding sites (targets, parameters, import names), never uses. */
  bindingSites: Set<number>;
}

const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '^=', '|=', '@=']);

/** Longest dotted name taken as an alias (`nn = torch.nn`); a longer one is an ordinary value. */
const MAX_ALIAS_PARTS = 16;

/** Collects the bindings of each statement; when the deadline passes, those found so far. */
export function collectBindings(
  statements: readonly Statement[],
  scopes: readonly Scope[],
  deadline?: Deadline,
): BindingTable {
  const table: BindingTable = { bindings: [], starImports: [], bindingSites: new Set() };
  const scopeStartingAt = new Map<number, Scope>();
  for (const scope of scopes) if (scope.kind !== 'module') scopeStartingAt.set(scope.firstStatement - 1, scope);

  for (const statement of statements) {
    if (deadline?.passed()) break;
    const { tokens, scope, index } = statement;
    const bind = (token: Token, importPath?: string, inScope: Scope = scope): void => {
      table.bindings.push({ name: token.text, scope: inScope, statementIndex: index, importPath });
      table.bindingSites.add(token.start);
    };
    const first = tokens[0]!;

    if (first.text === 'import' || first.text === 'from') {
      collectImport(tokens, bind, (module) => table.starImports.push({ module, statementIndex: index, scope }));
      continue;
    }
    // `nn = torch.nn`: the name stands for whatever the dotted name means.
    const isAlias = tokens[0]!.kind === 'name' && tokens[1]?.text === '=' && tokens.length - 2 < MAX_ALIAS_PARTS * 2;
    const alias = isAlias ? dotted(tokens, 2) : undefined;
    if (alias) {
      table.bindings.push({ name: first.text, scope, statementIndex: index, aliasOf: alias.split('.') });
      table.bindingSites.add(first.start);
      continue;
    }
    const header = headerOf(tokens);
    if (header) {
      bind(tokens[header.nameIndex]!);
      const body = scopeStartingAt.get(index);
      if (header.kind === 'function' && body)
        collectParameters(tokens, header.nameIndex + 1, (token) => bind(token, undefined, body));
      continue;
    }
    collectTargets(tokens, bind);
  }
  return table;
}

/** `import a.b as c`, `import a.b`, `from a.b import c as d, (e, f)`, `from a import *`. Relative imports bind opaque names. */
function collectImport(
  tokens: readonly Token[],
  bind: (token: Token, importPath?: string) => void,
  star: (module: string) => void,
): void {
  if (tokens[0]!.text === 'import') {
    // Clauses are separated by commas at the depth of the first name; each is read in place.
    const base = tokens[1]?.depth ?? 0;
    for (let start = 1; start < tokens.length;) {
      let end = start;
      let asIndex = -1;
      for (; end < tokens.length && !(tokens[end]!.text === ',' && tokens[end]!.depth === base); end += 1) {
        if (asIndex < 0 && tokens[end]!.text === 'as') asIndex = end;
      }
      const path = dotted(tokens, start, asIndex >= 0 ? asIndex : end);
      if (path) {
        if (asIndex >= 0 && asIndex + 1 < end) bind(tokens[asIndex + 1]!, path);
        else bind(tokens[start]!, path.slice(0, path.includes('.') ? path.indexOf('.') : path.length));
      }
      start = end + 1;
    }
    return;
  }
  const importIndex = tokens.findIndex((token) => token.text === 'import');
  if (importIndex < 0) return;
  const relative = importIndex > 1 && (tokens[1]!.text === '.' || tokens[1]!.text === '...');
  const module = relative ? undefined : dotted(tokens, 1, importIndex);
  const names = tokens.slice(importIndex + 1).filter((token) => token.text !== '(' && token.text !== ')');
  for (const clause of splitTopLevel(names, ',')) {
    if (clause[0]?.text === '*') {
      if (module) star(module);
      continue;
    }
    const nameToken = clause[0];
    if (!nameToken || nameToken.kind !== 'name') continue;
    const aliasToken = clause[1]?.text === 'as' ? clause[2] : nameToken;
    if (!aliasToken) continue;
    bind(aliasToken, module ? `${module}.${nameToken.text}` : undefined);
  }
}

/** Parameter names between the parentheses of `def name(...)`, including `*args` and `**kwargs`. */
function collectParameters(tokens: readonly Token[], openIndex: number, bind: (token: Token) => void): void {
  const open = tokens[openIndex];
  if (open?.text !== '(') return;
  const parameterDepth = open.depth + 1;
  let expectingName = true;
  for (let i = openIndex + 1; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.depth < parameterDepth) break;
    if (token.depth > parameterDepth) continue;
    if (token.text === ',') expectingName = true;
    else if (token.text === '*' || token.text === '**' || token.text === '/') continue;
    else if (expectingName && token.kind === 'name') {
      bind(token);
      expectingName = false;
    } else expectingName = false;
  }
}

/**
 * Names bound by an ordinary statement: assignment and augmented/annotated assignment targets,
 * `for` targets, `with ... as`, `except ... as`, walrus, `global`-free Python semantics.
 */
function collectTargets(tokens: readonly Token[], bind: (token: Token) => void): void {
  const baseDepth = tokens[0]!.depth;
  const count = tokens.length;
  // Walrus anywhere: `(n := value)`.
  for (let i = 1; i < count; i += 1) {
    if (tokens[i]!.text === ':=' && tokens[i - 1]!.kind === 'name') bind(tokens[i - 1]!);
  }
  // `as name` in with/except.
  const first = tokens[0]!.text;
  if (first === 'with' || first === 'except' || first === 'async') {
    for (let i = 0; i < count - 1; i += 1) {
      if (tokens[i]!.text === 'as' && tokens[i + 1]!.kind === 'name') bind(tokens[i + 1]!);
    }
  }
  // Comprehension and loop targets: names between `for` and `in`.
  let inTarget = false;
  for (let i = 0; i < count; i += 1) {
    const token = tokens[i]!;
    if (token.text === 'for') inTarget = true;
    else if (token.text === 'in') inTarget = false;
    else if (inTarget && token.kind === 'name' && tokens[i - 1]?.text !== '.') bind(token);
  }
  // Assignment targets: everything before the last top-level '=' (or an augmented operator).
  let lastAssign = -1;
  for (let i = 0; i < count; i += 1) {
    const token = tokens[i]!;
    if (token.depth === baseDepth && (token.text === '=' || AUGMENTED.has(token.text))) lastAssign = i;
  }
  // Annotated assignment without value: `name: Type`.
  if (lastAssign < 0 && tokens[0]!.kind === 'name' && tokens[1]?.text === ':' && !isKeyword(tokens[0]!.text))
    bind(tokens[0]!);
  if (lastAssign < 0) return;
  // In `x: T = v` only the name before the colon is a target.
  let colon = -1;
  for (let i = 0; i < lastAssign && colon < 0; i += 1) {
    if (tokens[i]!.depth === baseDepth && tokens[i]!.text === ':') colon = i;
  }
  const end = colon >= 0 ? Math.min(colon + 1, lastAssign) : lastAssign;
  // The latest bracket opened at the statement's depth: names inside `(a, b) = ...` are targets, inside `x[i] = ...` not.
  let targetBrackets = false;
  for (let i = 0; i < end; i += 1) {
    const token = tokens[i]!;
    if (token.depth === baseDepth && (token.text === '(' || token.text === '[')) {
      const before = tokens[i - 1];
      targetBrackets =
        !before || before.text === ',' || before.text === '=' || before.text === '(' || before.text === '[';
    }
    if (token.kind !== 'name' || isKeyword(token.text)) continue;
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (previous?.text === '.') continue; // attribute target: obj.name = ...
    if (next && (next.text === '.' || next.text === '[' || next.text === '(')) continue; // obj.x = or x[0] = or call
    if (token.depth !== baseDepth && !targetBrackets) continue;
    bind(token);
  }
}

/** The dotted name written by tokens[from..to), or undefined when they are not one. */
export function dotted(tokens: readonly Token[], from: number, to = tokens.length): string | undefined {
  if (to <= from || (to - from) % 2 === 0) return undefined;
  for (let i = from; i < to; i += 1) {
    if ((i - from) % 2 === 0 ? tokens[i]!.kind !== 'name' : tokens[i]!.text !== '.') return undefined;
  }
  // A plain name is most of what imports and aliases bind: no join needed.
  if (to - from === 1) return tokens[from]!.text;
  let text = tokens[from]!.text;
  for (let i = from + 1; i < to; i += 1) text += tokens[i]!.text;
  return text;
}

function splitTopLevel(tokens: readonly Token[], separator: string): Token[][] {
  const parts: Token[][] = [[]];
  const base = tokens[0]?.depth ?? 0;
  for (const token of tokens) {
    if (token.text === separator && token.depth === base) parts.push([]);
    else parts[parts.length - 1]!.push(token);
  }
  return parts.filter((part) => part.length > 0);
}

const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

export function isKeyword(text: string): boolean {
  return KEYWORDS.has(text);
}
