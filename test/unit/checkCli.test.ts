// `cli check`: the editor's mistake diagnostics for files on disk, with the real knowledge base.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/cli/checkCommand';
import { readPythonFile } from '../../src/cli/pythonFile';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { validateContent } from '../../src/content/validation';

const index = new ConceptIndex(validateContent(readContentDirectory('content')).concepts);
const FIXTURE = 'test/fixtures/mistakes_training.py';

describe('cli check', () => {
  it('reports each marked mistake on its 1-based line, with its concept and quick fixes, preferred first', () => {
    const records = checkSource(FIXTURE, readFileSync(FIXTURE, 'utf8'), index);
    const marked = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .flatMap((line, index) => (/\S.*# (\w+)$/.exec(line) ? [`${index + 1}:${/# (\w+)$/.exec(line)![1]}`] : []));
    expect(records.map((record) => `${record.line}:${record.check}`).sort()).toEqual(marked.sort());
    const softmax = records.find((record) => record.check === 'softmaxBeforeCrossEntropy')!;
    expect(softmax).toMatchObject({
      file: FIXTURE,
      severity: 'warning',
      conceptId: 'cross-entropy-loss',
      fixes: ['Pass the logits (logits) to criterion'],
    });
  });

  it.each(readdirSync('examples').filter((name) => name.endsWith('.py')))('finds nothing in the example %s', (name) => {
    expect(checkSource(name, readFileSync(`examples/${name}`, 'utf8'), index)).toEqual([]);
  });

  it('refuses binary and missing files with a reason', () => {
    expect(readPythonFile('models/grader.onnx')).toEqual({ ok: false, problem: expect.stringContaining('binary') });
    expect(readPythonFile('no/such/file.py')).toEqual({
      ok: false,
      problem: expect.stringContaining('cannot read no/such/file.py'),
    });
  });
});
