// `cli quiz`: the session a new learner gets, with the real knowledge base, options in presentation order.
import { describe, expect, it } from 'vitest';
import { parseArguments, quizRecords } from '../../src/cli/quizCommand';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { validateContent } from '../../src/content/validation';

const index = new ConceptIndex(validateContent(readContentDirectory('content')).concepts);
const NOW = new Date(2026, 0, 5, 10);

describe('cli quiz', () => {
  it('prints the same session for the same seed, with every choice question’s options and one correct', () => {
    const first = quizRecords(index, { size: 10, seed: 42 }, NOW);
    expect(quizRecords(index, { size: 10, seed: 42 }, NOW)).toEqual(first);
    expect(first).toHaveLength(10);
    for (const record of first) {
      expect(record.prompt.length).toBeGreaterThan(0);
      if (record.type === 'choice') expect(record.options!.filter((option) => option.correct)).toHaveLength(1);
      else expect(record.options).toBeUndefined();
    }
  });

  it('over 50 seeded sessions puts the correct option first in about 1 of k presentations', () => {
    const concepts = index.concepts.filter((concept) =>
      concept.questions.some((question) => question.type === 'choice'),
    );
    let shown = 0;
    let expected = 0;
    let correctFirst = 0;
    for (let seed = 1; seed <= 50; seed += 1) {
      for (const concept of concepts.slice(0, 20)) {
        for (const record of quizRecords(index, { conceptId: concept.id, size: 20, seed }, NOW)) {
          if (!record.options) continue;
          shown += 1;
          expected += 1 / record.options.length;
          if (record.options[0]!.correct) correctFirst += 1;
        }
      }
    }
    expect(shown).toBeGreaterThan(500);
    // Within about four binomial standard deviations of 1/k; with the old fixed order this was every time.
    expect(Math.abs(correctFirst - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('restricts the session to one concept and refuses bad arguments with a reason', () => {
    const records = quizRecords(index, { conceptId: 'dropout', size: 50, seed: 1 }, NOW);
    const dropout = index.get('dropout')!;
    expect(records.map((record) => record.id).sort()).toEqual(dropout.questions.map((question) => question.id).sort());
    expect(parseArguments(['--seed', '7', '--size', '3', '--concept', 'relu'])).toEqual({
      seed: 7,
      size: 3,
      conceptId: 'relu',
    });
    expect(parseArguments([])).toMatch(/--seed is required/);
    expect(parseArguments(['--seed', 'x'])).toMatch(/whole number/);
    expect(parseArguments(['--seed', '1', '--size', '0'])).toMatch(/positive/);
    expect(parseArguments(['--seed'])).toMatch(/needs a value/);
    expect(parseArguments(['--colour', 'red'])).toMatch(/unknown argument/);
  });
});
