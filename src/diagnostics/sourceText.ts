// Line-based access to the source text for building fixes.
import type { SourceRange } from '../scanner/scanner';

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
