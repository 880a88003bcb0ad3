// Checking choice and numeric answers.
import { describe, expect, it } from 'vitest';
import type { ChoiceQuestion, NumericQuestion } from '../../src/content/schema';
import { checkNumeric, correctOptionIndex, isChoiceCorrect, parseNumber, readNumber } from '../../src/quiz/answerCheck';
import { choice, concept, numeric } from '../support/quizConcepts';

const questions = concept({
  id: 'answers',
  topic: 'foundations',
  questions: [
    choice('pick-second', 1, 4),
    numeric('keep', 0.8, 0.001),
    numeric('exact', 3, 0),
    numeric('third', 1 / 3, 0.0001),
    numeric('patience', 5, 0, 'epoch'),
  ],
}).questions;
const pick = questions[0] as ChoiceQuestion;
const [keep, exact, third, patience] = questions.slice(1) as NumericQuestion[];

describe('choice answers', () => {
  it('accepts only the option marked correct', () => {
    expect(correctOptionIndex(pick)).toBe(1);
    expect(isChoiceCorrect(pick, 1)).toBe(true);
    for (const wrong of [0, 2, 3, 4, -1]) expect(isChoiceCorrect(pick, wrong)).toBe(false);
  });
});

describe('numeric answers', () => {
  it('accepts answers within the absolute tolerance, inclusive', () => {
    expect(checkNumeric(keep!, '0.8')).toEqual({ valid: true, value: 0.8, correct: true });
    expect(checkNumeric(keep!, '0.801')).toMatchObject({ correct: true });
    expect(checkNumeric(keep!, '0.799')).toMatchObject({ correct: true });
    expect(checkNumeric(keep!, '0.8011')).toMatchObject({ correct: false });
    expect(checkNumeric(keep!, '0.2')).toMatchObject({ correct: false });
  });

  it('with zero tolerance, accepts the exact value written any way, despite floating-point noise', () => {
    expect(checkNumeric(exact!, '3')).toMatchObject({ correct: true });
    expect(checkNumeric(exact!, '3.0')).toMatchObject({ correct: true });
    expect(checkNumeric(exact!, '6/2')).toMatchObject({ correct: true });
    expect(checkNumeric(exact!, '3.01')).toMatchObject({ correct: false });
    expect(checkNumeric(keep!, String(0.1 + 0.7))).toMatchObject({ correct: true });
  });

  it('reads fractions, exponents and a trailing unit', () => {
    expect(checkNumeric(third!, '1/3')).toMatchObject({ correct: true });
    expect(checkNumeric(third!, '0.3333')).toMatchObject({ correct: true });
    expect(checkNumeric(third!, '0.33')).toMatchObject({ correct: false });
    expect(checkNumeric(patience!, '5 epochs')).toMatchObject({ correct: true });
    expect(checkNumeric(patience!, '5 Epoch')).toMatchObject({ correct: true });
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber(' -.5 ')).toBe(-0.5);
    expect(parseNumber('+2')).toBe(2);
    expect(parseNumber('\u22122')).toBe(-2);
  });

  it('reads digits grouped by commas, spaces or underscores, as the feedback prints them', () => {
    for (const text of ['1,050,624', '1_050_624', '1 050 624', '1050624', '1,050,624.0', '1\u00a0050\u00a0624'])
      expect(parseNumber(text), text).toBe(1_050_624);
    expect(parseNumber('-12,345.5')).toBe(-12_345.5);
    expect(parseNumber('1_0.5')).toBe(10.5);
    // Groups must be three digits and one kind of separator, so typos are not read as some other number.
    for (const text of ['1,05,0624', '1,050 624', '10,50', '1,5', ',050', '1__0'])
      expect(parseNumber(text), text).toBeUndefined();
  });

  it('rejects text that is not a number instead of marking it wrong', () => {
    for (const text of ['', 'abc', '0.8.1', '1/0', '1/', '1 2', 'Infinity', 'NaN', '0x10', '5 layers']) {
      expect(readNumber(text, 'epoch'), text).toBeUndefined();
    }
    expect(checkNumeric(keep!, 'eighty percent')).toEqual({ valid: false });
  });
});
