// Fuzzes the scanner and the mistake checks with mutated real-looking Python: a fixed seed and a fixed
// number of cases, so a failure reproduces. Nothing may throw, and every position must lie inside the file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceRange } from '../../src/scanner/scanner';
import { runChecks } from '../../src/diagnostics/runChecks';
import { seededRandom, type Random } from '../../src/random';
import { scanPython, type SymbolCatalogue } from '../../src/scanner/scanner';
import { generateTrainingScript } from '../../scripts/syntheticTrainingScript';

const SEED = 20_171;
const CASES = 250;

/** Every symbol is known, so the fuzzed files produce as many uses and calls as they can. */
const EVERYTHING: SymbolCatalogue = {
  conceptFor: (symbol) => (symbol.includes('.') ? 'concept' : undefined),
  hasPrefix: () => true,
};

const seeds = [
  readFileSync('test/fixtures/mistakes_training.py', 'utf8'),
  ...readdirSync('examples').map((file) => readFileSync(join('examples', file), 'utf8')),
  generateTrainingScript(150),
];

/** Fragments that have broken tokenizers and parsers before: brackets, strings, line breaks, deep nesting. */
const FRAGMENTS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '=',
  '.',
  '\\',
  '\\\r',
  '\\\n',
  '\r',
  '\r\n',
  '\n',
  '\t',
  ' ',
  '#',
  '"',
  "'",
  '"""',
  "'''",
  'f"',
  "rb'",
  'lambda F: ',
  'Optional[',
  'nn.Dropout(',
  'torch.',
  'import torch\n',
  'from torch import *\n',
  'def f(x):\n',
  'class A(nn.Module):\n',
  '    ',
  '@',
  ';',
  '...',
  '1e+',
  '0x',
  '\uFEFF',
  'é',
  '\u2028',
  'loss.backward()\n',
  'optimizer.step()\n',
  'for x in loader:\n',
  'with tf.GradientTape() as tape:\n',
  'keras.Sequential([',
  'F.softmax(x, dim=1)',
  'x: List[',
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function mutate(random: Random, source: string): string {
  let text = source;
  const edits = 1 + Math.floor(random() * 8);
  for (let e = 0; e < edits; e += 1) {
    const at = Math.floor(random() * (text.length + 1));
    const span = Math.floor(random() * 40);
    switch (Math.floor(random() * 5)) {
      case 0:
        text = text.slice(0, at) + text.slice(at + span);
        break;
      case 1:
        text = text.slice(0, at) + pick(random, FRAGMENTS).repeat(1 + Math.floor(random() * 3)) + text.slice(at);
        break;
      case 2:
        // Repeat a fragment many times: nesting and long lines.
        text = text.slice(0, at) + pick(random, FRAGMENTS).repeat(50 + Math.floor(random() * 300)) + text.slice(at);
        break;
      case 3:
        text = text.slice(0, at) + text.slice(at, at + span).repeat(2 + Math.floor(random() * 20)) + text.slice(at);
        break;
      default: {
        const lineBreak = pick(random, ['\n', '\r', '\r\n']);
        text = text.split(/\r\n|\r|\n/).join(lineBreak);
      }
    }
  }
  return text;
}

function expectInside(range: SourceRange, lines: readonly string[], what: string): void {
  const message = `${what} ${JSON.stringify(range)} in a file of ${lines.length} lines`;
  expect(range.startLine, message).toBeGreaterThanOrEqual(0);
  expect(range.endLine, message).toBeLessThan(lines.length + 1);
  expect(range.startLine <= range.endLine, message).toBe(true);
  expect(range.startColumn, message).toBeGreaterThanOrEqual(0);
  expect(range.startColumn, message).toBeLessThanOrEqual(lines[range.startLine]?.length ?? 0);
  expect(range.endColumn, message).toBeLessThanOrEqual(lines[range.endLine]?.length ?? 0);
  if (range.startLine === range.endLine) expect(range.startColumn <= range.endColumn, message).toBe(true);
}

describe('scanner and checks fuzzed with mutated Python', () => {
  it(`${CASES} mutated files (seed ${SEED}): no throw, no internal error, every position inside the file`, () => {
    const random = seededRandom(SEED);
    let uses = 0;
    for (let n = 0; n < CASES; n += 1) {
      const source = mutate(random, pick(random, seeds));
      const lines = source.split(/\r\n|\r|\n/);
      const context = `case ${n}`;
      const scan = scanPython(source, EVERYTHING);
      expect(
        scan.limits.filter((limit) => limit.kind === 'error'),
        context,
      ).toEqual([]);
      uses += scan.uses.length;
      for (const use of scan.uses) {
        expectInside(use.range, lines, `${context}: use`);
        if (use.callRange) expectInside(use.callRange, lines, `${context}: call of use`);
      }
      for (const call of scan.calls) expectInside(call.callRange, lines, `${context}: call`);

      const problems: string[] = [];
      const findings = runChecks(
        source,
        scan,
        () => undefined,
        () => true,
        { onLimit: (limit) => problems.push(limit.message) },
      );
      expect(problems, context).toEqual([]);
      for (const finding of findings) {
        expectInside(finding.range, lines, `${context}: ${finding.check}`);
        for (const edit of finding.fixes.flatMap((fix) => fix.edits))
          expect(edit.range.endLine, context).toBeLessThanOrEqual(lines.length);
      }
    }
    // The mutations leave most of the code readable: the fuzzing exercised the scanner, not just the tokenizer.
    expect(uses).toBeGreaterThan(CASES * 5);
  }, 120_000);
});
