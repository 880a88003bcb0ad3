// `cli summary`: the models a Python file defines, with parameter counts and output shapes, as JSON.
import { summaryRecords } from '../modelInsight/summaryRecords';
import { scanFile } from './cliScan';
import { readPythonFileWithContent } from './pythonFile';

export function runSummary(args: string[]): number {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('usage: node dist/cli.js summary FILE.py');
    return 2;
  }
  const source = readPythonFileWithContent(file);
  if (!source) return 1;
  const { index } = source;
  console.log(JSON.stringify(summaryRecords(scanFile(file, source.text, index)), null, 2));
  return 0;
}
