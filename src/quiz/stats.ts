// Figures for the study sidebar and the status bar: due cards, streak, progress and weakness per topic. Pure.
import { TOPICS } from '../content/schema';
import type { RatingName, StoredCard } from '../progress/model';
import { localDay } from '../progress/reviews';
import { dueCutoff, isDue } from '../progress/scheduler';
import type { QuizItem } from './questionBank';

export type Cards = Readonly<Record<string, StoredCard>>;

/**
 * FSRS stability (days until the chance of recall falls to 90%) from which a recalled card counts as
 * mastered: one good answer is a start, not mastery. Anki calls cards with intervals of 21 days mature.
 */
export const MASTERED_STABILITY_DAYS = 21;

/** How well the last answer to a card was recalled, 0..1. */
const RECALL: Record<RatingName, number> = { again: 0, hard: 0.5, good: 1, easy: 1 };

export interface TopicProgress {
  topic: string;
  /** Questions in the topic. */
  total: number;
  /** Questions answered at least once. */
  seen: number;
  /** Questions whose last answer was rated Good or Easy and whose memory is stable for 21 days or more. */
  mastered: number;
  /** Mean recall of the last answers, undefined before the first. */
  accuracy: number | undefined;
}

/** Cards due by the end of today, most overdue first. Cards whose question left the content are ignored. */
export function dueItems(items: readonly QuizItem[], cards: Cards, now: Date): QuizItem[] {
  const cutoff = dueCutoff(now);
  return items
    .filter((item) => {
      const card = cards[item.question.id];
      return card !== undefined && isDue(card, cutoff);
    })
    .sort((a, b) => Date.parse(cards[a.question.id]!.memory.due) - Date.parse(cards[b.question.id]!.memory.due));
}

/** Progress for every topic that has questions, in the schema's topic order. */
export function topicProgress(items: readonly QuizItem[], cards: Cards): TopicProgress[] {
  const byTopic = new Map<string, { total: number; seen: number; mastered: number; recall: number }>();
  for (const item of items) {
    const entry = byTopic.get(item.concept.topic) ?? { total: 0, seen: 0, mastered: 0, recall: 0 };
    entry.total += 1;
    const card = cards[item.question.id];
    if (card) {
      entry.seen += 1;
      entry.recall += RECALL[card.lastRating];
      if (RECALL[card.lastRating] === 1 && card.memory.stability >= MASTERED_STABILITY_DAYS) entry.mastered += 1;
    }
    byTopic.set(item.concept.topic, entry);
  }
  return TOPICS.flatMap((topic) => {
    const entry = byTopic.get(topic);
    if (!entry) return [];
    return [
      {
        topic,
        total: entry.total,
        seen: entry.seen,
        mastered: entry.mastered,
        accuracy: entry.seen > 0 ? entry.recall / entry.seen : undefined,
      },
    ];
  });
}

/** Answered topics with room to improve, weakest first (ties: the more evidence, the weaker). */
export function weakestTopics(progress: readonly TopicProgress[], limit = 3): TopicProgress[] {
  return progress
    .filter((topic) => topic.accuracy !== undefined && topic.accuracy < 1)
    .sort((a, b) => a.accuracy! - b.accuracy! || b.seen - a.seen)
    .slice(0, limit);
}

/** Consecutive days with a review, ending today, or yesterday when today has none yet. */
export function streakDays(reviewDays: readonly string[], now: Date): number {
  const days = new Set(reviewDays);
  const cursor = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (!days.has(localDay(cursor))) cursor.setDate(cursor.getDate() - 1);
  let streak = 0;
  while (days.has(localDay(cursor))) {
    streak += 1;
    cursor.setDate(cursor.getDate() - 1);
  }
  return streak;
}
