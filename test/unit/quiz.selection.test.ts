// Choosing a session's questions, and the figures of the study sidebar: due cards, streak, topics.
import { describe, expect, it } from 'vitest';
import { emptyProgress, type Progress, type RatingName } from '../../src/progress/model';
import { localDay, recordReview } from '../../src/progress/reviews';
import { QuestionBank, type QuizItem } from '../../src/quiz/questionBank';
import { selectQuestions } from '../../src/quiz/selection';
import { dueItems, MASTERED_STABILITY_DAYS, streakDays, topicProgress, weakestTopics } from '../../src/quiz/stats';
import { searchConcepts } from '../../src/sidebar/conceptSearch';
import { studySnapshot } from '../../src/sidebar/studySnapshot';
import { choice, concept, free, numeric } from '../support/quizConcepts';

const NOW = new Date(2025, 2, 10, 9, 30);
const daysAgo = (days: number): Date => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - days, 9, 30);

const CONCEPTS = [
  concept({
    id: 'dropout',
    topic: 'regularisation',
    aliases: ['inverted dropout'],
    apis: [{ symbol: 'torch.nn.Dropout' }],
    questions: [choice('d1'), numeric('d2', 0.5, 0), free('d3')],
  }),
  concept({ id: 'weight-decay', topic: 'regularisation', questions: [choice('w1'), choice('w2')] }),
  concept({ id: 'adam', topic: 'optimisation', questions: [choice('a1'), choice('a2'), choice('a3')] }),
  concept({ id: 'relu', topic: 'activations', questions: [choice('r1'), choice('r2')] }),
];
const bank = new QuestionBank(CONCEPTS);
const ids = (items: readonly QuizItem[]): string[] => items.map((item) => item.question.id);

/** Answers questions in order, each on its own day; returns the progress. */
function answered(
  answers: [questionId: string, rating: RatingName, at: Date][],
  start: Progress = emptyProgress(),
): Progress {
  return answers.reduce(
    (progress, [questionId, rating, at]) =>
      recordReview(progress, questionId, bank.get(questionId)!.concept.id, rating, at),
    start,
  );
}

describe('question selection', () => {
  it('with no progress, interleaves concepts: every concept’s first question before any second one', () => {
    const choicesOnly = new QuestionBank([CONCEPTS[1]!, CONCEPTS[2]!, CONCEPTS[3]!]);
    const selected = selectQuestions(choicesOnly.items, {}, { now: NOW, size: 3 });
    expect(new Set(selected.map((item) => item.concept.id))).toEqual(new Set(['weight-decay', 'adam', 'relu']));
  });

  it('gives a new learner every kind of question, in the order of need, when the session has room', () => {
    // Every concept opens with a choice question; without a share per kind, three would all be choices.
    const selected = selectQuestions(bank.items, {}, { now: NOW, size: 3 });
    expect(selected.map((item) => item.question.type).sort()).toEqual(['choice', 'free', 'numeric']);
    expect(ids(selected)).toEqual(
      ids(
        bank.items
          .filter((item) => selected.includes(item))
          .sort((a, b) => a.questionIndex - b.questionIndex || a.conceptIndex - b.conceptIndex),
      ),
    );
  });

  it('fills the session with one kind when no other kind is left', () => {
    const choicesOnly = new QuestionBank([CONCEPTS[1]!, CONCEPTS[2]!]);
    expect(selectQuestions(choicesOnly.items, {}, { now: NOW, size: 5 })).toHaveLength(5);
  });

  it('puts due cards first, the most overdue first, then new questions', () => {
    // Again-rated cards come back within a day or so; the older answer is the more overdue.
    const progress = answered([
      ['a1', 'again', daysAgo(3)],
      ['r1', 'again', daysAgo(6)],
    ]);
    expect(ids(dueItems(bank.items, progress.cards, NOW))).toEqual(['r1', 'a1']);
    const selected = ids(selectQuestions(bank.items, progress.cards, { now: NOW, size: 5 }));
    expect(selected.slice(0, 2)).toEqual(['r1', 'a1']);
    expect(selected.slice(2).every((id) => progress.cards[id] === undefined)).toBe(true);
  });

  it('drills new questions from weak topics first, then from the least practised topics', () => {
    // Optimisation answered badly (weak); activations answered well; regularisation never practised.
    const progress = answered([
      ['a1', 'again', NOW],
      ['r1', 'good', NOW],
    ]);
    const selected = selectQuestions(bank.items, progress.cards, { now: NOW, size: 10 });
    const topics = selected
      .filter((item) => progress.cards[item.question.id] === undefined)
      .map((item) => item.concept.topic);
    expect(topics.slice(0, 2)).toEqual(['optimisation', 'optimisation']);
    // Regularisation (none of 5 seen) before activations (1 of 2 seen).
    expect(topics.indexOf('regularisation')).toBeLessThan(topics.indexOf('activations'));
  });

  it('never returns more than the session size, and no question twice', () => {
    const progress = answered([['d1', 'again', daysAgo(2)]]);
    for (const size of [1, 3, 10, 50]) {
      const selected = ids(selectQuestions(bank.items, progress.cards, { now: NOW, size }));
      expect(selected).toHaveLength(Math.min(size, bank.items.length));
      expect(new Set(selected).size).toBe(selected.length);
    }
  });

  it('reviews only due cards when asked to', () => {
    const progress = answered([
      ['d1', 'again', daysAgo(4)],
      ['w1', 'easy', NOW],
    ]);
    expect(ids(selectQuestions(bank.items, progress.cards, { now: NOW, size: 10, dueOnly: true }))).toEqual(['d1']);
    expect(selectQuestions(bank.items, {}, { now: NOW, size: 10, dueOnly: true })).toEqual([]);
  });

  it('restricts a quiz to the concepts of a file or of one concept', () => {
    const progress = answered([['a1', 'again', daysAgo(4)]]);
    const file = ids(
      selectQuestions(bank.items, progress.cards, { now: NOW, size: 10, conceptIds: new Set(['dropout', 'relu']) }),
    );
    expect(file.sort()).toEqual(['d1', 'd2', 'd3', 'r1', 'r2']);
    const one = ids(selectQuestions(bank.items, progress.cards, { now: NOW, size: 10, conceptIds: new Set(['adam']) }));
    expect(one[0]).toBe('a1');
    expect(one.sort()).toEqual(['a1', 'a2', 'a3']);
  });

  it('fills a session with cards due soonest once due and new questions run out', () => {
    const progress = answered([
      ['r1', 'easy', NOW],
      ['r2', 'good', NOW],
    ]);
    expect(
      ids(selectQuestions(bank.items, progress.cards, { now: NOW, size: 10, conceptIds: new Set(['relu']) })),
    ).toEqual(['r2', 'r1']);
  });
});

describe('study figures', () => {
  it('counts progress per topic in the schema’s topic order', () => {
    const progress = answered([
      ['d1', 'good', NOW],
      ['d2', 'hard', NOW],
      ['w1', 'good', NOW],
      ['a1', 'again', NOW],
    ]);
    // One good answer is not mastery; a card recalled with a memory stable for three weeks is.
    const w1 = progress.cards['w1']!;
    const cards = { ...progress.cards, w1: { ...w1, memory: { ...w1.memory, stability: MASTERED_STABILITY_DAYS } } };
    expect(topicProgress(bank.items, cards)).toEqual([
      { topic: 'activations', total: 2, seen: 0, mastered: 0, accuracy: undefined },
      { topic: 'optimisation', total: 3, seen: 1, mastered: 0, accuracy: 0 },
      { topic: 'regularisation', total: 5, seen: 3, mastered: 1, accuracy: 2.5 / 3 },
    ]);
    expect(weakestTopics(topicProgress(bank.items, progress.cards)).map((t) => t.topic)).toEqual([
      'optimisation',
      'regularisation',
    ]);
  });

  it('counts a streak of consecutive review days ending today or yesterday', () => {
    const days = (...ago: number[]): string[] => ago.map((n) => localDay(daysAgo(n)));
    expect(streakDays([], NOW)).toBe(0);
    expect(streakDays(days(0, 1, 2, 4), NOW)).toBe(3);
    expect(streakDays(days(1, 2), NOW)).toBe(2);
    expect(streakDays(days(2, 3), NOW)).toBe(0);
  });

  it('ignores cards whose question has left the content', () => {
    const progress = recordReview(emptyProgress(), 'removed-question', 'gone', 'again', daysAgo(5));
    expect(dueItems(bank.items, progress.cards, NOW)).toEqual([]);
    expect(studySnapshot(CONCEPTS, bank.items, progress, NOW).due).toBe(0);
  });

  it('builds the sidebar snapshot: due count, streak, topics, weakest, searchable concepts', () => {
    const progress = answered([
      ['a1', 'again', daysAgo(1)],
      ['r1', 'good', NOW],
    ]);
    const snapshot = studySnapshot(CONCEPTS, bank.items, progress, NOW);
    expect(snapshot).toMatchObject({ due: 1, streak: 2, reviewedToday: true });
    expect(snapshot.topics.map((t) => t.label)).toEqual(['Activations', 'Optimisation', 'Regularisation']);
    expect(snapshot.weakest.map((t) => t.topic)).toEqual(['optimisation']);
    expect(snapshot.concepts.find((c) => c.id === 'dropout')).toEqual({
      id: 'dropout',
      title: 'dropout',
      aliases: ['inverted dropout'],
      symbols: ['torch.nn.Dropout'],
    });
    expect(snapshot.visualisations.length).toBeGreaterThan(0);
  });
});

describe('concept search', () => {
  const entries = [
    {
      id: 'dropout',
      title: 'Dropout',
      aliases: ['inverted dropout'],
      symbols: ['torch.nn.Dropout', 'keras.layers.Dropout'],
    },
    { id: 'adam', title: 'Adam optimiser', aliases: ['adaptive moment estimation'], symbols: ['torch.optim.Adam'] },
    { id: 'spatial-dropout', title: 'Spatial dropout', aliases: [], symbols: ['torch.nn.Dropout2d'] },
  ];

  it('matches titles before aliases before API symbols, every word required', () => {
    expect(searchConcepts(entries, 'drop').map((e) => e.id)).toEqual(['dropout', 'spatial-dropout']);
    expect(searchConcepts(entries, 'moment').map((e) => e.id)).toEqual(['adam']);
    expect(searchConcepts(entries, 'optim.Adam').map((e) => e.id)).toEqual(['adam']);
    expect(searchConcepts(entries, 'Dropout2d').map((e) => e.id)).toEqual(['spatial-dropout']);
    expect(searchConcepts(entries, 'adam dropout')).toEqual([]);
    expect(searchConcepts(entries, '   ')).toEqual([]);
  });
});
