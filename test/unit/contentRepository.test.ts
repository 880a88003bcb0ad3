// Checks the real content/ directory: it validates, and every numeric answer follows from its working.
import { describe, expect, it } from 'vitest';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { evaluateArithmetic } from '../../src/content/arithmetic';
import { formatContentError, validateContent } from '../../src/content/validation';

const { concepts, errors } = validateContent(readContentDirectory('content'));

describe('content/', () => {
  it('validates without errors', () => {
    expect(errors.map(formatContentError)).toEqual([]);
    expect(concepts.length).toBeGreaterThan(0);
  });

  const numeric = concepts.flatMap((concept) =>
    concept.questions.flatMap((question) => (question.type === 'numeric' ? [{ concept: concept.id, question }] : [])),
  );
  it.each(numeric.map((entry) => [`${entry.concept}/${entry.question.id}`, entry.question] as const))(
    'numeric answer of %s equals its computed working',
    (_name, question) => {
      const computed = evaluateArithmetic(question.compute);
      expect(Math.abs(computed - question.answer)).toBeLessThanOrEqual(Math.max(question.tolerance, 1e-9));
    },
  );
});
