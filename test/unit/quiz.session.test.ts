// Judging answers into feedback, the steps of a session, restoring it after a reload, and the Anki deck.
import { describe, expect, it } from 'vitest';
import type { ChoiceQuestion, FreeTextQuestion, NumericQuestion } from '../../src/content/schema';
import { gradableQuestion } from '../../src/grader/contentQuestions';
import { buildFeedback } from '../../src/grader/feedback';
import { FALLBACK_NOTICE, LexicalGrader } from '../../src/grader/lexicalGrader';
import { ankiDeck } from '../../src/quiz/ankiDeck';
import { assessChoice, assessFree, assessNumeric } from '../../src/quiz/assess';
import { QuestionBank } from '../../src/quiz/questionBank';
import { ratingFor } from '../../src/quiz/rating';
import { plainText, richText } from '../../src/quiz/richText';
import {
  advance,
  describeNextReview,
  isUnfinished,
  restoreSession,
  startSession,
  withFeedback,
  withRating,
} from '../../src/quiz/session';
import { choice, concept, free, HOSTILE, HOSTILE_CONCEPT, numeric } from '../support/quizConcepts';

const PLAIN = concept({
  id: 'plain',
  topic: 'foundations',
  questions: [choice('p1', 2), numeric('p2', 0.25, 0.01, 'epoch'), free('p3')],
});
const bank = new QuestionBank([HOSTILE_CONCEPT, PLAIN]);
const item = (id: string) => bank.get(id)!;
const hostileChoice = item('hostile-choice');
const hostileFree = item('hostile-free');

describe('assessing answers', () => {
  it('explains every option of a choice question, marking the right one and the chosen one', () => {
    const wrong = assessChoice(hostileChoice, hostileChoice.question as ChoiceQuestion, 1, [0, 1, 2])!;
    expect(wrong.outcome).toEqual({ kind: 'choice', correct: false });
    expect(ratingFor(wrong.outcome)).toBe('again');
    expect(wrong.feedback.outcome).toBe('incorrect');
    expect(wrong.feedback.choices!.map((c) => [c.correct, c.chosen])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
    // Markdown is reduced to text: links are refused (their source stays literal) and raw HTML stays text.
    expect(plainText(wrong.feedback.choices![1]!.text)).toBe(`Wrong ${HOSTILE.link}`);
    expect(plainText(wrong.feedback.choices![0]!.why)).toBe(`Why right ${HOSTILE.script}`);
    expect(plainText(wrong.feedback.explanation![0]!.spans)).toBe(`Explained ${HOSTILE.image}`);
    expect(assessChoice(hostileChoice, hostileChoice.question as ChoiceQuestion, 7, [0, 1, 2])).toBeUndefined();
  });

  it('judges the position picked through the order the options were shown in', () => {
    const question = hostileChoice.question as ChoiceQuestion;
    // Shown as [content 2, content 0, content 1]: position 1 is the correct option, position 0 is not.
    const right = assessChoice(hostileChoice, question, 1, [2, 0, 1])!;
    expect(right.outcome).toEqual({ kind: 'choice', correct: true });
    expect(right.feedback.answer).toBe(`2. ${question.options[0]!.text}`);
    expect(right.feedback.choices!.map((c) => [c.correct, c.chosen])).toEqual([
      [false, false],
      [true, true],
      [false, false],
    ]);
    expect(plainText(right.feedback.choices![1]!.why)).toBe(`Why right ${HOSTILE.script}`);
    expect(assessChoice(hostileChoice, question, 0, [2, 0, 1])!.outcome).toEqual({ kind: 'choice', correct: false });
  });

  it('accepts a numeric answer within tolerance, with its unit, and refuses text that is not a number', () => {
    const question = item('p2').question as NumericQuestion;
    expect(assessNumeric(item('p2'), question, '0.255 epochs')).toMatchObject({
      outcome: { correct: true },
      feedback: { expected: '0.25 (± 0.01) epoch' },
    });
    expect(assessNumeric(item('p2'), question, '0.3')?.outcome).toEqual({ kind: 'numeric', correct: false });
    expect(assessNumeric(item('p2'), question, 'a quarter')).toBeUndefined();
  });

  it('turns the grader’s result into feedback, with the misconception’s correction from the content', () => {
    const grade = {
      score: 0.3,
      verdict: 'partial' as const,
      hit: ['second key point'],
      missed: [`key ${HOSTILE.image}`],
      misconception: { id: 'hostile-claim', text: 'grader text' },
      feedback: 'Nearly.',
    };
    const assessment = assessFree(hostileFree, hostileFree.question as FreeTextQuestion, '  my answer  ', grade, false);
    expect(ratingFor(assessment.outcome)).toBe('hard');
    expect(assessment.feedback).toMatchObject({
      outcome: 'partial',
      answer: 'my answer',
      grade: {
        score: 0.3,
        hit: ['second key point'],
        missed: [`key ${HOSTILE.image}`],
        misconception: { claim: `Claim ${HOSTILE.image}`, correction: `Correction ${HOSTILE.link}` },
        feedback: 'Nearly.',
        fallback: false,
      },
    });
    expect(plainText(assessment.feedback.modelAnswer![0]!.spans)).toBe(`Reference ${HOSTILE.script}`);
  });

  it('shows the misconception once: in its own box, not again inside the grader’s feedback', () => {
    const question = hostileFree.question as FreeTextQuestion;
    const gradable = gradableQuestion(hostileFree.concept, question);
    const misconception = gradable.misconceptions.find((m) => m.id === 'hostile-claim')!;
    const result = {
      score: 0.2,
      verdict: 'incorrect' as const,
      hit: [],
      missed: ['a point'],
      misconception: { id: 'hostile-claim', text: misconception.claim },
    };
    const feedback = buildFeedback(gradable, result, 'an answer', undefined);
    expect(feedback).toContain(misconception.claim);
    const shown = assessFree(hostileFree, question, 'an answer', { ...result, feedback }, false).feedback.grade!;
    expect(shown.misconception!.claim).toBe(`Claim ${HOSTILE.image}`);
    expect(shown.feedback).not.toContain(misconception.claim);
    expect(shown.feedback).not.toContain('In fact');
    expect(shown.feedback).toBe('Not quite. Missing: a point.');
  });

  it('ends with the questions to revisit: those not answered correctly, with their concept and visualisation', () => {
    const started = startSession(bank, 'Quiz', { kind: 'mixed' }, ['p1', 'hostile-choice', 'p2']);
    const answered = {
      ...started,
      position: 2,
      results: [
        { questionId: 'p1', outcome: 'incorrect' as const, rating: 'again' as const },
        { questionId: 'hostile-choice', outcome: 'correct' as const, rating: 'good' as const },
        { questionId: 'p2', outcome: 'partial' as const, rating: 'hard' as const },
      ],
    };
    const end = advance(answered, bank, () => 0);
    expect(end.question).toBeUndefined();
    expect(end.review!.map((entry) => [entry.questionId, entry.outcome, entry.conceptId])).toEqual([
      ['p1', 'incorrect', 'plain'],
      ['p2', 'partial', 'plain'],
    ]);
    expect(plainText(end.review![0]!.prompt[0]!.spans)).toBe(plainText(richText(item('p1').question.prompt)[0]!.spans));
    expect(isUnfinished(answered)).toBe(true);
    expect(isUnfinished(end)).toBe(false);
    expect(isUnfinished(started)).toBe(false);
  });

  it('labels fallback grading once, in the panel, not again in the grader’s words', async () => {
    const question = hostileFree.question as FreeTextQuestion;
    const grade = await new LexicalGrader().grade(
      gradableQuestion(hostileFree.concept, question),
      'The reference answer, more or less.',
    );
    expect(grade.feedback).toContain(FALLBACK_NOTICE);
    const feedback = assessFree(hostileFree, question, 'The reference answer, more or less.', grade, true).feedback;
    expect(feedback.grade!.fallback).toBe(true);
    expect(feedback.grade!.feedback).not.toContain(FALLBACK_NOTICE);
    expect(feedback.grade!.feedback.length).toBeGreaterThan(0);
  });
});

describe('quiz session', () => {
  const ids = ['hostile-choice', 'p2', 'p3'];

  it('walks question by question to a summary, keeping each result and its rating', () => {
    let state = startSession(bank, 'Quiz', { kind: 'mixed' }, ids);
    expect(state.question).toMatchObject({ questionId: 'hostile-choice', kind: 'choice' });
    const assessment = assessChoice(
      hostileChoice,
      hostileChoice.question as ChoiceQuestion,
      state.optionOrder!.indexOf(0),
      state.optionOrder!,
    )!;
    state = withFeedback(state, hostileChoice, assessment.feedback, 'good', 'in 3 days');
    // The concept has a visualisation, so the feedback links to it.
    expect(state.feedback).toMatchObject({
      rating: 'good',
      suggested: 'good',
      nextReview: 'in 3 days',
      visualisation: { id: 'dropout' },
    });
    state = withRating(state, 'easy', 'in 9 days');
    expect(state.feedback).toMatchObject({ rating: 'easy', suggested: 'good', nextReview: 'in 9 days' });
    expect(state.results).toEqual([{ questionId: 'hostile-choice', outcome: 'correct', rating: 'easy' }]);

    state = advance(state, bank, () => 4);
    expect(state.feedback).toBeUndefined();
    expect(state.question).toMatchObject({ questionId: 'p2', kind: 'numeric', unit: 'epoch' });
    state = advance(
      advance(state, bank, () => 4),
      bank,
      () => 4,
    );
    expect(state.question).toBeUndefined();
    expect(state.position).toBe(3);
    expect(state.dueLeft).toBe(4);
  });

  it('restores a reloaded session with current content, skipping questions that were removed', () => {
    const saved = JSON.parse(
      JSON.stringify({
        ...startSession(bank, 'Quiz', { kind: 'due' }, ['gone', 'p3']),
        draft: { questionId: 'p3', text: 'half an answer' },
      }),
    );
    expect(saved.question).toMatchObject({ questionId: 'p3' });
    const restored = restoreSession({ ...saved, position: 0 }, bank, () => 0)!;
    expect(restored.question).toMatchObject({ questionId: 'p3', kind: 'free' });
    expect(restored.position).toBe(1);
    const withDraft = restoreSession(saved, bank, () => 0)!;
    expect(withDraft.draft).toEqual({ questionId: 'p3', text: 'half an answer' });
  });

  it('refuses a saved state that is not a quiz session', () => {
    expect(restoreSession(undefined, bank, () => 0)).toBeUndefined();
    expect(restoreSession({ title: 'x', questionIds: 'p1' }, bank, () => 0)).toBeUndefined();
  });

  it('says when a card comes back in words', () => {
    const now = new Date(2025, 2, 10, 9, 30);
    expect(describeNextReview(new Date(2025, 2, 10, 18).toISOString(), now)).toBe('later today');
    expect(describeNextReview(new Date(2025, 2, 11, 8).toISOString(), now)).toBe('tomorrow');
    expect(describeNextReview(new Date(2025, 2, 14, 8).toISOString(), now)).toBe('in 4 days');
  });
});

describe('Anki deck', () => {
  const deck = ankiDeck(bank.items);
  const lines = deck.trimEnd().split('\n');
  const rows = lines.filter((line) => !line.startsWith('#')).map((line) => line.split('\t'));

  it('has Anki’s header lines and one row of front, back and tags per question', () => {
    expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:true', '#tags column:3']);
    expect(rows).toHaveLength(bank.items.length);
    for (const row of rows) expect(row).toHaveLength(3);
    expect(rows[0]![2]).toBe('dl-tutor foundations hostile-concept');
  });

  it('escapes every content string, so hostile markup is shown as text in Anki', () => {
    expect(deck).not.toMatch(/<script|<img|<a\b|href/i);
    const [front, back] = rows[0]!;
    expect(front).toContain(
      'Pick &#60;script&#62;window.__pwned = &#34;script&#34;&#60;/script&#62; and <code>code</code> and [click me](javascript:window.__pwned=&#34;link&#34;)</p>',
    );
    expect(front).toContain('<ol type="A"><li>Right &#60;img src=x onerror=');
    expect(back).toContain('<p><b>A.</b> Right &#60;img');
  });

  it('keeps tabs and line breaks inside a field from breaking the row', () => {
    const multiline = concept({
      id: 'multiline',
      topic: 'foundations',
      questions: [
        { ...free('m1'), prompt: 'First\tline\n\n```\ncode\tblock\nline two\n```', reference: 'One.\n\nTwo.' },
      ],
    });
    const output = ankiDeck(new QuestionBank([multiline]).items)
      .trimEnd()
      .split('\n');
    expect(output).toHaveLength(4);
    const [front, back] = output[3]!.split('\t');
    expect(front).toContain('<pre><code>code block<br>line two</code></pre>');
    expect(back).toContain('<p>One.</p><p>Two.</p>');
  });

  it('gives numeric answers with their tolerance and unit', () => {
    const row = rows.find((r) => r[2]!.endsWith('plain') && r[0]!.includes('How many'))!;
    expect(row[0]).toContain('<p>(in epoch)</p>');
    expect(row[1]).toContain('<p><b>0.25</b> (± 0.01) epoch</p>');
  });
});
