// Integrity of the blind learner-answer evaluation set: it must stay well formed and tied to the real
// free-text questions, or the figures measured on it stop meaning anything.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readContentDirectory } from '../../src/content/contentDirectory';
import type { FreeTextQuestion } from '../../src/content/schema';
import { validateContent } from '../../src/content/validation';

const SET_PATH = 'test/fixtures/grader/learner-answers-blind.json';
const GRADES = ['correct', 'partial', 'incorrect'];
const QUESTION_COUNT = 36;
const ANSWERS_PER_QUESTION = 6;
/** Questions the set was asked to leave out, because another set already covers them. */
const EXCLUDED_QUESTIONS = ['dropout-why-eval', 'activation-functions-why-nonlinear'];

interface Row {
  question: string;
  grade: string;
  answer: string;
}

const rows = JSON.parse(readFileSync(SET_PATH, 'utf8')) as unknown;
const freeQuestions = new Map<string, FreeTextQuestion>(
  validateContent(readContentDirectory('content'))
    .concepts.flatMap((concept) => concept.questions)
    .flatMap((question) => (question.type === 'free' ? [[question.id, question] as const] : [])),
);

/** Case and spacing do not make an answer new. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A non-array file yields no entries here; the first test reports it. */
const entries = (Array.isArray(rows) ? rows : []) as Row[];

describe(SET_PATH, () => {
  it('is an array of {question, grade, answer} objects of strings', () => {
    expect(Array.isArray(rows)).toBe(true);
    for (const row of entries) {
      expect(Object.keys(row).sort()).toEqual(['answer', 'grade', 'question']);
      expect(typeof row.question).toBe('string');
      expect(typeof row.answer).toBe('string');
    }
  });

  it('uses only the allowed grades, each of them', () => {
    const used = new Set(entries.map((row) => row.grade));
    expect([...used].sort()).toEqual([...GRADES].sort());
  });

  it('refers only to free-text questions of the content, none of the excluded ones', () => {
    const unknown = entries.filter((row) => !freeQuestions.has(row.question));
    expect(unknown.map((row) => row.question)).toEqual([]);
    expect(entries.filter((row) => EXCLUDED_QUESTIONS.includes(row.question))).toEqual([]);
  });

  it(`has ${QUESTION_COUNT} distinct questions with ${ANSWERS_PER_QUESTION} answers each`, () => {
    const perQuestion = new Map<string, number>();
    for (const row of entries) perQuestion.set(row.question, (perQuestion.get(row.question) ?? 0) + 1);
    expect(perQuestion.size).toBe(QUESTION_COUNT);
    for (const [question, count] of perQuestion)
      expect({ question, count }).toEqual({ question, count: ANSWERS_PER_QUESTION });
  });

  it("never repeats a question's reference, key points or sample answers", () => {
    const copied = entries.filter((row) => {
      const question = freeQuestions.get(row.question);
      if (!question) return false;
      const known = [question.reference, ...question.keyPoints, ...question.samples.map((sample) => sample.answer)];
      return known.some((text) => normalise(text) === normalise(row.answer));
    });
    expect(copied).toEqual([]);
  });

  it('has no duplicate answers and no empty ones', () => {
    const answers = entries.map((row) => normalise(row.answer));
    expect(answers.filter((answer) => answer.length === 0)).toEqual([]);
    expect(answers.filter((answer, index) => answers.indexOf(answer) !== index)).toEqual([]);
  });
});
