// Progress-level changes: recording an answer and overriding its rating. Pure: they return new progress.
import type { Progress, RatingName } from './model';
import { rerateCard, reviewCard } from './scheduler';

export function recordReview(
  progress: Progress,
  questionId: string,
  conceptId: string,
  rating: RatingName,
  now: Date,
): Progress {
  const day = localDay(now);
  return {
    ...progress,
    cards: { ...progress.cards, [questionId]: reviewCard(progress.cards[questionId], conceptId, rating, now) },
    reviewDays: progress.reviewDays.includes(day) ? progress.reviewDays : [...progress.reviewDays, day].sort(),
  };
}

/** Changes the rating of the question's last review; progress is unchanged if it was never reviewed. */
export function overrideRating(progress: Progress, questionId: string, rating: RatingName): Progress {
  const card = progress.cards[questionId];
  if (!card) return progress;
  return { ...progress, cards: { ...progress.cards, [questionId]: rerateCard(card, rating) } };
}

/** The local calendar day of a moment, as YYYY-MM-DD. */
export function localDay(moment: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}
