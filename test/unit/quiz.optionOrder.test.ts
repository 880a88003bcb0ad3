// Choice options are shown in a fresh random order each time: the correct one is not always first.
import { describe, expect, it } from 'vitest';
import { ankiDeck } from '../../src/quiz/ankiDeck';
import { isOrderOf, shuffledOrder, stableOrder } from '../../src/quiz/optionOrder';
import { QuestionBank } from '../../src/quiz/questionBank';
import { plainText } from '../../src/quiz/richText';
import { restoreSession, startSession } from '../../src/quiz/session';
import { seededRandom } from '../../src/random';
import { choice, concept } from '../support/quizConcepts';

const FOUR = concept({ id: 'four', topic: 'foundations', questions: [choice('c4', 0, 4), choice('c3', 0, 3)] });
const bank = new QuestionBank([FOUR]);

describe('option order', () => {
  it('is always a permutation, and every option is equally likely in every position', () => {
    const random = seededRandom(7);
    const draws = 8_000;
    const counts = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
    for (let draw = 0; draw < draws; draw += 1) {
      const order = shuffledOrder(4, random);
      expect(isOrderOf(order, 4)).toBe(true);
      order.forEach((option, position) => (counts[option]![position]! += 1));
    }
    // 2,000 expected per cell; a binomial standard deviation is about 39, so 10% is over five deviations.
    for (const row of counts) for (const cell of row) expect(Math.abs(cell - draws / 4)).toBeLessThan(draws / 40);
  });

  it('recognises orders that do not fit the question', () => {
    expect(isOrderOf([1, 0, 2], 3)).toBe(true);
    expect(isOrderOf([0, 0, 2], 3)).toBe(false);
    expect(isOrderOf([0, 1], 3)).toBe(false);
    expect(isOrderOf([0, 1, 3], 3)).toBe(false);
    expect(isOrderOf([0.5, 1, 2], 3)).toBe(false);
    expect(isOrderOf(undefined, 0)).toBe(false);
  });

  it('puts the correct option first in about 1 of k sessions, not always', () => {
    let first = 0;
    const sessions = 400;
    for (let seed = 1; seed <= sessions; seed += 1) {
      const state = startSession(bank, 'Quiz', { kind: 'mixed' }, ['c4'], seededRandom(seed));
      const shown = state.question!.kind === 'choice' ? state.question!.options.map((option) => plainText(option)) : [];
      expect([...shown].sort()).toEqual(['Option 1', 'Option 2', 'Option 3', 'Option 4']);
      if (shown[0] === 'Option 1') first += 1; // the content's correct option
    }
    expect(first / sessions).toBeGreaterThan(0.17);
    expect(first / sessions).toBeLessThan(0.33);
  });

  it('survives a reload unchanged, and draws a new order when the question’s options changed', () => {
    const saved = JSON.parse(
      JSON.stringify({
        ...startSession(bank, 'Quiz', { kind: 'mixed' }, ['c4'], seededRandom(3)),
        draft: { questionId: 'c4', option: 2 },
      }),
    );
    const restored = restoreSession(saved, bank, () => 0, seededRandom(99))!;
    expect(restored.optionOrder).toEqual(saved.optionOrder);
    expect(restored.question).toEqual(saved.question);
    expect(restored.draft).toEqual({ questionId: 'c4', option: 2 });

    const stale = restoreSession({ ...saved, optionOrder: [0, 1, 2] }, bank, () => 0, seededRandom(99))!;
    expect(isOrderOf(stale.optionOrder, 4)).toBe(true);
    expect(stale.draft).toEqual({ questionId: 'c4' });
  });

  it('restores a session saved before options were shuffled in the order it was shown then', () => {
    const { optionOrder: _order, ...old } = JSON.parse(
      JSON.stringify(startSession(bank, 'Quiz', { kind: 'mixed' }, ['c3'], seededRandom(5))),
    );
    const restored = restoreSession(
      { ...old, draft: { questionId: 'c3', option: 1 } },
      bank,
      () => 0,
      seededRandom(1),
    )!;
    expect(restored.optionOrder).toEqual([0, 1, 2]);
    expect(restored.draft).toEqual({ questionId: 'c3', option: 1 });
  });

  it('gives the Anki deck the same order on every export, with the answer letter matching it', () => {
    expect(stableOrder('c4', 4)).toEqual(stableOrder('c4', 4));
    const orders = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => stableOrder(id, 4).join()));
    expect(orders.size).toBeGreaterThan(1);
    const deck = ankiDeck(bank.items);
    expect(ankiDeck(bank.items)).toBe(deck);
    const row = deck.split('\n').find((line) => line.includes('Question c4'))!;
    const letter = String.fromCharCode(65 + stableOrder('c4', 4).indexOf(0));
    expect(row).toContain(`<b>${letter}.</b> Option 1`);
  });
});
