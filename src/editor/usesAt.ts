// Which API uses lie under a position. Pure, shared by the hover, the code actions and the benchmark.
import type { ApiUse, SourceRange } from '../scanner/scanner';

function contains(range: SourceRange, line: number, character: number): boolean {
  if (line < range.startLine || line > range.endLine) return false;
  if (line === range.startLine && character < range.startColumn) return false;
  if (line === range.endLine && character > range.endColumn) return false;
  return true;
}

/** Uses whose symbol contains the position; failing that, calls whose arguments do, innermost first. */
export function usesAt(uses: readonly ApiUse[], line: number, character: number): ApiUse[] {
  const onSymbol = uses.filter((use) => contains(use.range, line, character));
  if (onSymbol.length > 0) return onSymbol;
  return uses
    .filter((use) => use.callRange && contains(use.callRange, line, character))
    .sort(
      (a, b) => b.callRange!.startLine - a.callRange!.startLine || b.callRange!.startColumn - a.callRange!.startColumn,
    );
}
