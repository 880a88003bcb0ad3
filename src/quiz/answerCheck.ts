// Checks choice and numeric answers, and the length of typed ones. Pure: the quiz webview uses
// parseNumber and the length limit too, to reject typos and over-long answers before they are sent.
import type { ChoiceQuestion, NumericQuestion } from '../content/schema';

export function correctOptionIndex(question: ChoiceQuestion): number {
  return question.options.findIndex((option) => option.correct);
}

export function isChoiceCorrect(question: ChoiceQuestion, selected: number): boolean {
  return selected === correctOptionIndex(question);
}

/**
 * Reads a number as a learner types it: `0.8`, `-1.5e-3`, `.5`, a plain fraction such as `1/3`, or digits
 * grouped in threes by commas or spaces (`1,050,624`, `1 050 624`) or by underscores as in Python
 * (`1_050_624`); otherwise undefined.
 */
export function parseNumber(text: string): number | undefined {
  const trimmed = withoutDigitGroups(
    text
      .trim()
      .replace(/^\+/, '')
      .replace(/\u2212/g, '-'),
  );
  const plain = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
  if (plain.test(trimmed)) return Number(trimmed);
  const fraction = /^(-?(?:\d+\.?\d*|\.\d+))\s*\/\s*((?:\d+\.?\d*|\.\d+))$/.exec(trimmed);
  if (fraction) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? undefined : Number(fraction[1]) / denominator;
  }
  return undefined;
}

/** Thousands separators out: `1,050,624` and `1 050 624` (groups of exactly three), `1_050_624` (Python's). */
function withoutDigitGroups(text: string): string {
  const python = /^-?\d+(?:_\d+)+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text) ? text.replace(/_/g, '') : text;
  const grouped = /^-?\d{1,3}(?:([, \u00a0\u202f])\d{3})(?:\1\d{3})*(?:\.\d+)?(?:e[+-]?\d+)?$/i;
  return grouped.test(python) ? python.replace(/[, \u00a0\u202f]/g, '') : python;
}

export type NumericCheck = { valid: false } | { valid: true; value: number; correct: boolean };

/** The number in an answer, which may end with the question's unit (`3 epochs` when the unit is `epoch`). */
export function readNumber(text: string, unit: string | undefined): number | undefined {
  return parseNumber(withoutUnit(text, unit));
}

export function checkNumeric(question: NumericQuestion, text: string): NumericCheck {
  const value = readNumber(text, question.unit);
  if (value === undefined) return { valid: false };
  // A hair of relative slack so that, say, 0.1 + 0.2 typed as 0.3 is not failed on floating-point noise.
  const slack = question.tolerance + 1e-9 * Math.max(1, Math.abs(question.answer));
  return { valid: true, value, correct: Math.abs(value - question.answer) <= slack };
}

function withoutUnit(text: string, unit: string | undefined): string {
  if (!unit) return text;
  const escaped = unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`\\s*${escaped}s?\\s*$`, 'i'), '');
}

/** The longest typed answer the quiz accepts; longer ones are refused with a message, never dropped. */
export const MAX_ANSWER_CHARACTERS = 10_000;

/** Why a typed answer cannot be sent, or undefined when its length is fine. */
export function answerLengthProblem(text: string): string | undefined {
  if (text.length <= MAX_ANSWER_CHARACTERS) return undefined;
  return `Your answer is ${count(text.length)} characters long; the limit is ${count(MAX_ANSWER_CHARACTERS)}. Shorten it, then submit.`;
}

/** The counter under the answer box. */
export function answerLengthNote(length: number): string {
  return `${count(length)} / ${count(MAX_ANSWER_CHARACTERS)} characters`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
