// Line-based access to the source text for building fixes, and where statements are written.
import type { SourceRange } from '../scanner/scanner';
import type { Statement } from '../scanner/statements';
import type { Token } from '../scanner/tokenizer';

export class SourceText {
  private readonly lines: string[];

  constructor(readonly text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  line(index: number): string {
    return this.lines[index] ?? '';
  }

  /** The file's own line break (LF, CRLF or a lone CR, as the first one), for text that fixes insert. */
  get lineBreak(): string {
    return /\r\n|\r|\n/.exec(this.text)?.[0] ?? '\n';
  }

  indentation(lineIndex: number): string {
    return this.line(lineIndex).match(/^[ \t]*/)![0];
  }

  slice(range: SourceRange): string {
    if (range.startLine === range.endLine) return this.line(range.startLine).slice(range.startColumn, range.endColumn);
    const parts = [this.line(range.startLine).slice(range.startColumn)];
    for (let line = range.startLine + 1; line < range.endLine; line += 1) parts.push(this.line(line));
    parts.push(this.line(range.endLine).slice(0, range.endColumn));
    return parts.join(this.lineBreak);
  }

  /** A statement as written, line breaks inside brackets included. */
  statement(statement: Statement): string {
    return this.slice(statementRange(statement));
  }

  /** True when the range is all there is on its lines, apart from indentation and a trailing comment. */
  occupiesWholeLines(range: SourceRange): boolean {
    const before = this.line(range.startLine).slice(0, range.startColumn);
    const after = this.line(range.endLine).slice(range.endColumn);
    return /^[ \t]*$/.test(before) && /^[ \t]*(#.*)?$/.test(after);
  }

  /** The range covering whole lines startLine..endLine including the final line break. */
  wholeLines(startLine: number, endLine: number): SourceRange {
    return { startLine, startColumn: 0, endLine: endLine + 1, endColumn: 0 };
  }
}

/** From the start of the first token to the end of the last. */
export function tokenRange(first: Token, last: Token): SourceRange {
  return {
    startLine: first.line,
    startColumn: first.column,
    endLine: last.line,
    endColumn: last.column + last.text.length,
  };
}

/** Where a statement is written: without its indentation, line break or trailing comment. */
export function statementRange(statement: Statement): SourceRange {
  return tokenRange(statement.tokens[0]!, statement.tokens[statement.tokens.length - 1]!);
}

const WORD_KINDS = new Set(['name', 'number', 'string']);

/**
 * Tokens as one line of text, with a space only where two words meet: `if isinstance(m, nn.BatchNorm2d):`
 * reads `if isinstance(m,nn.BatchNorm2d):`, so dotted names stay whole and keywords stay apart.
 */
export function tokenText(tokens: readonly Token[]): string {
  let text = '';
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    text += previous && WORD_KINDS.has(previous.kind) && WORD_KINDS.has(token.kind) ? ` ${token.text}` : token.text;
  });
  return text;
}

export function startOfLine(line: number): SourceRange {
  return { startLine: line, startColumn: 0, endLine: line, endColumn: 0 };
}

export function sameRange(a: SourceRange, b: SourceRange): boolean {
  return (
    a.startLine === b.startLine &&
    a.startColumn === b.startColumn &&
    a.endLine === b.endLine &&
    a.endColumn === b.endColumn
  );
}
