// The evaluation's floor: its word-overlap features and the logistic regression fitted on them.
import { describe, expect, it } from 'vitest';
import { FLOOR_FEATURE_NAMES, fitFloor, floorFeatures } from '../../scripts/grader/floor';
import type { GradableQuestion } from '../../src/grader/types';

const question: GradableQuestion = {
  prompt: 'What does dropout do during training?',
  reference: 'Dropout zeroes random units so the network learns to spread its features over many of them.',
  keyPoints: ['Dropout zeroes random units so the network learns to spread its features over many of them.'],
  misconceptions: [],
};
const vectors: Record<string, number[]> = {
  zeroes: [1, 0, 0],
  removes: [0.9, 0.436, 0],
  random: [0, 1, 0],
  units: [0, 0, 1],
  neurons: [0, 0.2, 0.98],
};
const vectorOf = (word: string) => vectors[word];
const uniform = () => 1;
const feature = (values: number[], name: (typeof FLOOR_FEATURE_NAMES)[number]) =>
  values[FLOOR_FEATURE_NAMES.indexOf(name)]!;

describe('floor features', () => {
  it('leaves the question words out of recall and precision', () => {
    const values = floorFeatures(question, 'Dropout zeroes random units.', vectorOf, uniform);
    expect(values).toHaveLength(FLOOR_FEATURE_NAMES.length);
    // "dropout" and "training" are in the question: the answer states three of the reference's other words.
    expect(feature(values, 'exactPrecision')).toBe(1);
    expect(feature(values, 'exactRecall')).toBeCloseTo(3 / 8, 5);
  });

  it('credits near-synonyms through word vectors, but not exact overlap', () => {
    const values = floorFeatures(question, 'It removes random neurons.', vectorOf, uniform);
    expect(feature(values, 'exactRecall')).toBeCloseTo(1 / 8, 5);
    expect(feature(values, 'softRecall')).toBeGreaterThan(feature(values, 'exactRecall') + 0.1);
  });

  it('weighs rare words above common ones in the weighted recall', () => {
    const rare = (word: string) => (word === 'zero' || word === 'zeroe' || word === 'zeroes' ? 10 : 1);
    const values = floorFeatures(question, 'It zeroes them.', vectorOf, rare);
    expect(feature(values, 'idfExactRecall')).toBeGreaterThan(feature(values, 'exactRecall'));
  });

  it('flags a negation the reference does not make', () => {
    expect(feature(floorFeatures(question, 'It does not zero units.', vectorOf, uniform), 'negation')).toBe(1);
    expect(feature(floorFeatures(question, 'It zeroes units.', vectorOf, uniform), 'negation')).toBe(0);
  });
});

describe('the floor model', () => {
  it('learns from labelled answers to score a right answer above a wrong one', () => {
    const right = ['Random units are zeroed.', 'It zeroes random units.', 'Units are zeroed at random.'];
    const wrong = ['It makes training faster.', 'The learning rate goes down.', 'It normalises the batch.'];
    const training = [
      ...right.map((answer) => ({ question, answer, correct: true })),
      ...wrong.map((answer) => ({ question, answer, correct: false })),
    ];
    const floor = fitFloor(training, vectorOf);
    const good = floor(question, 'It removes random neurons.');
    const bad = floor(question, 'It speeds up the optimiser.');
    expect(good).toBeGreaterThan(0.5);
    expect(bad).toBeLessThan(0.5);
  });
});
