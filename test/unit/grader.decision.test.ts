// Verdict rules, contradictions and feedback, on fixed model outputs: no model needed.
import { describe, expect, it } from 'vitest';
import { gradableQuestion } from '../../src/grader/contentQuestions';
import { findContradiction } from '../../src/grader/contradiction';
import { readContent } from '../../scripts/grader/readContent';
import { computeCues, looksLikeKeywordList } from '../../src/grader/cues';
import { decide, nonAnswer, referenceOnly, statesCorrection, thresholdsFor } from '../../src/grader/decision';
import { tokenize } from '../../src/grader/text';
import { buildFeedback } from '../../src/grader/feedback';
import type { GradableQuestion } from '../../src/grader/types';
import { DROPOUT_EVAL_QUESTION, EXAMPLE_THRESHOLDS } from './support/graderFixtures';

const question = DROPOUT_EVAL_QUESTION;
const thresholds = EXAMPLE_THRESHOLDS;
const judgement = (score: number, keyPoints: number[], misconception = 0) => ({
  score,
  keyPointProbability: keyPoints,
  misconceptionProbability: [misconception],
});

describe('verdicts', () => {
  it('calls an answer correct only with evidence for every key point, and unsure otherwise', () => {
    expect(decide(question, judgement(0.9, [0.9, 0.6]), thresholds, undefined, 'answer').verdict).toBe('correct');
    expect(decide(question, judgement(0.9, [0.9, 0.1]), thresholds, undefined, 'answer').verdict).toBe('unsure');
  });

  it('is unsure between the unsure and correct cut-offs', () => {
    expect(decide(question, judgement(0.6, [0.9, 0.9]), thresholds, undefined, 'answer').verdict).toBe('unsure');
    expect(decide(question, judgement(0.4, [0.9, 0.9]), thresholds, undefined, 'answer').verdict).toBe('partial');
    expect(decide(question, judgement(0.1, [0.9, 0.9]), thresholds, undefined, 'answer').verdict).toBe('incorrect');
  });

  it('keeps the hit key points in agreement with the verdict', () => {
    const correct = decide(question, judgement(0.9, [0.9, 0.3]), thresholds, undefined, 'answer');
    expect(correct.hit).toEqual(question.keyPoints);
    const incorrect = decide(question, judgement(0.1, [0.9, 0.9]), thresholds, undefined, 'answer');
    expect(incorrect.hit).toEqual([]);
    const partial = decide(question, judgement(0.4, [0.9, 0.8]), thresholds, undefined, 'answer');
    expect(partial.hit).toEqual([question.keyPoints[0]]);
    expect(partial.missed).toEqual([question.keyPoints[1]]);
  });

  it('never calls an answer with a contradiction correct, nor one with a misconception better than incorrect', () => {
    expect(decide(question, judgement(0.95, [0.9, 0.9]), thresholds, undefined, 'answer', true).verdict).toBe(
      'partial',
    );
    const shown = decide(
      question,
      judgement(0.95, [0.9, 0.9], 0.9),
      thresholds,
      undefined,
      'Dropout also drops units at test time.',
    );
    expect(shown.verdict).toBe('incorrect');
    expect(shown.misconception?.id).toBe('dropout-active-at-inference');
  });

  it('does not say an answer holds a misconception when it states the correction', () => {
    const answer = 'At evaluation dropout is the identity, so every unit is kept and nothing is dropped.';
    expect(statesCorrection(question.misconceptions[0]!, answer)).toBe(true);
    expect(
      decide(question, judgement(0.8, [0.9, 0.5], 0.9), thresholds, undefined, answer).misconception,
    ).toBeUndefined();
    expect(statesCorrection(question.misconceptions[0]!, 'Dropout still drops units at test time.')).toBe(false);
  });
});

describe('questions with only a reference', () => {
  const outside: GradableQuestion = {
    prompt: 'Why does the bulb go out when the switch is open?',
    reference: 'The switch is open, so there is a gap. The bulb is not in a closed path.',
    keyPoints: ['The switch is open, so there is a gap.', 'The bulb is not in a closed path.'],
    misconceptions: [],
  };
  const withCutoff = { ...thresholds, referenceOnly: 0.45 };

  it('are told apart from questions with key points of their own', () => {
    expect(referenceOnly(outside)).toBe(true);
    expect(referenceOnly({ ...outside, keyPoints: [outside.reference] })).toBe(true);
    expect(referenceOnly(question)).toBe(false);
  });

  it('use their own cut-off for "correct", with no unsure band', () => {
    expect(thresholdsFor(outside, withCutoff)).toMatchObject({ correct: 0.45, unsure: 0.45, partial: 0.3 });
    expect(decide(outside, judgement(0.5, [0.9, 0.9]), withCutoff, undefined, 'answer').verdict).toBe('correct');
    expect(decide(outside, judgement(0.4, [0.9, 0.9]), withCutoff, undefined, 'answer').verdict).toBe('partial');
    // Content questions, and models without the cut-off, keep the usual ones.
    expect(thresholdsFor(question, withCutoff)).toBe(withCutoff);
    expect(decide(question, judgement(0.5, [0.9, 0.9]), withCutoff, undefined, 'answer').verdict).toBe('unsure');
    expect(decide(outside, judgement(0.5, [0.9, 0.9]), thresholds, undefined, 'answer').verdict).toBe('unsure');
  });

  it('ask no evidence per key point, which only restate the reference', () => {
    expect(decide(outside, judgement(0.5, [0.9, 0.1]), withCutoff, undefined, 'answer').verdict).toBe('correct');
    expect(decide(question, judgement(0.9, [0.9, 0.1]), withCutoff, undefined, 'answer').verdict).toBe('unsure');
    expect(decide(outside, judgement(0.9, [0.9, 0.1]), thresholds, undefined, 'answer').verdict).toBe('unsure');
  });
});

describe('relevance', () => {
  const cues = (answer: string) => computeCues(question, answer, () => true);

  it('refuses a copy of the question, but not an answer that reuses a long question to state a result', () => {
    const radish: GradableQuestion = {
      prompt:
        'Alice gave five radish pots 0, 10, 15, 20 and 25 milliliters of water a day. Roots grew in pots 2, 3 and 4 only. Which amount of water is best for radish roots to grow?',
      reference: '10 milliliters to 20 milliliters of water a day.',
      keyPoints: ['10 milliliters to 20 milliliters of water a day.'],
      misconceptions: [],
    };
    const result = '10 to 20 milliliters of water, pots 2, 3 and 4 grew roots.';
    expect(
      nonAnswer(
        result,
        computeCues(radish, result, () => true),
      ),
    ).toBeUndefined();
    expect(
      nonAnswer(
        radish.prompt,
        computeCues(radish, radish.prompt, () => true),
      ),
    ).toBe('question-copy');
    expect(nonAnswer(question.prompt, cues(question.prompt))).toBe('question-copy');
  });

  it('weighs shared rare words above shared common ones', () => {
    const rarer = (token: string) => (token === 'identity' ? 10 : 1);
    const identity: GradableQuestion = { ...question, reference: 'At evaluation dropout is the identity map.' };
    const rare = computeCues(identity, 'It is the identity.', () => true, rarer).weightedSpecificRecall;
    const common = computeCues(identity, 'It is a map.', () => true, rarer).weightedSpecificRecall;
    expect(rare).toBeGreaterThan(common);
    expect(computeCues(identity, 'It is the identity.', () => true).weightedSpecificRecall).toBe(
      computeCues(identity, 'It is a map.', () => true).weightedSpecificRecall,
    );
  });

  it('grades one to three terms as a terse answer, but refuses a longer bag of terms', () => {
    expect(looksLikeKeywordList(tokenize('the main function'), 'the main function')).toBe(false);
    expect(nonAnswer('main function', cues('main function'))).toBeUndefined();
    const bag = 'dropout, units, random, evaluation, noisy, accuracy';
    expect(nonAnswer(bag, cues(bag))).toBe('keyword-list');
  });
});

describe('contradictions', () => {
  it('finds which statement denies which key point', () => {
    const found = findContradiction(
      question,
      'In training mode units are dropped at random. In evaluation mode dropout is not off, and not all units are used.',
    );
    expect(found).toEqual({
      kind: 'negation',
      statement: 'In evaluation mode dropout is not off, and not all units are used.',
      keyPoint: 'in evaluation mode dropout is off and all units are used',
    });
  });

  it('finds nothing in the reference, its key points, or a paraphrase with a harmless "not"', () => {
    expect(findContradiction(question, question.reference)).toBeUndefined();
    expect(findContradiction(question, question.keyPoints.join('. '))).toBeUndefined();
    expect(
      findContradiction(question, 'eval() stops dropout, so no unit is dropped and the accuracy does not jump around.'),
    ).toBeUndefined();
  });

  it('names the contradicted key point in the feedback, in plain words', () => {
    const answer = 'In evaluation mode dropout is not off, and not all units are used.';
    const contradiction = findContradiction(question, answer)!;
    const result = decide(question, judgement(0.8, [0.6, 0.2]), thresholds, undefined, answer, true);
    const feedback = buildFeedback(question, result, answer, undefined, contradiction);
    expect(feedback).toContain(
      'says the opposite of the key point: in evaluation mode dropout is off and all units are used',
    );
  });
});

describe('feedback', () => {
  it('names the misconception once, with its correction', () => {
    const answer = 'Dropout also drops units at test time.';
    const result = decide(question, judgement(0.2, [0.1, 0.1], 0.9), thresholds, undefined, answer);
    const feedback = buildFeedback(question, result, answer, undefined);
    expect(feedback.split(question.misconceptions[0]!.claim)).toHaveLength(2);
    expect(feedback).toContain(`In fact: ${question.misconceptions[0]!.correction}`);
  });

  it('asks the learner to compare when unsure, and lists what to look for', () => {
    const result = decide(question, judgement(0.6, [0.9, 0.2]), thresholds, undefined, 'answer');
    expect(result.verdict).toBe('unsure');
    expect(buildFeedback(question, result, 'answer', undefined)).toMatch(
      /^Not sure: compare your answer with the model answer.*Look in particular for: in training mode/,
    );
  });
});

describe('misconceptions of a content question', () => {
  it('are the whole concept list, those the question names first', () => {
    const { concepts } = readContent('content');
    const dropout = concepts.find((c) => c.id === 'dropout')!;
    const free = dropout.questions.find((q) => q.id === 'dropout-why-eval');
    if (free?.type !== 'free') throw new Error('dropout-why-eval is not a free-text question');
    const ids = gradableQuestion(dropout, free).misconceptions.map((m) => m.id);
    expect([...ids].sort()).toEqual(dropout.misconceptions.map((m) => m.id).sort());
    expect(ids.slice(0, free.misconceptions.length)).toEqual(free.misconceptions);
  });
});
