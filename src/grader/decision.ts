// Turns model outputs into a verdict, key points and misconception. Pure.
import type { Cues } from './cues';
import { recall } from './lexical';
import type { Thresholds } from './modelConfig';
import { contentStems, isContentToken, tokenize } from './text';
import type { GradableMisconception, GradableQuestion, GradeResult, Verdict } from './types';

export interface Judgement {
  score: number;
  keyPointProbability: readonly number[];
  misconceptionProbability: readonly number[];
}

/** Why an answer was refused before its content was weighed; feedback explains each. */
export type NonAnswer = 'empty' | 'keyword-list' | 'question-copy';

/**
 * Answers that state nothing get no credit whatever their words: a bag of the right terms or
 * the question read back is not an explanation.
 */
export function nonAnswer(answer: string, cues: Cues): NonAnswer | undefined {
  if (!tokenize(answer).some(isContentToken)) return 'empty';
  if (cues.keywordList === 1) return 'keyword-list';
  if (cues.questionCopy === 1) return 'question-copy';
  return undefined;
}

/**
 * A question whose key points only restate its reference, sentence by sentence: an outside question
 * given with a reference alone (the command line's SemEval-style input), with no key points of its own.
 */
export function referenceOnly(question: GradableQuestion): boolean {
  const stems = (text: string) => [...new Set(contentStems(tokenize(text)))].sort().join(' ');
  return stems(question.keyPoints.join(' ')) === stems(question.reference);
}

/**
 * The cut-offs for this question: one with only a reference has no key points to ask evidence for, so
 * "correct" is where the graded answers to such questions put it (no unsure band).
 */
export function thresholdsFor(question: GradableQuestion, thresholds: Thresholds): Thresholds {
  const cutoff = thresholds.referenceOnly;
  if (cutoff === undefined || !referenceOnly(question)) return thresholds;
  return { ...thresholds, correct: cutoff, unsure: cutoff, partial: Math.min(thresholds.partial, cutoff) };
}

export function verdictOf(score: number, thresholds: Thresholds): Verdict {
  if (score >= thresholds.correct) return 'correct';
  if (score >= thresholds.unsure) return 'unsure';
  if (score >= thresholds.partial) return 'partial';
  return 'incorrect';
}

/** The score of an answer that states nothing. */
export const NON_ANSWER_SCORE = 0;

/**
 * An answer that says what the misconception's correction says ("dropout is switched off at test
 * time") shares many words with the claim, but does not hold it.
 */
export function statesCorrection(misconception: GradableMisconception, answer: string): boolean {
  return (
    misconception.correction !== undefined &&
    recall(misconception.correction, answer) > recall(misconception.claim, answer)
  );
}

/**
 * The best misconception above the threshold that the answer does not correct, and that it does not
 * merely share words with while saying more of the reference or of a key point (they often name what
 * the claim gets wrong).
 */
function misconceptionShown(
  question: GradableQuestion,
  judgement: Judgement,
  thresholds: Thresholds,
  answer: string,
): GradableMisconception | undefined {
  let best = -1;
  judgement.misconceptionProbability.forEach((probability, index) => {
    const candidate = question.misconceptions[index];
    if (!candidate || probability < thresholds.misconception || statesCorrection(candidate, answer)) return;
    const claimed = recall(candidate.claim, answer);
    if ([question.reference, ...question.keyPoints].some((source) => recall(source, answer) >= claimed)) return;
    if (best < 0 || probability > judgement.misconceptionProbability[best]!) best = index;
  });
  return question.misconceptions[best];
}

/**
 * The verdict and the key points it rests on. "correct" needs evidence for every key point; an
 * answer that contradicts a key point (negation, swapped roles) is at best partly right, and one that
 * shows a known misconception is incorrect. The hit key points always agree with the verdict: a
 * correct answer states them all, an incorrect one is not credited with any, a partial one misses some.
 */
export function decide(
  question: GradableQuestion,
  judgement: Judgement,
  modelThresholds: Thresholds,
  refused: NonAnswer | undefined,
  answer: string,
  contradicted = false,
  unrelated = false,
): Omit<GradeResult, 'feedback'> {
  const thresholds = thresholdsFor(question, modelThresholds);
  const found = refused ? undefined : misconceptionShown(question, judgement, thresholds, answer);
  const cap = refused
    ? NON_ANSWER_SCORE
    : found || unrelated
      ? Math.max(0, thresholds.partial - 0.01)
      : contradicted
        ? Math.max(0, thresholds.unsure - 0.01)
        : 1;
  const score = Math.min(cap, Math.max(0, judgement.score));
  const probabilities = question.keyPoints.map((_, index) =>
    refused ? 0 : (judgement.keyPointProbability[index] ?? 0),
  );
  let verdict = verdictOf(score, thresholds);
  // A question with a reference alone has no key points of its own to ask evidence for.
  const needsEvidence = modelThresholds.referenceOnly === undefined || !referenceOnly(question);
  if (verdict === 'correct' && needsEvidence && probabilities.some((p) => p < thresholds.evidence)) verdict = 'unsure';
  let hitFlags = probabilities.map((p) => p >= thresholds.keyPoint);
  if (verdict === 'correct') hitFlags = hitFlags.map(() => true);
  else if (verdict === 'incorrect') hitFlags = hitFlags.map(() => false);
  else if (verdict === 'partial' && hitFlags.every(Boolean)) {
    const weakest = probabilities.indexOf(Math.min(...probabilities));
    hitFlags = hitFlags.map((flag, index) => flag && index !== weakest);
  }
  const keyPoints = question.keyPoints;
  return {
    score: Math.round(score * 1000) / 1000,
    verdict,
    hit: keyPoints.filter((_, index) => hitFlags[index]),
    missed: keyPoints.filter((_, index) => !hitFlags[index]),
    ...(found ? { misconception: { id: found.id, text: found.claim } } : {}),
  };
}
