// `cli summary`: the models a Python file defines, with parameter counts and output shapes, as JSON.
import { join } from 'node:path';
import { loadCompiledContent } from '../content/loadConcepts';
import { summaryRecords } from '../modelInsight/summaryRecords';
import { scanPython } from '../scanner/scanner';
import { readPythonFile } from './pythonFile';

export function runSummary(args: string[]): number {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('usage: node dist/cli.js summary FILE.py');
    return 2;
  }
  const source = readPythonFile(file);
  if (!source.ok) {
    console.error(source.problem);
    return 1;
  }
  const index = loadCompiledContent(join(__dirname, 'content.json'));
  console.log(JSON.stringify(summaryRecords(scanPython(source.text, index)), null, 2));
  return 0;
}
