import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompiledContent } from '../content/loadConcepts';
import { decodePythonSource } from '../scanner/decodeSource';
import { scanPython } from '../scanner/scanner';

/** One line of `cli scan` output; line and columns are 1-based, endColumn exclusive. */
export interface ScanRecord {
  line: number;
  column: number;
  endColumn: number;
  symbol: string;
  framework: string;
  conceptId: string;
  args: { positional: string[]; keyword: Record<string, string> };
}

export function runScan(args: string[]): number {
  const file = args[0];
  if (!file) {
    console.error('usage: node dist/cli.js scan FILE.py');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) {
    console.error(`${file}: ${decoded.reason}`);
    return 1;
  }
  const index = loadCompiledContent(join(__dirname, 'content.json'));
  const records: ScanRecord[] = scanPython(decoded.text, index).uses.map((use) => ({
    line: use.range.startLine + 1,
    column: use.range.startColumn + 1,
    endColumn: use.range.endColumn + 1,
    symbol: use.symbol,
    framework: use.framework,
    conceptId: use.conceptId,
    args: use.args,
  }));
  console.log(JSON.stringify(records, null, 2));
  return 0;
}
