// Groups tokens into logical lines (statements) and works out Python scopes from indentation.
import type { Token } from './tokenizer';

export interface Statement {
  /** Index of the statement in the file, in order. */
  index: number;
  tokens: Token[];
  /** Column of the first token: Python's indentation of this statement. */
  indent: number;
  /** The scope this statement runs in. */
  scope: Scope;
  /** Index of the nearest earlier statement indented less (the block header it is in); undefined at indentation 0. */
  enclosingIndex?: number;
}

export interface Scope {
  id: number;
  kind: 'module' | 'function' | 'class';
  parent?: Scope;
  /** Name of the function or class; empty for the module. */
  name: string;
  /** Indentation of the def/class line; -1 for the module. */
  headerIndent: number;
  /** First and last statement index of the body (inclusive). */
  firstStatement: number;
  lastStatement: number;
}

/** Keywords that open a compound statement, whose body may follow the colon on the same line. */
const COMPOUND_KEYWORDS = new Set([
  'if',
  'elif',
  'else',
  'for',
  'while',
  'with',
  'try',
  'except',
  'finally',
  'def',
  'class',
  'async',
]);

/**
 * Splits tokens into simple statements: at newlines, at top-level semicolons, and after the colon of
 * a compound header, so that in `def f(nn): return nn.X` the body runs in the function's scope.
 * Empty statements never appear.
 */
export function splitStatements(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [];
  let start = 0;
  // Each statement is cut from the tokens once its end is known, rather than grown token by token.
  const flush = (end: number, next: number): void => {
    if (end > start) statements.push(tokens.slice(start, end));
    start = next;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.kind === 'newline') {
      flush(i, i + 1);
      continue;
    }
    const topLevel = i > start && token.depth === tokens[start]!.depth;
    if (topLevel && token.text === ';') flush(i, i + 1);
    else if (topLevel && token.text === ':' && COMPOUND_KEYWORDS.has(tokens[start]!.text)) flush(i + 1, i + 1);
  }
  flush(tokens.length, tokens.length);
  return statements;
}

/**
 * Assigns each statement to a scope. A `def` or `class` opens a scope whose body is the following
 * statements indented deeper than the header (or the rest of the header line after its colon).
 */
export function buildStatements(tokens: readonly Token[]): { statements: Statement[]; scopes: Scope[] } {
  const groups = splitStatements(tokens);
  const module: Scope = {
    id: 0,
    kind: 'module',
    name: '',
    headerIndent: -1,
    firstStatement: 0,
    lastStatement: groups.length - 1,
  };
  const scopes: Scope[] = [module];
  const open: Scope[] = [module];
  const statements: Statement[] = [];
  // Statements indented less than the next one, innermost last: the blocks it may be inside.
  const blocks: Statement[] = [];

  groups.forEach((group, index) => {
    const indent = group[0]!.column;
    while (open.length > 1 && indent <= open[open.length - 1]!.headerIndent) {
      const closed = open.pop()!;
      closed.lastStatement = index - 1;
    }
    const scope = open[open.length - 1]!;
    while (blocks.length > 0 && blocks[blocks.length - 1]!.indent >= indent) blocks.pop();
    const statement: Statement = { index, tokens: group, indent, scope };
    if (indent > 0 && blocks.length > 0) statement.enclosingIndex = blocks[blocks.length - 1]!.index;
    statements.push(statement);
    blocks.push(statement);

    const header = headerOf(group);
    if (header) {
      const child: Scope = {
        id: scopes.length,
        kind: header.kind,
        parent: scope,
        name: header.name,
        headerIndent: indent,
        firstStatement: index + 1,
        lastStatement: groups.length - 1,
      };
      scopes.push(child);
      open.push(child);
    }
  });
  return { statements, scopes };
}

/** Recognises `def name(`, `async def name(` and `class name` at the start of a statement, after decorators. */
export function headerOf(
  tokens: readonly Token[],
): { kind: 'function' | 'class'; name: string; nameIndex: number } | undefined {
  let index = 0;
  if (tokens[index]?.text === 'async') index += 1;
  const keyword = tokens[index];
  const name = tokens[index + 1];
  if (
    !keyword ||
    !name ||
    keyword.kind !== 'name' ||
    (keyword.text !== 'def' && keyword.text !== 'class') ||
    name.kind !== 'name'
  )
    return undefined;
  return { kind: keyword.text === 'def' ? 'function' : 'class', name: name.text, nameIndex: index + 1 };
}
