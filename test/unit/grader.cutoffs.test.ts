// The cut-offs fitted on training answers: where the graded answers put "correct".
import { describe, expect, it } from 'vitest';
import { fitReferenceOnlyCutoff } from '../../scripts/grader/train';

describe('the cut-off for questions with only a reference', () => {
  it('separates right from wrong answers where the scores do', () => {
    const scored = [
      ...[0.62, 0.7, 0.81, 0.9].map((score) => ({ score, correct: true })),
      ...[0.1, 0.3, 0.44, 0.55].map((score) => ({ score, correct: false })),
    ];
    const cutoff = fitReferenceOnlyCutoff(scored)!;
    expect(cutoff).toBeGreaterThan(0.55);
    expect(cutoff).toBeLessThanOrEqual(0.62);
  });

  it('trades one error for another as the answers overlap, and has nothing to fit without answers', () => {
    const scored = [
      ...[0.4, 0.7, 0.8].map((score) => ({ score, correct: true })),
      ...[0.2, 0.3, 0.6].map((score) => ({ score, correct: false })),
    ];
    expect(fitReferenceOnlyCutoff(scored)).toBeGreaterThan(0.3);
    expect(fitReferenceOnlyCutoff([])).toBeUndefined();
  });
});
