// The check cases written as files: test/fixtures/checks/<checkId>/<case>.py is the input, <case>.expected
// lists every finding the editor shows for it, and <case>.fixed.py is the file after its preferred quick fixes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { validateContent } from '../../src/content/validation';
import type { Finding } from '../../src/diagnostics/findings';
import { runChecks } from '../../src/diagnostics/runChecks';
import { scanPython } from '../../src/scanner/scanner';

export const CHECK_FIXTURES = 'test/fixtures/checks';

export interface CheckCase {
  /** `<checkId>/<case>`, as the test names it. */
  name: string;
  checkDirectory: string;
  source: string;
  expectedFile: string;
  fixedFile: string;
}

/** One line of an expected file: `12:5 softmaxBeforeCrossEntropy warning "optional message fragment"`. */
export interface ExpectedFinding {
  /** 1-based, as the editor's status bar shows positions. */
  line: number;
  column: number;
  check: string;
  severity: string;
  messageFragment?: string;
}

export function listCheckCases(root = CHECK_FIXTURES): CheckCase[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((directory) =>
      readdirSync(join(root, directory.name))
        .filter((file) => file.endsWith('.py') && !file.endsWith('.fixed.py'))
        .sort()
        .map((file) => {
          const base = join(root, directory.name, file.slice(0, -'.py'.length));
          return {
            name: `${directory.name}/${file.slice(0, -'.py'.length)}`,
            checkDirectory: directory.name,
            source: readFileSync(`${base}.py`, 'utf8'),
            expectedFile: `${base}.expected`,
            fixedFile: `${base}.fixed.py`,
          };
        }),
    );
}

const EXPECTED_LINE = /^(\d+):(\d+)\s+(\w+)\s+(warning|information)(?:\s+"(.*)")?\s*$/;

/** Reads an expected file; blank lines and `#` comments are ignored, so a silent case may be empty. */
export function parseExpected(text: string, file: string): ExpectedFinding[] {
  return text.split(/\r?\n/).flatMap((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return [];
    const match = EXPECTED_LINE.exec(line);
    if (!match)
      throw new Error(
        `${file}:${index + 1}: cannot read "${line}"; write LINE:COLUMN CHECK SEVERITY, such as ` +
          '12:5 softmaxBeforeCrossEntropy warning, optionally followed by "a fragment of the message"',
      );
    return [
      {
        line: Number(match[1]),
        column: Number(match[2]),
        check: match[3]!,
        severity: match[4]!,
        ...(match[5] === undefined ? {} : { messageFragment: match[5] }),
      },
    ];
  });
}

export function readExpected(checkCase: CheckCase): ExpectedFinding[] {
  if (!existsSync(checkCase.expectedFile))
    throw new Error(`${checkCase.expectedFile} is missing: every case needs one (empty when nothing should be found)`);
  return parseExpected(readFileSync(checkCase.expectedFile, 'utf8'), checkCase.expectedFile);
}

/** A finding as its expected line would be written, without the message fragment. */
export function expectedLine(finding: Finding): string {
  return `${finding.range.startLine + 1}:${finding.range.startColumn + 1} ${finding.check} ${finding.severity}`;
}

/** The shipped knowledge base, so argument meanings (which value is a learning rate) are the editor's. */
export function loadConceptIndex(): ConceptIndex {
  const { concepts, errors } = validateContent(readContentDirectory('content'));
  if (errors.length > 0) throw new Error(`content/ does not validate: ${errors.length} errors`);
  return new ConceptIndex(concepts);
}

/** The findings the editor shows for the source, with every check enabled. */
export function findingsFor(source: string, index: ConceptIndex): Finding[] {
  return runChecks(source, scanPython(source, index), (symbol) => index.findSymbol(symbol)?.api.params);
}
