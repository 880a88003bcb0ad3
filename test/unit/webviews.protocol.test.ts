// Every webview's protocol: what the host and the webviews really send fits it, and malformed or hostile
// messages and saved states are refused with a short reason, whichever side receives them.
import { describe, expect, it } from 'vitest';
import { emptyProgress } from '../../src/progress/model';
import { QuestionBank } from '../../src/quiz/questionBank';
import { startSession } from '../../src/quiz/session';
import { seededRandom } from '../../src/random';
import { studySnapshot } from '../../src/sidebar/studySnapshot';
import { explainProtocol } from '../../src/webviews/explain/messages';
import { modelSummaryProtocol } from '../../src/webviews/modelSummary/messages';
import { parseWith, type WebviewProtocol } from '../../src/webviews/protocol';
import { quizProtocol } from '../../src/webviews/quiz/messages';
import { studyProtocol } from '../../src/webviews/study/messages';
import { visualiseProtocol } from '../../src/webviews/visualise/messages';
import { choice, concept, free, HOSTILE, HOSTILE_CONCEPT, numeric } from '../support/quizConcepts';

const CONCEPTS = [
  concept({ id: 'dropout', topic: 'regularisation', questions: [choice('q-choice'), numeric('q-number', 0.5, 0.01)] }),
  concept({ id: 'attention', topic: 'attention', questions: [free('q-free')] }),
  HOSTILE_CONCEPT,
];
const BANK = new QuestionBank(CONCEPTS);
const QUIZ_STATE = startSession(
  BANK,
  `Quiz ${HOSTILE.script}`,
  { kind: 'mixed' },
  ['q-choice', 'q-free'],
  seededRandom(3),
);
const SNAPSHOT = studySnapshot(CONCEPTS, BANK.items, emptyProgress(), new Date(2026, 0, 5));

type Direction = 'toWebview' | 'toHost' | 'state';

interface Case {
  protocol: WebviewProtocol<unknown, unknown, unknown>;
  valid: Partial<Record<Direction, unknown[]>>;
  invalid: Partial<Record<Direction, unknown[]>>;
}

const LONG_ID = 'x'.repeat(201);

const CASES: Case[] = [
  {
    protocol: explainProtocol,
    valid: {
      toHost: [
        { type: 'openConcept', conceptId: 'dropout' },
        { type: 'back' },
        { type: 'quiz', conceptId: 'dropout' },
        { type: 'visualise', visualisationId: 'dropout', conceptId: 'dropout' },
      ],
      state: [{ conceptId: 'dropout' }, { conceptId: 'dropout', history: ['attention'] }],
    },
    invalid: {
      toHost: [
        { type: 'openConcept' },
        { type: 'openConcept', conceptId: 7 },
        { type: 'openConcept', conceptId: '' },
        { type: 'openConcept', conceptId: LONG_ID },
        { type: 'quiz', conceptId: 'dropout', command: 'workbench.action.terminal.new' },
        { type: 'visualise', visualisationId: 'dropout' },
      ],
      state: [{ history: ['dropout'] }, { conceptId: 'dropout', history: 'dropout' }, { conceptId: ['dropout'] }],
      // The host renders every page itself: nothing it could post is valid.
      toWebview: [{ type: 'show' }, {}],
    },
  },
  {
    protocol: visualiseProtocol,
    valid: {
      toHost: [{ type: 'explain', conceptId: 'dropout' }],
      state: [
        { visualisationId: 'dropout' },
        { visualisationId: 'attention', conceptId: 'attention', settings: { p: '0.5' } },
      ],
    },
    invalid: {
      toHost: [
        { type: 'explain' },
        { type: 'explain', conceptId: null },
        { type: 'explain', conceptId: 'a', extra: 1 },
      ],
      state: [
        { conceptId: 'dropout' },
        { visualisationId: 'no-such-visualisation' },
        { visualisationId: 'dropout', settings: { p: 0.5 } },
      ],
      toWebview: [{ type: 'explain', conceptId: 'dropout' }],
    },
  },
  {
    protocol: modelSummaryProtocol,
    valid: {
      toHost: [
        { type: 'reveal', line: 0 },
        { type: 'select', line: 42 },
      ],
      state: [{ uri: 'file:///work/model.py', line: 3 }],
    },
    invalid: {
      toHost: [
        { type: 'reveal', line: -1 },
        { type: 'reveal', line: 1.5 },
        { type: 'reveal', line: '3' },
        { type: 'select', line: Number.NaN },
        { type: 'select', line: Number.POSITIVE_INFINITY },
        { type: 'run', line: 3 },
      ],
      state: [
        { uri: 3, line: 2 },
        { uri: '', line: 0 },
        { uri: 'file:///a.py', line: -2 },
      ],
      toWebview: [{ type: 'reveal', line: 0 }],
    },
  },
  {
    protocol: quizProtocol,
    valid: {
      toHost: [
        { type: 'ready' },
        { type: 'answer', questionId: 'q-choice', answer: { kind: 'choice', option: 0 } },
        { type: 'answer', questionId: 'q-free', answer: { kind: 'free', text: HOSTILE.script } },
        { type: 'rate', questionId: 'q-choice', rating: 'hard' },
        { type: 'next' },
        { type: 'again' },
        { type: 'explain', conceptId: 'dropout' },
        { type: 'visualise', visualisationId: 'dropout', conceptId: 'dropout' },
      ],
      toWebview: [{ type: 'show', state: QUIZ_STATE }, { type: 'grading' }, { type: 'error', message: 'Try again.' }],
      state: [QUIZ_STATE, { ...QUIZ_STATE, draft: { questionId: 'q-choice', option: 1 } }],
    },
    invalid: {
      toHost: [
        { type: 'answer', questionId: 'q-choice', answer: { kind: 'choice', option: -1 } },
        { type: 'answer', questionId: 'q-choice', answer: { kind: 'choice', text: '1' } },
        { type: 'answer', questionId: 'q-free', answer: { kind: 'essay', text: 'x' } },
        { type: 'rate', questionId: 'q-choice', rating: 'perfect' },
        { type: 'eval', code: 'process.exit(1)' },
        { type: 'next', questionId: 'q-choice' },
      ],
      toWebview: [
        { type: 'show' },
        { type: 'show', state: { ...QUIZ_STATE, position: -1 } },
        { type: 'show', state: { ...QUIZ_STATE, questionIds: 'q-choice' } },
        { type: 'error', message: 42 },
      ],
      state: [{ ...QUIZ_STATE, scope: { kind: 'everything' } }, { title: 'Quiz' }],
    },
  },
  {
    protocol: studyProtocol,
    valid: {
      toHost: [
        { type: 'ready' },
        { type: 'quiz' },
        { type: 'reviewDue' },
        { type: 'quizFile' },
        { type: 'quizTopic', topic: 'regularisation' },
        { type: 'explain', conceptId: 'dropout' },
        { type: 'visualise', visualisationId: 'dropout' },
      ],
      toWebview: [
        { type: 'snapshot', snapshot: SNAPSHOT },
        { type: 'unavailable', message: 'no knowledge base' },
      ],
      state: [{ query: 'nn.Dropout' }, { query: '' }],
    },
    invalid: {
      toHost: [{ type: 'quizTopic' }, { type: 'explain', conceptId: {} }, { type: 'visualise' }],
      toWebview: [
        { type: 'snapshot' },
        { type: 'snapshot', snapshot: { ...SNAPSHOT, due: -1 } },
        { type: 'snapshot', snapshot: { ...SNAPSHOT, concepts: [{ id: 'x', title: 'X' }] } },
        { type: 'snapshot', snapshot: { ...SNAPSHOT, topics: [{ ...SNAPSHOT.topics[0], accuracy: 7 }] } },
        { type: 'unavailable' },
      ],
      state: [{ query: 3 }, {}],
    },
  },
];

/** Not messages at all, or messages built to abuse the receiver: refused by every schema of every protocol. */
const HOSTILE_VALUES: unknown[] = [
  undefined,
  null,
  0,
  'ready',
  true,
  [],
  [{ type: 'ready' }],
  {},
  { type: '__proto__' },
  { type: 'constructor' },
  { type: { toString: () => 'ready' } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

describe('webview protocols', () => {
  for (const { protocol, valid, invalid } of CASES) {
    describe(protocol.name, () => {
      for (const direction of ['toWebview', 'toHost', 'state'] as const) {
        for (const [index, value] of (valid[direction] ?? []).entries())
          it(`${direction}: accepts valid value ${index}, unchanged`, () => {
            const parsed = parseWith(protocol[direction], value);
            expect(parsed).toEqual({ ok: true, value: JSON.parse(JSON.stringify(value)) });
          });
        for (const [index, value] of [...(invalid[direction] ?? []), ...HOSTILE_VALUES].entries())
          it(`${direction}: refuses malformed value ${index}`, () => {
            const parsed = parseWith(protocol[direction], value);
            expect(parsed.ok).toBe(false);
            if (!parsed.ok) expect(parsed.problem.length).toBeGreaterThan(0);
          });
      }
    });
  }

  it('leave the prototype alone and say what was wrong in a bounded line', () => {
    const parsed = parseWith(quizProtocol.toHost, {
      type: 'answer',
      questionId: 'q-free',
      answer: { kind: 'free', text: 7 },
    });
    expect(parsed).toEqual({ ok: false, problem: expect.stringContaining('answer.text') as unknown });
    const huge = parseWith(studyProtocol.toWebview, { type: 'x'.repeat(100_000) });
    expect(!huge.ok && huge.problem.length).toBeLessThanOrEqual(161);
    for (const { protocol } of CASES) parseWith(protocol.toHost, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keep a hostile answer text as plain data (the controller limits its length, not the schema)', () => {
    const text = `${HOSTILE.image}${'long '.repeat(5000)}`;
    const parsed = parseWith(quizProtocol.toHost, {
      type: 'answer',
      questionId: 'q-free',
      answer: { kind: 'free', text },
    });
    expect(parsed.ok && parsed.value).toEqual({ type: 'answer', questionId: 'q-free', answer: { kind: 'free', text } });
  });
});
