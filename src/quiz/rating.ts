// Turns the outcome of an answer into the rating the scheduler gets. Pure.
import type { Verdict } from '../grader/types';
import type { RatingName } from '../progress/model';

export type AnswerOutcome =
  { kind: 'choice' | 'numeric'; correct: boolean } | { kind: 'free'; verdict: Verdict; score: number };

/** A free-text answer this close to full marks was recalled with ease. */
export const EASY_SCORE = 0.95;

export function ratingFor(outcome: AnswerOutcome): RatingName {
  if (outcome.kind !== 'free') return outcome.correct ? 'good' : 'again';
  if (outcome.verdict === 'correct') return outcome.score >= EASY_SCORE ? 'easy' : 'good';
  // Unsure: the learner compares with the model answer and may change this suggestion.
  return outcome.verdict === 'partial' || outcome.verdict === 'unsure' ? 'hard' : 'again';
}
