// Training examples graded against a question without its misconception list.
import { describe, expect, it } from 'vitest';
import { withoutMisconceptionLists, type Example, type TrainingQuestion } from '../../scripts/grader/dataset';

const question = (key: string, origin: TrainingQuestion['origin'], misconceptions: number): TrainingQuestion => ({
  key,
  origin,
  gradable: {
    prompt: `Why ${key}?`,
    reference: `Because of ${key}.`,
    keyPoints: [`because of ${key}`],
    misconceptions: Array.from({ length: misconceptions }, (_, i) => ({ id: `${key}-m${i}`, claim: `claim ${i}` })),
  },
});

const example = (questionIndex: number, extra: Partial<Example> = {}): Example => ({
  question: questionIndex,
  answer: 'an answer',
  score: 1,
  verdict: 'correct',
  source: 'human',
  ...extra,
});

describe('withoutMisconceptionLists', () => {
  it('copies each content example onto one shared copy of its question without the list', () => {
    const questions = [question('a', 'content', 2), question('b', 'content', 1)];
    const copies = withoutMisconceptionLists(
      [example(0), example(0, { misconceptionId: 'a-m1', score: 0, verdict: 'incorrect' }), example(1)],
      questions,
    );
    expect(questions).toHaveLength(4);
    expect(questions[2]).toEqual({ ...question('a', 'content', 0) });
    expect(questions[3]!.key).toBe('b');
    expect(copies.map((copy) => copy.question)).toEqual([2, 2, 3]);
    expect(copies.every((copy) => copy.unlisted === true)).toBe(true);
    // The copy's question lists no misconception for the example to show.
    expect(copies[1]).not.toHaveProperty('misconceptionId');
    expect(copies[1]).toMatchObject({ score: 0, verdict: 'incorrect', answer: 'an answer' });
  });

  it('leaves SemEval questions and questions without misconceptions alone', () => {
    const questions = [question('s', 'semeval', 0), question('c', 'content', 0)];
    expect(withoutMisconceptionLists([example(0), example(1)], questions)).toEqual([]);
    expect(questions).toHaveLength(2);
  });
});
