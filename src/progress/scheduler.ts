// Spaced repetition with FSRS (the ts-fsrs library): reviewing a card, overriding the last rating, due dates.
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import { CARD_STATES, type Memory, type RatingName, type StoredCard } from './model';

// Day-based intervals (no minute-long learning steps): a quiz card is due on a day, like the sidebar says.
const scheduler = fsrs({ enable_short_term: false, enable_fuzz: true });

const GRADES: Record<RatingName, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};
const STATES: Record<Memory['state'], State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/** Schedules the next review of a card (a new one when `existing` is undefined) answered at `now` with `rating`. */
export function reviewCard(
  existing: StoredCard | undefined,
  conceptId: string,
  rating: RatingName,
  now: Date,
): StoredCard {
  const before = existing?.memory ?? null;
  return { conceptId, memory: schedule(before, rating, now), before, lastRating: rating };
}

/** Replaces the rating of the card's last review, as if it had been given in the first place. */
export function rerateCard(card: StoredCard, rating: RatingName): StoredCard {
  const reviewedAt = card.memory.lastReview ? new Date(card.memory.lastReview) : new Date();
  return { ...card, memory: schedule(card.before, rating, reviewedAt), lastRating: rating };
}

/** Cards count as due for the whole local day they fall on. */
export function dueCutoff(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
}

export function isDue(card: StoredCard, cutoff: Date): boolean {
  return Date.parse(card.memory.due) < cutoff.getTime();
}

function schedule(before: Memory | null, rating: RatingName, at: Date): Memory {
  const card = before ? toCard(before) : createEmptyCard(at);
  return toMemory(scheduler.next(card, at, GRADES[rating]).card);
}

function toCard(memory: Memory): Card {
  return {
    due: new Date(memory.due),
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: 0,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: STATES[memory.state],
    ...(memory.lastReview ? { last_review: new Date(memory.lastReview) } : {}),
  };
}

function toMemory(card: Card): Memory {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: CARD_STATES[card.state],
    ...(card.last_review ? { lastReview: card.last_review.toISOString() } : {}),
  };
}
