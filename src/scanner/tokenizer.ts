// A tolerant Python tokenizer: enough of the language to find names, calls and statements
// while skipping comments and every kind of string. It never throws: malformed source yields
// tokens up to the point of confusion and recovers at the next plausible statement.
import type { Deadline } from './workLimits';

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'newline';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based line of the first character. */
  line: number;
  /** 0-based column (UTF-16 code units) of the first character. */
  column: number;
  /** Offsets into the source, end exclusive. */
  start: number;
  end: number;
  /** Bracket depth of this token: 0 outside all brackets; a bracket pair shares its outer depth. */
  depth: number;
}

const STRING_PREFIX = /^(?:[rR][bBfFtT]?|[bBfFtT][rR]?|[uU])?$/;
const TWO_CHAR_OPS = [
  '==',
  '!=',
  '<=',
  '>=',
  '->',
  ':=',
  '**',
  '//',
  '<<',
  '>>',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
];
/** Two-character operators by their ASCII codes (first * 128 + second), so none is cut from the source to be looked up. */
const TWO_CHAR_BY_CODES: (string | undefined)[] = new Array<string | undefined>(128 * 128).fill(undefined);
for (const op of TWO_CHAR_OPS) TWO_CHAR_BY_CODES[op.charCodeAt(0) * 128 + op.charCodeAt(1)] = op;
/** The three-character operators: `...` and the two-character ones that `=` extends (`**=`, `//=`, `>>=`, `<<=`). */
const THREE_CHAR_BY_TWO = new Map([
  ['**', '**='],
  ['//', '//='],
  ['>>', '>>='],
  ['<<', '<<='],
]);
const ELLIPSIS = '...';

/** The operator at `at`, as a shared constant string rather than a fresh copy of the source. */
function operatorAt(source: string, at: number): string {
  const first = source.charCodeAt(at);
  const second = source.charCodeAt(at + 1);
  if (first < 128 && second < 128) {
    const two = TWO_CHAR_BY_CODES[first * 128 + second];
    if (two !== undefined) return (source.charCodeAt(at + 2) === 61 && THREE_CHAR_BY_TWO.get(two)) || two;
    if (first === 46 && second === 46 && source.charCodeAt(at + 2) === 46) return ELLIPSIS;
  }
  return source.charAt(at);
}

const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);
/** Statements that, found at column 0 inside an unclosed bracket, mean the bracket was a typo. */
const RECOVERY_AT_COLUMN_0 = new Set(['def', 'class', 'import', 'from', 'async', 'if', 'for']);
/**
 * Keywords that can never start a line inside brackets, so they end an unclosed bracket at any
 * indentation (a typo or a call still being typed). `if`, `for` and `else` can: comprehensions, ternaries.
 */
const RECOVERY_AT_ANY_COLUMN = new Set([
  'def',
  'class',
  'import',
  'return',
  'with',
  'while',
  'try',
  'except',
  'finally',
  'raise',
  'pass',
  'del',
  'assert',
  'global',
  'nonlocal',
  'elif',
  'break',
  'continue',
]);

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * One string per distinct name or number of a file: `torch`, `self` and `x` recur thousands of times, and a
 * copy cut from the source for every token would be garbage (or a retained duplicate) each time.
 */
class TextTable {
  private texts: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);
  private hashes = new Int32Array(1024);
  private count = 0;

  constructor(private readonly source: string) {}

  /** The source text from `start` to `end`, shared with every earlier token of the same text. */
  text(start: number, end: number): string {
    const { source } = this;
    let hash = end - start;
    for (let i = start; i < end; i += 1) hash = (Math.imul(hash, 31) + source.charCodeAt(i)) | 0;
    const mask = this.texts.length - 1;
    let slot = hash & mask;
    for (let known = this.texts[slot]; known !== undefined; known = this.texts[slot]) {
      if (this.hashes[slot] === hash && known.length === end - start && source.startsWith(known, start)) return known;
      slot = (slot + 1) & mask;
    }
    const text = source.slice(start, end);
    this.texts[slot] = text;
    this.hashes[slot] = hash;
    this.count += 1;
    if (this.count * 2 > this.texts.length) this.grow();
    return text;
  }

  private grow(): void {
    const { texts, hashes } = this;
    this.texts = new Array<string | undefined>(texts.length * 2).fill(undefined);
    this.hashes = new Int32Array(texts.length * 2);
    const mask = this.texts.length - 1;
    texts.forEach((text, i) => {
      if (text === undefined) return;
      let slot = hashes[i]! & mask;
      while (this.texts[slot] !== undefined) slot = (slot + 1) & mask;
      this.texts[slot] = text;
      this.hashes[slot] = hashes[i]!;
    });
  }
}

/** How many characters or tokens are read between two looks at the clock. */
const STEPS_PER_CLOCK_CHECK = 4096;

/** Tokenizes the source; when the deadline passes, returns the tokens read so far (the caller notices the deadline). */
export function tokenize(source: string, deadline?: Deadline): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  let line = 0;
  let lineStart = 0;
  let depth = 0;
  let atLineStart = true;
  let steps = 0;
  const length = source.length;

  const names = new TextTable(source);

  const push = (kind: TokenKind, text: string, start: number, end: number, startLine: number, column: number): void => {
    tokens.push({ kind, text, line: startLine, column, start, end, depth });
  };
  const endLogicalLine = (at: number): void => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind !== 'newline') push('newline', '', at, at, line, at - lineStart);
  };

  while (position < length) {
    steps += 1;
    if (deadline && steps % STEPS_PER_CLOCK_CHECK === 0 && deadline.passed()) return tokens;
    const code = source.charCodeAt(position);
    const char = source.charAt(position);

    if (char === '\n' || char === '\r') {
      if (depth === 0) endLogicalLine(position);
      position += char === '\r' && source[position + 1] === '\n' ? 2 : 1;
      line += 1;
      lineStart = position;
      atLineStart = true;
      continue;
    }
    // A byte-order mark (or a stray zero-width no-break space) is not part of any token.
    if (char === ' ' || char === '\t' || char === '\f' || char === '\uFEFF') {
      position += 1;
      continue;
    }
    if (char === '#') {
      while (position < length && source[position] !== '\n' && source[position] !== '\r') position += 1;
      continue;
    }
    if (char === '\\' && (source[position + 1] === '\n' || source[position + 1] === '\r')) {
      // Explicit line continuation: the logical line goes on.
      position += source[position + 1] === '\r' && source[position + 2] === '\n' ? 3 : 2;
      line += 1;
      lineStart = position;
      continue;
    }

    const column = position - lineStart;
    if (atLineStart && depth > 0 && isNameStart(code) && startsStatement(position, column === 0)) {
      depth = 0;
      endLogicalLine(position);
    } else if (atLineStart && depth > 0 && column === 0 && char === '@') {
      depth = 0;
      endLogicalLine(position);
    }
    atLineStart = false;

    if (isNameStart(code)) {
      let end = position + 1;
      while (end < length && isNameChar(source.charCodeAt(end))) end += 1;
      const quote = source[end];
      if ((quote === '"' || quote === "'") && STRING_PREFIX.test(source.slice(position, end))) {
        const startLine = line;
        const stringEnd = scanString(end);
        push('string', source.slice(position, stringEnd), position, stringEnd, startLine, column);
        position = stringEnd;
        continue;
      }
      push('name', names.text(position, end), position, end, line, column);
      position = end;
      continue;
    }
    if (isDigit(code) || (char === '.' && isDigit(source.charCodeAt(position + 1)))) {
      let end = position + 1;
      const hex = char === '0' && (source[position + 1] === 'x' || source[position + 1] === 'X');
      while (end < length) {
        const next = source[end];
        if (isNameChar(source.charCodeAt(end)) || next === '.') end += 1;
        else if ((next === '+' || next === '-') && !hex && (source[end - 1] === 'e' || source[end - 1] === 'E'))
          end += 1;
        else break;
      }
      push('number', names.text(position, end), position, end, line, column);
      position = end;
      continue;
    }
    if (char === '"' || char === "'") {
      const startLine = line;
      const stringEnd = scanString(position);
      push('string', source.slice(position, stringEnd), position, stringEnd, startLine, column);
      position = stringEnd;
      continue;
    }

    const operator = operatorAt(source, position);
    // A closing bracket gets the depth of its opening bracket.
    if (CLOSING.has(operator) && depth > 0) depth -= 1;
    push('op', operator, position, position + operator.length, line, column);
    if (OPENING.has(operator)) depth += 1;
    position += operator.length;
  }
  endLogicalLine(length);
  return tokens;

  /** True when the line starting at `at` (inside brackets) must be a new statement. */
  function startsStatement(at: number, atColumn0: boolean): boolean {
    let end = at;
    while (end < length && isNameChar(source.charCodeAt(end))) end += 1;
    const word = source.slice(at, end);
    if (atColumn0 && RECOVERY_AT_COLUMN_0.has(word)) return true;
    if (RECOVERY_AT_ANY_COLUMN.has(word)) return true;
    // `yield from x` may wrap a line; `from m import n` and `async def` may not.
    const rest = source.slice(end, end + 200);
    return (
      (word === 'from' && /^[ \t]+[\w.]+[ \t]+import\b/.test(rest)) || (word === 'async' && /^[ \t]+def\b/.test(rest))
    );
  }

  /** Scans a string literal whose quote starts at `quoteAt`; returns the end offset. Tracks line breaks. */
  function scanString(quoteAt: number): number {
    const quote = source[quoteAt]!;
    const triple = source.slice(quoteAt, quoteAt + 3) === quote.repeat(3);
    let cursor = quoteAt + (triple ? 3 : 1);
    while (cursor < length) {
      const current = source[cursor];
      if (current === '\\') {
        // An escaped line break (LF, CRLF or a lone CR) continues the string on the next line.
        const next = source[cursor + 1];
        cursor += next === '\r' && source[cursor + 2] === '\n' ? 3 : 2;
        if (next === '\n' || next === '\r') {
          line += 1;
          lineStart = cursor;
        }
        continue;
      }
      if (current === '\n' || current === '\r') {
        // A single-quoted string cannot span lines: treat it as unterminated and stop here.
        if (!triple) return cursor;
        cursor += current === '\r' && source[cursor + 1] === '\n' ? 2 : 1;
        line += 1;
        lineStart = cursor;
        continue;
      }
      if (current === quote) {
        if (!triple) return cursor + 1;
        if (source.slice(cursor, cursor + 3) === quote.repeat(3)) return cursor + 3;
      }
      cursor += 1;
    }
    return length;
  }
}
