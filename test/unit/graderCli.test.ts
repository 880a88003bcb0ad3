// `cli grade`: line-by-line JSON in and out, bad lines reported in place, other fields kept.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { gradeStream } from '../../src/cli/gradeCommand';
import { parseLine } from '../../src/grader/batchLine';

const base = {
  question: 'Why is dropout turned off at evaluation?',
  reference: 'At evaluation dropout is the identity, so every unit is used and predictions are deterministic.',
  keyPoints: ['dropout is off at evaluation', 'predictions become deterministic'],
};

async function run(
  lines: string[],
  modelDirectory = 'models',
): Promise<{ output: Record<string, unknown>[]; code: number; warnings: string[] }> {
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const warnings: string[] = [];
  input.end(lines.join('\n'));
  const code = await gradeStream(modelDirectory, { input, output, warn: (message) => warnings.push(message) });
  const text = Buffer.concat(chunks).toString('utf8');
  return {
    output: text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    code,
    warnings,
  };
}

describe('cli grade', () => {
  it('adds the grade to each line and passes other fields through untouched', async () => {
    const { output, code } = await run([
      JSON.stringify({
        ...base,
        id: 'a1',
        meta: { learner: 3 },
        answer: 'Dropout is disabled in eval mode, so all units work and outputs are deterministic.',
      }),
    ]);
    expect(code).toBe(0);
    const [line] = output;
    expect(line).toMatchObject({ ...base, id: 'a1', meta: { learner: 3 } });
    expect(typeof line!.score).toBe('number');
    expect(['correct', 'partial', 'incorrect']).toContain(line!.verdict);
    expect([...(line!.hit as string[]), ...(line!.missed as string[])].sort()).toEqual([...base.keyPoints].sort());
    expect(line).toHaveProperty('misconception');
  });

  it('reports bad lines in place, with their line numbers, and keeps going', async () => {
    const good = JSON.stringify({ ...base, answer: 'It is the identity at evaluation.' });
    const { output, code } = await run([
      'not json',
      good,
      JSON.stringify({ question: 'q', answer: 'a' }),
      '[1, 2]',
      JSON.stringify({ ...base, keyPoints: [], answer: 'x' }),
      JSON.stringify({ ...base, answer: 42 }),
      JSON.stringify({ ...base, misconceptions: [7], answer: 'x' }),
      good,
    ]);
    expect(code).toBe(1);
    expect(output).toHaveLength(8);
    expect(output[0]).toEqual({ error: 'invalid JSON', line: 1 });
    expect(output[1]).toHaveProperty('verdict');
    expect(output[2]).toEqual({ error: '"reference" must be a non-empty string', line: 3 });
    expect(output[3]).toEqual({ error: 'each line must be a JSON object', line: 4 });
    expect(output[4]!.error).toMatch(/keyPoints/);
    expect(output[5]!.error).toMatch(/answer/);
    expect(output[6]!.error).toMatch(/misconceptions\[0\]/);
    expect(output[7]).toHaveProperty('verdict');
  });

  it('accepts misconceptions as strings or {id, claim|text, correction} objects', () => {
    const parsed = parseLine(
      JSON.stringify({
        ...base,
        answer: 'x',
        misconceptions: [
          'Dropout removes layers',
          { id: 'active', text: 'Dropout runs at test time', correction: 'It does not.' },
          { claim: 'p is the keep rate' },
        ],
      }),
    );
    expect(parsed.ok && parsed.question.misconceptions).toEqual([
      { id: 'misconception-1', claim: 'Dropout removes layers' },
      { id: 'active', claim: 'Dropout runs at test time', correction: 'It does not.' },
      { id: 'misconception-3', claim: 'p is the keep rate' },
    ]);
  });

  it('names a misconception the answer states, for a question not in content/', async () => {
    const { output } = await run([
      JSON.stringify({
        ...base,
        misconceptions: [
          { id: 'active-at-test', claim: 'Dropout keeps dropping units at test time, so predictions are random.' },
        ],
        answer: 'Dropout keeps dropping random units at test time, which is why the predictions are random.',
      }),
    ]);
    expect(output[0]!.verdict).not.toBe('correct');
    expect(output[0]!.misconception).toEqual({
      id: 'active-at-test',
      text: 'Dropout keeps dropping units at test time, so predictions are random.',
    });
  });

  it('falls back with a warning when the model directory has no model', async () => {
    const { output, warnings } = await run(
      [JSON.stringify({ ...base, answer: 'Dropout is off at evaluation.' })],
      '/nonexistent-model-dir',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/word-overlap fallback/);
    expect(output[0]).toHaveProperty('verdict');
  });
});
