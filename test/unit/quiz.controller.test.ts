// The quiz session behind the webview: the grader loads only for free text, answers are reviewed once,
// failures leave the card untouched, ratings can be overridden, and bad messages are ignored.
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/grader/types';
import { emptyProgress, type Progress } from '../../src/progress/model';
import { MAX_ANSWER_CHARACTERS } from '../../src/quiz/answerCheck';
import { QuestionBank } from '../../src/quiz/questionBank';
import { QuizController, type QuizGrader } from '../../src/quiz/quizController';
import { startSession } from '../../src/quiz/session';
import { seededRandom } from '../../src/random';
import type { QuizHostMessage, QuizViewState } from '../../src/webviews/quiz/messages';
import { choice, concept, free, numeric } from '../support/quizConcepts';

const NOW = new Date(2025, 2, 10, 9, 30);
const bank = new QuestionBank([
  concept({
    id: 'c',
    topic: 'foundations',
    questions: [choice('q-choice', 1), numeric('q-number', 0.5, 0.01), free('q-free')],
  }),
]);
const GOOD: GradeResult = {
  score: 0.8,
  verdict: 'correct',
  hit: ['point of q-free'],
  missed: [],
  feedback: 'Correct.',
};

/** A grader whose answers arrive when the test releases them, counting loads and grades. */
function controlledGrader(kind: 'onnx' | 'lexical' = 'onnx') {
  const pending: { resolve: (grade: GradeResult) => void; reject: (error: Error) => void }[] = [];
  const counts = { loaded: 0, graded: 0 };
  const grader: QuizGrader = {
    loaded: async () => {
      counts.loaded += 1;
      return { kind };
    },
    grade: () => {
      counts.graded += 1;
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
  return { grader, counts, pending };
}

function harness(questionIds: string[], grader: QuizGrader = controlledGrader().grader) {
  let progress: Progress = emptyProgress();
  let saves = 0;
  const posted: QuizHostMessage[] = [];
  const requests: string[] = [];
  const controller = new QuizController({
    questions: () => bank,
    grader,
    progress: () => progress,
    updateProgress: (change) => {
      saves += 1;
      return (progress = change(progress));
    },
    post: (message) => posted.push(message),
    actions: {
      explain: (id) => requests.push(`explain ${id}`),
      visualise: (v, c) => requests.push(`visualise ${v} ${c}`),
      again: (scope, title) => requests.push(`again ${scope.kind} ${title}`),
    },
    logError: () => undefined,
    now: () => NOW,
    random: seededRandom(11),
  });
  controller.open(startSession(bank, 'Quiz', { kind: 'mixed' }, questionIds, seededRandom(11)));
  const lastShown = (): QuizViewState =>
    (posted.filter((m) => m.type === 'show').at(-1) as { state: QuizViewState }).state;
  /** Where the current choice question shows the content's option `index`. */
  const shownAt = (index: number): number => controller.state!.optionOrder!.indexOf(index);
  return { controller, posted, requests, lastShown, shownAt, progress: () => progress, saves: () => saves };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('quiz controller', () => {
  it('shows the session only once the webview is ready', async () => {
    const { controller, posted } = harness(['q-choice']);
    expect(posted).toEqual([]);
    await controller.receive({ type: 'ready' });
    expect(posted).toEqual([{ type: 'show', state: expect.objectContaining({ title: 'Quiz', position: 0 }) }]);
    controller.detach();
    controller.open(startSession(bank, 'Other', { kind: 'due' }, ['q-free']));
    expect(posted).toHaveLength(1);
  });

  it('reviews a choice answer, lets the learner override the rating, then moves on', async () => {
    const { controller, lastShown, progress, shownAt } = harness(['q-choice', 'q-number']);
    await controller.receive({ type: 'ready' });
    await controller.receive({ type: 'next' }); // nothing answered yet: stays
    expect(lastShown().position).toBe(0);
    await controller.receive({
      type: 'answer',
      questionId: 'q-choice',
      answer: { kind: 'choice', option: shownAt(1) },
    });
    expect(lastShown().feedback).toMatchObject({ outcome: 'correct', rating: 'good', suggested: 'good' });
    expect(progress().cards['q-choice']?.lastRating).toBe('good');
    await controller.receive({ type: 'rate', questionId: 'q-choice', rating: 'hard' });
    expect(lastShown().feedback).toMatchObject({ rating: 'hard', suggested: 'good' });
    expect(progress().cards['q-choice']).toMatchObject({ lastRating: 'hard', memory: { reps: 1 } });
    await controller.receive({ type: 'rate', questionId: 'q-number', rating: 'easy' }); // not the question answered
    expect(progress().cards['q-number']).toBeUndefined();
    await controller.receive({ type: 'next' });
    expect(lastShown()).toMatchObject({ position: 1, question: { questionId: 'q-number' } });
    expect(lastShown().feedback).toBeUndefined();
  });

  it('refuses a numeric answer that is not a number without reviewing the card', async () => {
    const { controller, posted, saves } = harness(['q-number']);
    await controller.receive({ type: 'ready' });
    await controller.receive({ type: 'answer', questionId: 'q-number', answer: { kind: 'numeric', text: 'half' } });
    expect(posted.at(-1)).toEqual({ type: 'error', message: 'Enter a number, such as 0.25, 1e-3 or 1/4.' });
    expect(saves()).toBe(0);
    await controller.receive({ type: 'answer', questionId: 'q-number', answer: { kind: 'numeric', text: '0.505' } });
    expect(saves()).toBe(1);
  });

  it('refuses an answer over the length limit with a message saying so, and grades a shorter one', async () => {
    const { grader, counts, pending } = controlledGrader();
    const { controller, posted, saves } = harness(['q-free'], grader);
    await controller.receive({ type: 'ready' });
    await controller.receive({
      type: 'answer',
      questionId: 'q-free',
      answer: { kind: 'free', text: 'x'.repeat(MAX_ANSWER_CHARACTERS + 1) },
    });
    expect(posted.at(-1)).toEqual({
      type: 'error',
      message: 'Your answer is 10,001 characters long; the limit is 10,000. Shorten it, then submit.',
    });
    expect(counts.graded).toBe(0);
    expect(saves()).toBe(0);
    const answered = controller.receive({
      type: 'answer',
      questionId: 'q-free',
      answer: { kind: 'free', text: 'y'.repeat(MAX_ANSWER_CHARACTERS) },
    });
    await flush();
    pending[0]!.resolve(GOOD);
    await answered;
    expect(counts.graded).toBe(1);
    expect(saves()).toBe(1);
  });

  it('loads the grader on the first free-text answer only, and grades a double submission once', async () => {
    const { grader, counts, pending } = controlledGrader();
    const { controller, posted, lastShown, progress } = harness(['q-choice', 'q-free'], grader);
    await controller.receive({ type: 'ready' });
    await controller.receive({ type: 'answer', questionId: 'q-choice', answer: { kind: 'choice', option: 0 } });
    await controller.receive({ type: 'next' });
    expect(counts).toEqual({ loaded: 0, graded: 0 });

    const first = controller.receive({
      type: 'answer',
      questionId: 'q-free',
      answer: { kind: 'free', text: 'my answer' },
    });
    const second = controller.receive({
      type: 'answer',
      questionId: 'q-free',
      answer: { kind: 'free', text: 'my answer' },
    });
    await flush();
    expect(posted.at(-1)).toEqual({ type: 'grading' });
    pending[0]!.resolve(GOOD);
    await Promise.all([first, second]);
    expect(counts.graded).toBe(1);
    expect(progress().cards['q-free']?.memory.reps).toBe(1);
    expect(lastShown().feedback).toMatchObject({
      outcome: 'correct',
      rating: 'good',
      grade: { fallback: false, hit: ['point of q-free'] },
    });
  });

  it('marks fallback grading, and leaves the card alone when grading fails', async () => {
    const { grader, pending } = controlledGrader('lexical');
    const { controller, posted, lastShown, saves } = harness(['q-free'], grader);
    await controller.receive({ type: 'ready' });
    const failing = controller.receive({ type: 'answer', questionId: 'q-free', answer: { kind: 'free', text: 'x' } });
    await flush();
    pending[0]!.reject(new Error('runtime crashed'));
    await failing;
    expect(posted.at(-1)).toEqual({ type: 'error', message: 'The answer could not be graded. Please try again.' });
    expect(saves()).toBe(0);

    const retry = controller.receive({ type: 'answer', questionId: 'q-free', answer: { kind: 'free', text: 'x' } });
    await flush();
    pending[1]!.resolve({ ...GOOD, verdict: 'partial', score: 0.4 });
    await retry;
    expect(lastShown().feedback).toMatchObject({ outcome: 'partial', rating: 'hard', grade: { fallback: true } });
  });

  it('passes links and another round to the editor', async () => {
    const { controller, requests, posted } = harness(['q-choice']);
    await controller.receive({ type: 'ready' });
    await controller.receive({ type: 'explain', conceptId: 'c' });
    await controller.receive({ type: 'visualise', visualisationId: 'dropout', conceptId: 'c' });
    await controller.receive({ type: 'again' });
    expect(requests).toEqual(['explain c', 'visualise dropout c', 'again mixed Quiz']);
    expect(posted).toHaveLength(1);
  });
});
