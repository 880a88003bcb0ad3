// `cli check`: the mistake diagnostics the editor shows, for one or more files, as JSON.
import { join } from 'node:path';
import type { ConceptIndex } from '../content/conceptIndex';
import { loadCompiledContent } from '../content/loadConcepts';
import { checkFile } from './cliScan';
import { readPythonFile } from './pythonFile';

/** One finding; lines and columns are 1-based, endColumn exclusive. */
export interface CheckRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  check: string;
  severity: 'warning' | 'information';
  message: string;
  conceptId: string;
  /** Titles of the quick fixes the editor offers, the preferred one first. */
  fixes: string[];
}

/** The findings of one file's text, as `cli check` prints them. */
export function checkSource(file: string, text: string, index: ConceptIndex): CheckRecord[] {
  return checkFile(file, text, index).map((finding) => ({
    file,
    line: finding.range.startLine + 1,
    column: finding.range.startColumn + 1,
    endLine: finding.range.endLine + 1,
    endColumn: finding.range.endColumn + 1,
    check: finding.check,
    severity: finding.severity,
    message: finding.message,
    conceptId: finding.conceptId,
    fixes: [...finding.fixes].sort((a, b) => Number(b.preferred) - Number(a.preferred)).map((fix) => fix.title),
  }));
}

export function runCheck(files: string[]): number {
  if (files.length === 0) {
    console.error('usage: node dist/cli.js check FILE.py [FILE.py ...]');
    return 2;
  }
  const index = loadCompiledContent(join(__dirname, 'content.json'));
  const records: CheckRecord[] = [];
  let unreadable = 0;
  for (const file of files) {
    const source = readPythonFile(file);
    if (source.ok) records.push(...checkSource(file, source.text, index));
    else {
      console.error(source.problem);
      unreadable += 1;
    }
  }
  console.log(JSON.stringify(records, null, 2));
  return unreadable > 0 ? 1 : 0;
}
