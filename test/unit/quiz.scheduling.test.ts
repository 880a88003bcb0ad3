// Ratings from answers, and FSRS scheduling through ts-fsrs: better answers come back later.
import { describe, expect, it } from 'vitest';
import { emptyProgress, RATINGS } from '../../src/progress/model';
import { localDay, overrideRating, recordReview } from '../../src/progress/reviews';
import { dueCutoff, isDue, reviewCard } from '../../src/progress/scheduler';
import { EASY_SCORE, ratingFor } from '../../src/quiz/rating';

const NOW = new Date(2025, 2, 10, 9, 30);
const dayLater = (days: number): Date => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + days, 9, 30);

describe('rating from the outcome of an answer', () => {
  it('maps choice and numeric answers to Good or Again', () => {
    expect(ratingFor({ kind: 'choice', correct: true })).toBe('good');
    expect(ratingFor({ kind: 'choice', correct: false })).toBe('again');
    expect(ratingFor({ kind: 'numeric', correct: true })).toBe('good');
    expect(ratingFor({ kind: 'numeric', correct: false })).toBe('again');
  });

  it('maps the grader verdict of a free-text answer, with Easy for near-perfect answers', () => {
    expect(ratingFor({ kind: 'free', verdict: 'correct', score: EASY_SCORE })).toBe('easy');
    expect(ratingFor({ kind: 'free', verdict: 'correct', score: 0.8 })).toBe('good');
    expect(ratingFor({ kind: 'free', verdict: 'partial', score: 0.5 })).toBe('hard');
    expect(ratingFor({ kind: 'free', verdict: 'incorrect', score: 0.1 })).toBe('again');
  });
});

describe('FSRS scheduling', () => {
  it('schedules a new card answered Good later than one answered Again, and Easy later still', () => {
    const due = Object.fromEntries(
      RATINGS.map((rating) => [rating, Date.parse(reviewCard(undefined, 'c', rating, NOW).memory.due)]),
    );
    expect(due.good).toBeGreaterThan(due.again!);
    expect(due.hard).toBeGreaterThanOrEqual(due.again!);
    expect(due.easy).toBeGreaterThan(due.good!);
    expect(due.again).toBeGreaterThan(NOW.getTime());
  });

  it('keeps a card answered Good twice away longer than one answered Good then Again', () => {
    const first = reviewCard(undefined, 'c', 'good', NOW);
    const when = new Date(first.memory.due);
    const good = reviewCard(first, 'c', 'good', when);
    const again = reviewCard(first, 'c', 'again', when);
    expect(Date.parse(good.memory.due)).toBeGreaterThan(Date.parse(again.memory.due));
    expect(again.memory.lapses).toBe(1);
    expect(good.memory.reps).toBe(2);
  });

  it('counts a card as due for the whole local day it falls on', () => {
    const card = reviewCard(undefined, 'c', 'again', NOW);
    const dueDay = new Date(card.memory.due);
    expect(isDue(card, dueCutoff(NOW))).toBe(false);
    expect(isDue(card, dueCutoff(new Date(dueDay.getFullYear(), dueDay.getMonth(), dueDay.getDate(), 0, 5)))).toBe(
      true,
    );
  });

  it('overriding a rating reschedules as if that rating had been given', () => {
    let progress = recordReview(emptyProgress(), 'q1', 'c', 'again', NOW);
    progress = overrideRating(progress, 'q1', 'easy');
    expect(progress.cards.q1!.lastRating).toBe('easy');
    expect(progress.cards.q1!.memory).toEqual(reviewCard(undefined, 'c', 'easy', NOW).memory);
    // Overriding twice is still one review of the card, not two.
    progress = overrideRating(progress, 'q1', 'good');
    expect(progress.cards.q1!.memory.reps).toBe(1);
  });

  it('records the day of every review for the streak', () => {
    let progress = recordReview(emptyProgress(), 'q1', 'c', 'good', NOW);
    progress = recordReview(progress, 'q2', 'c', 'good', NOW);
    progress = recordReview(progress, 'q1', 'c', 'good', dayLater(3));
    expect(progress.reviewDays).toEqual([localDay(NOW), localDay(dayLater(3))]);
  });
});
