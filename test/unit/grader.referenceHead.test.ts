// The head for questions given with a reference alone: it weighs what an answer states of the reference.
import { describe, expect, it } from 'vitest';
import type { FeaturedExample } from '../../scripts/grader/dataset';
import { scoreOf } from '../../scripts/grader/head';
import {
  DEFAULT_TRAIN_OPTIONS,
  FEATURE_NAMES,
  fitReferenceHead,
  REFERENCE_HEAD_FEATURES,
  type FeatureName,
} from '../../scripts/grader/train';
import { seededRandom } from '../../src/random';

const QUESTION_AND_STYLE: FeatureName[] = [
  'questionSimilarity',
  'questionCoverage',
  'questionPrecision',
  'questionOverlap',
  'functionWordRatio',
  'knownWordRate',
  'novelWords',
];

/** An answer whose recall of the reference follows its label, and whose question and style features do too. */
function answer(correct: boolean, random: () => number): FeaturedExample {
  const features = FEATURE_NAMES.map(() => random());
  const set = (name: FeatureName, value: number) => (features[FEATURE_NAMES.indexOf(name)] = value);
  set('referenceRecall', (correct ? 0.6 : 0.2) + 0.3 * random());
  for (const name of QUESTION_AND_STYLE) set(name, (correct ? 0.7 : 0.1) + 0.2 * random());
  return {
    question: 0,
    answer: '',
    score: correct ? 1 : 0,
    verdict: correct ? 'correct' : 'incorrect',
    source: 'semeval',
    cues: {} as FeaturedExample['cues'],
    features,
    keyPointRows: [],
    misconceptionRows: [],
  };
}

describe('the reference-only head', () => {
  const random = seededRandom(7);
  const answers = Array.from({ length: 60 }, (_, i) => answer(i % 2 === 0, random));
  const head = fitReferenceHead(answers, DEFAULT_TRAIN_OPTIONS);
  const weight = (name: FeatureName) => head.output.weights[FEATURE_NAMES.indexOf(name)]!;

  it('gives no weight to the question overlap and style features, even when they track the labels', () => {
    for (const name of QUESTION_AND_STYLE) {
      expect(REFERENCE_HEAD_FEATURES).not.toContain(name);
      expect(weight(name)).toBe(0);
    }
    expect(weight('referenceRecall')).toBeGreaterThan(0);
  });

  it('scores an answer by its recall of the reference whatever it shares with the question', () => {
    const right = answer(true, random);
    const wrong = answer(false, random);
    for (const name of QUESTION_AND_STYLE) {
      const index = FEATURE_NAMES.indexOf(name);
      [right.features[index], wrong.features[index]] = [wrong.features[index]!, right.features[index]!];
    }
    expect(scoreOf(head, right.features)).toBeGreaterThan(scoreOf(head, wrong.features));
  });
});
