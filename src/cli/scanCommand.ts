import { scanFile } from './cliScan';
import { readPythonFileWithContent } from './pythonFile';

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
  const source = readPythonFileWithContent(file);
  if (!source) return 1;
  const { index } = source;
  const records: ScanRecord[] = scanFile(file, source.text, index).uses.map((use) => ({
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
