// Chooses the questions of a quiz session. Pure.
import { dueCutoff, isDue } from '../progress/scheduler';
import type { QuizItem } from './questionBank';
import { topicProgress, type Cards } from './stats';

/** Topics whose answers score below this are drilled with new questions before any other topic. */
export const WEAK_ACCURACY = 0.7;

export interface SelectionOptions {
  now: Date;
  /** The most questions in one session. */
  size: number;
  /** Only cards due today (Review Due Cards); otherwise a mixed quiz. */
  dueOnly?: boolean;
  /** Restricts the quiz to these concepts (a file's concepts, one concept, one topic). */
  conceptIds?: ReadonlySet<string>;
}

/**
 * A mixed quiz takes due cards first (most overdue first), then new questions from weak topics and then
 * from the least practised ones, and finally, when the learner asked for more than is due or new, the
 * cards due soonest.
 */
export function selectQuestions(allItems: readonly QuizItem[], cards: Cards, options: SelectionOptions): QuizItem[] {
  const items = options.conceptIds ? allItems.filter((item) => options.conceptIds!.has(item.concept.id)) : allItems;
  const cutoff = dueCutoff(options.now);
  const dueTime = (item: QuizItem): number => Date.parse(cards[item.question.id]!.memory.due);
  const seen = items.filter((item) => cards[item.question.id] !== undefined);
  const due = seen.filter((item) => isDue(cards[item.question.id]!, cutoff)).sort((a, b) => dueTime(a) - dueTime(b));
  if (options.dueOnly) return due.slice(0, options.size);

  const dueIds = new Set(due.map((item) => item.question.id));
  const ahead = seen.filter((item) => !dueIds.has(item.question.id)).sort((a, b) => dueTime(a) - dueTime(b));
  const fresh = withVariedKinds(newQuestionsByNeed(items, cards), options.size - due.length, due);
  return [...due, ...fresh, ...ahead].slice(0, options.size);
}

/**
 * Takes up to `room` candidates in order, but no kind (choice, numeric, free text) more than its share of
 * the session while other kinds are available: most concepts open with a choice question, so the
 * order alone would give a new learner a session without a single free-text answer.
 */
function withVariedKinds(candidates: readonly QuizItem[], room: number, already: readonly QuizItem[]): QuizItem[] {
  if (room <= 0) return [];
  const kinds = new Set(candidates.map((item) => item.question.type));
  const share = Math.ceil((room + already.length) / Math.max(1, kinds.size));
  const count = new Map<string, number>();
  for (const item of already) count.set(item.question.type, (count.get(item.question.type) ?? 0) + 1);
  const taken = new Set<QuizItem>();
  for (const item of candidates) {
    if (taken.size >= room) break;
    const used = count.get(item.question.type) ?? 0;
    if (used >= share) continue;
    taken.add(item);
    count.set(item.question.type, used + 1);
  }
  // When one kind is all that is left, the session is filled with it rather than cut short.
  for (const item of candidates) {
    if (taken.size >= room) break;
    taken.add(item);
  }
  return candidates.filter((item) => taken.has(item));
}

/** Unseen questions: weak topics first (weakest first), then topics by how little of them was practised. */
function newQuestionsByNeed(items: readonly QuizItem[], cards: Cards): QuizItem[] {
  const need = new Map(
    topicProgress(items, cards).map((topic) => {
      const weak = topic.accuracy !== undefined && topic.accuracy < WEAK_ACCURACY;
      return [topic.topic, weak ? topic.accuracy! - 1 : topic.seen / topic.total] as const;
    }),
  );
  return items
    .filter((item) => cards[item.question.id] === undefined)
    .sort(
      (a, b) =>
        need.get(a.concept.topic)! - need.get(b.concept.topic)! ||
        // Within a topic, every concept's first question before any concept's second.
        a.questionIndex - b.questionIndex ||
        a.conceptIndex - b.conceptIndex,
    );
}
