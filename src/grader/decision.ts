// Turns model outputs into a verdict, key points and misconception. Pure.
import type { Cues } from './cues';
import type { Thresholds } from './modelConfig';
import { isContentToken, tokenize } from './text';
import type { GradableQuestion, GradeResult, Verdict } from './types';

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

export function verdictOf(score: number, thresholds: Thresholds): Verdict {
  if (score >= thresholds.correct) return 'correct';
  if (score >= thresholds.partial) return 'partial';
  return 'incorrect';
}

/** The score of an answer that states nothing. */
export const NON_ANSWER_SCORE = 0;

export function decide(
  question: GradableQuestion,
  judgement: Judgement,
  thresholds: Thresholds,
  refused: NonAnswer | undefined,
  rolesSwapped = false,
): Omit<GradeResult, 'feedback'> {
  let misconception: GradeResult['misconception'];
  if (!refused) {
    let best = -1;
    judgement.misconceptionProbability.forEach((probability, index) => {
      if (probability >= thresholds.misconception && (best < 0 || probability > judgement.misconceptionProbability[best]!)) best = index;
    });
    const found = question.misconceptions[best];
    if (found) misconception = { id: found.id, text: found.claim };
  }
  // Stating a known wrong belief makes an answer incorrect, as the human graders mark it; saying of one
  // of the things compared what is true of the other can at best be partly right.
  const cap = refused
    ? NON_ANSWER_SCORE
    : misconception
      ? Math.max(0, thresholds.partial - 0.01)
      : rolesSwapped
        ? Math.max(0, thresholds.correct - 0.01)
        : 1;
  const score = Math.min(cap, Math.max(0, judgement.score));
  const verdict = verdictOf(score, thresholds);
  const keyPoints = question.keyPoints;
  const hitFlags = keyPoints.map((_, index) => !refused && (judgement.keyPointProbability[index] ?? 0) >= thresholds.keyPoint);
  return {
    score: Math.round(score * 1000) / 1000,
    verdict,
    hit: keyPoints.filter((_, index) => hitFlags[index]),
    missed: keyPoints.filter((_, index) => !hitFlags[index]),
    ...(misconception ? { misconception } : {}),
  };
}
