// Runs every case in test/fixtures/checks (see docs/adding-a-check.md) and requires each check to have one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConceptIndex } from '../../src/content/conceptIndex';
import { CHECK_IDS } from '../../src/diagnostics/findings';
import {
  CHECK_FIXTURES,
  expectedLine,
  findingsFor,
  loadConceptIndex,
  listCheckCases,
  parseExpected,
  readExpected,
} from '../support/checkFixtures';
import { applyEdits } from '../support/diagnosticsHarness';

const cases = listCheckCases();
let index: ConceptIndex;
// Validating the whole knowledge base takes seconds on a busy machine: once, outside any one case's time limit.
beforeAll(() => {
  index = loadConceptIndex();
}, 60_000);

describe('check cases from files', () => {
  it.each(cases.map((checkCase) => [checkCase.name, checkCase] as const))('%s', (_, checkCase) => {
    const expected = readExpected(checkCase);
    const findings = findingsFor(checkCase.source, index);
    expect(findings.map(expectedLine), checkCase.expectedFile).toEqual(
      expected.map((finding) => `${finding.line}:${finding.column} ${finding.check} ${finding.severity}`),
    );
    expected.forEach((finding, i) => {
      if (finding.messageFragment !== undefined) expect(findings[i]!.message).toContain(finding.messageFragment);
    });
    for (const finding of findings)
      expect(
        index.get(finding.conceptId) !== undefined,
        `${finding.check} explains unknown concept ${finding.conceptId}`,
      ).toBe(true);

    const preferred = findings.flatMap((finding) => {
      const fixes = finding.fixes.filter((fix) => fix.preferred);
      expect(fixes.length, `${expectedLine(finding)} has more than one preferred fix`).toBeLessThanOrEqual(1);
      return fixes.map((fix) => ({ finding, edits: fix.edits }));
    });
    if (preferred.length === 0) {
      expect(existsSync(checkCase.fixedFile), `${checkCase.fixedFile}: no finding here has a preferred fix`).toBe(
        false,
      );
      return;
    }
    expect(existsSync(checkCase.fixedFile), `${checkCase.fixedFile} is missing: a finding has a preferred fix`).toBe(
      true,
    );
    const fixed = applyEdits(
      checkCase.source,
      preferred.flatMap((fix) => fix.edits),
    );
    expect(fixed, checkCase.fixedFile).toBe(readFileSync(checkCase.fixedFile, 'utf8'));
    // Each fix cures what it was offered for (a milder finding of the same check may remain).
    const after = findingsFor(fixed, index).map((finding) => `${finding.check}: ${finding.message}`);
    for (const { finding } of preferred) expect(after).not.toContain(`${finding.check}: ${finding.message}`);
  });
});

describe('every check has cases', () => {
  it.each(CHECK_IDS)('%s has a case where it fires and a case where it stays silent', (id) => {
    const own = cases.filter((checkCase) => checkCase.checkDirectory === id);
    const fires = own.filter((checkCase) => readExpected(checkCase).some((finding) => finding.check === id));
    const silent = own.filter((checkCase) => readExpected(checkCase).every((finding) => finding.check !== id));
    expect(fires.length, `add a case to ${CHECK_FIXTURES}/${id}/ where ${id} fires`).toBeGreaterThan(0);
    expect(silent.length, `add a case to ${CHECK_FIXTURES}/${id}/ where ${id} stays silent`).toBeGreaterThan(0);
  });
  it('has a folder only for checks that exist, and no stray files', () => {
    for (const folder of readdirSync(CHECK_FIXTURES)) {
      expect(CHECK_IDS as readonly string[], `${CHECK_FIXTURES}/${folder} is not a check id`).toContain(folder);
      for (const file of readdirSync(`${CHECK_FIXTURES}/${folder}`)) {
        const base = file.replace(/(\.fixed\.py|\.py|\.expected)$/, '');
        expect(file, `${folder}/${file}: cases are <case>.py, <case>.expected and <case>.fixed.py`).not.toBe(base);
        expect(existsSync(`${CHECK_FIXTURES}/${folder}/${base}.py`), `${folder}/${file} has no ${base}.py`).toBe(true);
      }
    }
  });
});

describe('expected-findings files', () => {
  it('reads positions, check, severity and an optional message fragment, skipping comments and blank lines', () => {
    const text =
      '# softmax fed to the loss\n\n12:5 softmaxBeforeCrossEntropy warning "pass the logits"\n3:1 x information\n';
    expect(parseExpected(text, 'a.expected')).toEqual([
      {
        line: 12,
        column: 5,
        check: 'softmaxBeforeCrossEntropy',
        severity: 'warning',
        messageFragment: 'pass the logits',
      },
      { line: 3, column: 1, check: 'x', severity: 'information' },
    ]);
  });
  it('names the file and line of a line it cannot read', () => {
    expect(() => parseExpected('\n12 softmaxBeforeCrossEntropy error\n', 'cases/a.expected')).toThrow(
      /^cases\/a\.expected:2: cannot read "12 softmaxBeforeCrossEntropy error"/,
    );
  });
});
