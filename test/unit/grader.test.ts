// The grader on real content questions: the traps it must not fall for, hostile input, safe feedback.
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFiles } from '../../src/grader/modelFiles';
import { OnnxGrader } from '../../src/grader/onnxGrader';
import { safeExcerpt } from '../../src/grader/feedback';
import type { GradableQuestion } from '../../src/grader/types';
import { readContent } from '../../scripts/grader/readContent';
import { hostileAnswers, keywordLists, negate, questionCopies, swapRoles } from '../../scripts/grader/traps';
import { seededRandom } from '../../src/random';

const { questions } = readContent('content');
const dropout = questions.find((q) => q.question.id === 'dropout-why-eval')!.gradable;
let grader: OnnxGrader;

beforeAll(async () => {
  grader = await OnnxGrader.load(readModelFiles('models'));
});

describe.each(questions.map((q) => [q.question.id, q.gradable] as [string, GradableQuestion]))(
  'content question %s',
  (_id, question) => {
    it('judges keyword lists of its key points incorrect', async () => {
      for (const answer of keywordLists(question, seededRandom(1))) {
        expect((await grader.grade(question, answer)).verdict).toBe('incorrect');
      }
    });

    it('judges copies of the question incorrect', async () => {
      for (const answer of questionCopies(question)) {
        expect((await grader.grade(question, answer)).verdict).toBe('incorrect');
      }
    });
  },
);

describe('dropout-why-eval', () => {
  it('judges the reference correct', async () => {
    expect((await grader.grade(dropout, dropout.reference)).verdict).toBe('correct');
  });

  it('does not accept negated statements', async () => {
    for (const answer of [
      negate(dropout.reference),
      'Dropout does not zero any units in training mode, and eval mode does not change anything about the outputs.',
    ]) {
      expect((await grader.grade(dropout, answer)).verdict).not.toBe('correct');
    }
  });

  it('does not accept swapped roles', async () => {
    const swapped = swapRoles(dropout.keyPoints.join('. '))!;
    expect(swapped).toMatch(/in training mode dropout is turned off/i);
    expect((await grader.grade(dropout, swapped)).verdict).not.toBe('correct');
  });

  it('gives at least partial credit to a paraphrase that shares few words with the reference', async () => {
    const result = await grader.grade(
      dropout,
      'Calling eval() switches off the random zeroing of neurons, so the whole network contributes and the measured score is stable instead of artificially low.',
    );
    expect(result.verdict).not.toBe('incorrect');
  });

  it('names the misconception an answer states', async () => {
    const result = await grader.grade(
      dropout,
      'Dropout also drops units at test time, so the predictions are random whatever mode you use.',
    );
    expect(result.verdict).toBe('incorrect');
    expect(result.misconception?.id).toBe('dropout-active-at-inference');
    expect(result.feedback).toContain('misconception');
  });

  it('gives a sane verdict and no crash on hostile input', async () => {
    const started = Date.now();
    for (const answer of hostileAnswers(seededRandom(3))) {
      const result = await grader.grade(dropout, answer);
      expect(result.verdict).toBe('incorrect');
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
      expect(result.feedback).not.toMatch(/[<>`*\u0000-\u001f]/);
    }
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('returns every key point as hit or missed, in order', async () => {
    const result = await grader.grade(dropout, dropout.reference);
    expect([...result.hit, ...result.missed].sort()).toEqual([...dropout.keyPoints].sort());
  });
});

describe('safeExcerpt', () => {
  it('strips markup, Markdown and control characters and trims', () => {
    const excerpt = safeExcerpt('<img src=x onerror=alert(1)> **bold** `code` \u202e\u0007 ' + 'word '.repeat(50));
    expect(excerpt).not.toMatch(/[<>*`\u202e\u0007]/);
    expect(excerpt.length).toBeLessThanOrEqual(60);
  });
});
