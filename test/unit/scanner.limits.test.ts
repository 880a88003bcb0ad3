import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { parseConceptFile } from '../../src/content/validation';
import { runChecks } from '../../src/diagnostics/runChecks';
import { hoverAt } from '../../src/editor/hoverAt';
import { scanPython } from '../../src/scanner/scanner';
import { MAX_ANALYSED_DEPTH } from '../../src/scanner/workLimits';
import { pathologicalSources, TRAILING_USE } from '../../scripts/pathologicalSources';
import { generateTrainingScript } from '../../scripts/syntheticTrainingScript';

const dropout = parseConceptFile({
  name: 'content/dropout.yaml',
  text: readFileSync('content/dropout.yaml', 'utf8'),
}).concept!;
const index = new ConceptIndex([dropout]);
const paramsFor = (symbol: string) => index.findSymbol(symbol)?.api.params;

/** Nested deeper than the analysed depth: the calls inside are skipped and the scan says so. */
const TOO_DEEP = new Set([
  'nested calls f(f(...)), 12 KB',
  'nested calls f(f(...)), 24 KB',
  '`nn.Dropout(` nested 4,000 deep (48 KB)',
]);

describe('pathological sources', () => {
  const trailingLine = (source: string) => source.split('\n').length - 2;

  for (const { name, source } of pathologicalSources()) {
    it(`${name}: scanned and checked without error, and the use after it still found and hovered`, () => {
      const scan = scanPython(source, index);
      expect(scan.limits.filter((limit) => limit.kind !== 'depth')).toEqual([]);
      expect(scan.limits.some((limit) => limit.kind === 'depth')).toBe(TOO_DEEP.has(name));
      const line = trailingLine(source);
      const later = scan.uses.find((use) => use.range.startLine === line);
      expect(later?.symbol).toBe('torch.nn.Dropout');
      expect(later?.args.keyword.p).toBe('0.5');

      const hover = hoverAt(source, scan, index, line, later!.range.startColumn + 3, {
        length: 'short',
        canVisualise: () => false,
      });
      expect(hover?.range).toEqual(later!.range);
      expect(hover?.markdown).toContain('**Dropout** · PyTorch `torch.nn.Dropout`');

      const limits: string[] = [];
      expect(() =>
        runChecks(source, scan, paramsFor, () => true, { onLimit: (limit) => limits.push(limit.kind) }),
      ).not.toThrow();
      expect(limits).toEqual([]);
      // Generous: the inputs are large and the machine may be busy; `npm run bench` measures the time.
    }, 60_000);
  }

  it('reports the shallow calls of a deep nest and marks where analysis stopped', () => {
    const source = `import torch.nn as nn\nm = ${'nn.Dropout('.repeat(300)}0.5${')'.repeat(300)}\n`;
    const scan = scanPython(source, index);
    expect(scan.uses).toHaveLength(MAX_ANALYSED_DEPTH + 1);
    expect(scan.limits).toEqual([expect.objectContaining({ kind: 'depth', line: 1 })]);
    // Argument text is cut short rather than copied at every level.
    expect(scan.uses[0]!.args.positional[0]!.length).toBeLessThan(600);
    expect(scan.uses[0]!.args.positional[0]!.endsWith('…')).toBe(true);
  });

  it('keeps lambda parameters and nested type arguments out of the uses at any depth', () => {
    const source = `import torch.nn as nn\nf = ${'lambda nn: '.repeat(50)}nn.Dropout(0.1)\nx: Optional[${'List['.repeat(50)}nn.Dropout${']'.repeat(50)}] = None\n${TRAILING_USE}`;
    expect(scanPython(source, index).uses.map((use) => use.range.startLine)).toEqual([trailingLine(source)]);
  });
});

describe('time budget', () => {
  const source = generateTrainingScript(2_000);

  it('stops when the budget is spent, keeps the uses found so far, and says where it stopped', () => {
    // A clock that ticks once per look: about one tick per statement for the bindings and one for the uses,
    // so a budget of 1.5 ticks per statement runs out halfway through the uses.
    let now = 0;
    const full = scanPython(source, index);
    const partial = scanPython(source, index, { timeBudgetMs: full.statements.length * 1.5, clock: () => (now += 1) });
    expect(full.limits).toEqual([]);
    expect(partial.limits).toHaveLength(1);
    const limit = partial.limits[0]!;
    expect(limit.kind).toBe('time');
    expect(limit.message).toContain(`line ${limit.line + 1}`);
    expect(partial.uses.length).toBeGreaterThan(0);
    expect(partial.uses.length).toBeLessThan(full.uses.length);
    expect(partial.uses).toEqual(full.uses.slice(0, partial.uses.length));
    expect(partial.uses.every((use) => use.range.startLine < limit.line)).toBe(true);
  });

  it('a budget spent while tokenizing reports nothing beyond the last token read', () => {
    let now = 0;
    const partial = scanPython(source, index, { timeBudgetMs: 3, clock: () => (now += 1) });
    expect(partial.limits.map((limit) => limit.kind)).toEqual(['time']);
    expect(partial.uses).toEqual([]);
  });

  it('check runs stop between checks when their budget is spent, and say which were skipped', () => {
    const training = `import torch\nfor x in data:\n    loss.backward()\n    opt.step()\n`;
    let now = 0;
    const limits: string[] = [];
    const findings = runChecks(training, scanPython(training, index), paramsFor, () => true, {
      timeBudgetMs: 0,
      clock: () => (now += 1),
      onLimit: (limit) => limits.push(limit.message),
    });
    expect(findings).toEqual([]);
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatch(/time budget of 0 ms: 0 of \d+ ran/);
    expect(runChecks(training, scanPython(training, index), paramsFor).map((finding) => finding.check)).toEqual([
      'missingZeroGrad',
    ]);
  });
});

describe('line breaks', () => {
  it('counts a backslash before a lone CR inside a string as a line break', () => {
    const source = 'import torch.nn as nn\rs = \'a\\\rb\'\rt = """c\\\rd"""\rx = nn.Dropout(p=0.5)\r';
    expect(scanPython(source, index).uses.map((use) => use.range)).toEqual([
      { startLine: 5, startColumn: 4, endLine: 5, endColumn: 14 },
    ]);
  });

  it('places diagnostics and quick fixes on the right line in CR-only and CRLF files', () => {
    for (const lineBreak of ['\r', '\r\n', '\n']) {
      const source = [
        'import torch',
        "s = 'a\\",
        "b'",
        'for x in data:',
        '    loss.backward()',
        '    opt.step()',
        '',
      ].join(lineBreak);
      const [finding] = runChecks(source, scanPython(source, index), paramsFor);
      expect(finding?.check).toBe('missingZeroGrad');
      expect(finding!.range.startLine).toBe(5);
      expect(finding!.fixes[0]!.edits[0]).toEqual({
        range: { startLine: 4, startColumn: 0, endLine: 4, endColumn: 0 },
        newText: `    opt.zero_grad()${lineBreak}`,
      });
    }
  });
});
