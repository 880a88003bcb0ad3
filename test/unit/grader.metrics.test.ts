// The evaluation's measures of the misconception the grader names.
import { describe, expect, it } from 'vitest';
import { namedPrecision, namedRecall } from '../../scripts/grader/metrics';

describe('the misconception named', () => {
  // Per answer: the id the grader names, and the id the human grade names.
  const named = ['dropout-at-test', 'lr-too-high', undefined, undefined, 'dropout-at-test'];
  const shown = ['dropout-at-test', undefined, 'lr-too-high', undefined, 'bn-batch-stats'];

  it('is precise when the ones named are the ones shown', () => {
    // Three named: one right, one on an answer holding none, one naming the wrong misconception.
    expect(namedPrecision(named, shown)).toBeCloseTo(1 / 3);
    expect(namedPrecision([undefined], ['dropout-at-test'])).toBeNaN();
  });

  it('recalls the ones shown only when it names the same one', () => {
    // Three shown: one named right, one missed, one named as another.
    expect(namedRecall(named, shown)).toBeCloseTo(1 / 3);
    expect(namedRecall(['dropout-at-test'], [undefined])).toBeNaN();
  });
});
