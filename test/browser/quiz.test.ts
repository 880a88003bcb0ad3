// The quiz webview in real Chromium, driven by the real QuizController as its host: keyboard-only answers
// to choice, numeric and free-text questions, the grader's feedback (model and labelled fallback), rating
// overrides, a reload mid-question, and hostile content rendered as inert text. Screenshots are saved.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lazyGrader } from '../../src/grader/loadGrader';
import { emptyProgress, type Progress } from '../../src/progress/model';
import { QuestionBank } from '../../src/quiz/questionBank';
import { QuizController, type QuizGrader } from '../../src/quiz/quizController';
import { startSession } from '../../src/quiz/session';
import { seededRandom, type Random } from '../../src/random';
import { parseWith } from '../../src/webviews/protocol';
import { quizProtocol, type QuizHostMessage } from '../../src/webviews/quiz/messages';
import { choice, concept, HOSTILE, HOSTILE_CONCEPT } from '../support/quizConcepts';
import { browserSuite } from './browserSuite';
import { focused, tabTo, text } from './pageKeys';
import { VSCODE_API_DOUBLE } from './webviewPage';

const SCREENSHOTS = 'test-output/browser';
const suite = browserSuite('quiz', SCREENSHOTS);

const PLAIN = concept({ id: 'plain-concept', topic: 'foundations', questions: [choice('plain-choice', 1, 4)] });
/** Free-text questions in sentences the word-overlap fallback can judge, still carrying hostile strings. */
const dropoutQuestion = (id: string): Record<string, unknown> => ({
  id,
  type: 'free',
  prompt: `What does dropout do at evaluation time? ${HOSTILE.script}`,
  reference:
    'At evaluation dropout does nothing: every unit is kept, and inverted dropout already scaled the activations during training.',
  keyPoints: ['every unit is kept at evaluation', `activations were scaled during training ${HOSTILE.image}`],
  misconceptions: ['always-on'],
});
const DROPOUT = concept({
  id: 'test-dropout',
  topic: 'regularisation',
  misconceptions: [
    {
      id: 'always-on',
      claim: 'Dropout keeps dropping units when the model makes predictions at test time.',
      correction: `At evaluation dropout is switched off ${HOSTILE.link}`,
    },
  ],
  questions: [dropoutQuestion('dropout-misconception'), dropoutQuestion('dropout-partial')],
});
const bank = new QuestionBank([HOSTILE_CONCEPT, PLAIN, DROPOUT]);
const HOSTILE_SESSION = ['hostile-choice', 'hostile-numeric', 'hostile-free'];

interface QuizHarness {
  page: Page;
  controller: QuizController;
  /** What the webview asked the editor to do (explain, visualise, another round). */
  requests: string[];
  progress(): Progress;
  /** How often the grader was asked to grade. */
  grades(): number;
}

/** Every option stays where the content put it, so the keys a test presses are known in advance. */
const CONTENT_ORDER: Random = () => 0.999_999;

/** Opens the quiz page with a QuizController as its host, as the panel does in VS Code. */
async function openQuiz(
  questionIds: readonly string[],
  grader: QuizGrader,
  name: string,
  random: Random = CONTENT_ORDER,
): Promise<QuizHarness> {
  const page = await suite.newPage(name, { viewport: { width: 900, height: 900 }, reducedMotion: 'reduce' });
  let progress = emptyProgress();
  let grades = 0;
  const requests: string[] = [];
  const counting: QuizGrader = {
    loaded: () => grader.loaded(),
    grade: (question, answer) => {
      grades += 1;
      return grader.grade(question, answer);
    },
  };
  const controller = new QuizController({
    questions: () => bank,
    grader: counting,
    progress: () => progress,
    updateProgress: (change) => (progress = { ...change(progress), revision: progress.revision + 1 }),
    post: (message: QuizHostMessage) =>
      void page.evaluate((m) => window.postMessage(m, '*'), message).catch(() => undefined),
    actions: {
      explain: (conceptId) => requests.push(`explain ${conceptId}`),
      visualise: (visualisationId, conceptId) => requests.push(`visualise ${visualisationId} ${conceptId}`),
      again: (scope) => requests.push(`again ${scope.kind}`),
    },
    logError: (message) => suite.problems.push(`${name}: ${message}`),
    random,
  });
  controller.open(startSession(bank, `Quiz ${HOSTILE.script}`, { kind: 'mixed' }, questionIds, random));
  // As the panel host does: only messages that fit the protocol reach the controller, and the webview sends none other.
  await page.exposeFunction('__toHost', (raw: unknown) => {
    const message = parseWith(quizProtocol.toHost, raw);
    if (message.ok) return controller.receive(message.value);
    suite.problems.push(`${name}: the webview sent an invalid message (${message.problem})`);
    return undefined;
  });
  await page.addInitScript(VSCODE_API_DOUBLE);
  await page.goto(`${suite.origin()}/quiz`);
  await page.waitForSelector('main.quiz[data-state="question"]', { timeout: 5000 });
  return { page, controller, requests, progress: () => progress, grades: () => grades };
}

const checkedOption = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="option"]:checked')?.value ?? null);

/** Nothing hostile ran or became markup: no injected elements, handlers, links or scripts. */
async function expectInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned,
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img').length,
    links: document.querySelectorAll('a[href]').length,
    handlers: Array.from(document.querySelectorAll('*')).filter((element) =>
      Array.from(element.attributes).some((a) => a.name.startsWith('on')),
    ).length,
  }));
  expect(found).toEqual({ pwned: undefined, scripts: 1, images: 0, links: 0, handlers: 0 });
}

describe.skipIf(!suite.available)('quiz panel in Chromium', () => {
  it('takes a whole session from the keyboard alone, with hostile content shown as text', async () => {
    const { page, requests, progress, grades } = await openQuiz(
      HOSTILE_SESSION,
      lazyGrader('models', () => undefined),
      'keyboard',
    );

    // Choice: focus starts on the first option; number keys pick, arrows move, Enter submits.
    expect(await focused(page)).toBe('option-0');
    expect(await text(page, '#quiz-title')).toBe(`Quiz ${HOSTILE.script}`);
    expect(await text(page, '#question-prompt')).toBe(`Pick ${HOSTILE.script} and code and ${HOSTILE.link}`);
    await page.keyboard.press('3');
    expect(await checkedOption(page)).toBe('2');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await checkedOption(page)).toBe('0');
    await expectInert(page);
    await page.screenshot({ path: `${SCREENSHOTS}/quiz-choice.png`, fullPage: true });
    await page.keyboard.press('Enter');

    await page.waitForSelector('main.quiz[data-state="feedback"]');
    expect(await focused(page)).toBe('feedback');
    expect(await text(page, '#feedback-heading')).toBe('Correct');
    expect(await text(page, '.choices li.correct.chosen')).toBe(
      `Correct answer, Your choice: Right ${HOSTILE.image} — Why right ${HOSTILE.script}`,
    );
    expect(await text(page, '.feedback .explanation')).toBe(`Explained ${HOSTILE.image}`);
    expect(await page.getAttribute('.status', 'aria-live')).toBe('polite');
    expect(await text(page, '.status')).toMatch(/^Correct\. Rated Good; next review (tomorrow|in \d+ days)\.$/);
    expect(progress().cards['hostile-choice']?.lastRating).toBe('good');
    await expectInert(page);
    await page.screenshot({ path: `${SCREENSHOTS}/quiz-choice-feedback.png`, fullPage: true });

    // Links to the explanation and the concept's visualisation, then a rating override.
    await tabTo(page, 'explain', 30);
    await page.keyboard.press('Enter');
    await tabTo(page, 'visualise', 30);
    await page.keyboard.press('Enter');
    await tabTo(page, 'rate-easy', 30);
    await page.keyboard.press('Enter');
    await page.waitForSelector('button[data-rating="easy"][aria-pressed="true"]');
    expect(await text(page, '#rating-label')).toMatch(
      /^You rated this Easy \(the quiz suggested Good\); next review in \d+ days\.$/,
    );
    expect(progress().cards['hostile-choice']?.lastRating).toBe('easy');
    expect(requests).toEqual(['explain hostile-concept', 'visualise dropout hostile-concept']);
    expect(await focused(page)).toBe('rate-easy');
    await tabTo(page, 'next', 30);
    await page.keyboard.press('Enter');

    // Numeric: a typo is refused in place, a number within tolerance is accepted.
    await page.waitForSelector('main.quiz[data-state="question"] form.numeric');
    expect(await focused(page)).toBe('answer');
    await page.keyboard.type('zero point eight');
    await page.keyboard.press('Enter');
    expect(await text(page, '#answer-error')).toBe('Enter a number, such as 0.25, 1e-3 or 1/4.');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('0.8005');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main.quiz[data-state="feedback"]');
    expect(await text(page, '#feedback-heading')).toBe('Correct');
    expect(await text(page, '.feedback')).toContain('Accepted answer: 0.8 (± 0.001)');
    expect(await text(page, '.feedback .explanation')).toBe(`Since ${HOSTILE.script}`);
    expect(grades()).toBe(0); // the grader is not touched by choice or numeric answers
    await page.keyboard.press('Enter'); // Enter on the focused feedback moves on

    // Free text: graded by the model, feedback with key points, Ctrl+Enter submits.
    await page.waitForSelector('main.quiz[data-state="question"] form.free');
    expect(await focused(page)).toBe('answer');
    await page.keyboard.type(`${HOSTILE.image} is my answer`);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('main.quiz[data-state="feedback"]', { timeout: 15_000 });
    expect(grades()).toBe(1);
    expect(await text(page, '.grader')).toBe('Graded by the offline answer model.');
    expect(await text(page, '.your-answer')).toBe(`Your answer: ${HOSTILE.image} is my answer`);
    expect(await text(page, '.feedback')).toContain(`Reference ${HOSTILE.script}`);
    const missed = await page.$$eval('.grade li', (items) => items.map((item) => item.textContent));
    expect(missed).toContain(`key ${HOSTILE.image}`);
    await expectInert(page);
    await page.screenshot({ path: `${SCREENSHOTS}/quiz-free-feedback.png`, fullPage: true });
    await page.keyboard.press('Enter');

    await page.waitForSelector('main.quiz[data-state="finished"]');
    expect(await focused(page)).toBe('summary');
    expect(await text(page, '.summary')).toContain('You answered 3 questions: 2 correct');
    // The question not answered correctly is listed to revisit, linked to its explanation and visualisation.
    const review = await page.$$eval('.review-list li', (items) =>
      items.map((item) => item.querySelector('.review-prompt')?.textContent),
    );
    expect(review).toHaveLength(1);
    expect(review[0]).toBe(`Explain ${HOSTILE.link}`);
    await tabTo(page, 'review-explain-0', 30);
    await page.keyboard.press('Enter');
    await tabTo(page, 'review-visualise-0', 30);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => requests.slice(-2))
      .toEqual(['explain hostile-concept', 'visualise dropout hostile-concept']);
    await tabTo(page, 'again', 30);
    await page.keyboard.press('Enter');
    await expect.poll(() => requests.at(-1)).toBe('again mixed');
    expect(Object.keys(progress().cards).sort()).toEqual(['hostile-choice', 'hostile-free', 'hostile-numeric']);
    await page.screenshot({ path: `${SCREENSHOTS}/quiz-summary.png`, fullPage: true });
    await page.close();
  });

  it('labels the fallback grader and shows the misconception with its correction, and hit and missed points', async () => {
    const { page } = await openQuiz(
      ['dropout-misconception', 'dropout-partial'],
      lazyGrader('/nonexistent/models', () => undefined),
      'fallback',
    );
    await page.keyboard.type('Dropout keeps dropping random units when the model makes its predictions at test time.');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('main.quiz[data-state="feedback"]', { timeout: 15_000 });
    expect(await text(page, '.grader.fallback')).toContain('Graded by the simple word-overlap fallback');
    expect(await text(page, '.grader-feedback')).not.toContain('word-overlap fallback');
    expect(await text(page, '.misconception .claim')).toBe(
      'Misconception: Dropout keeps dropping units when the model makes predictions at test time.',
    );
    expect(await text(page, '.misconception .correction')).toBe(
      `In fact: At evaluation dropout is switched off ${HOSTILE.link}`,
    );
    expect(await page.textContent('.status')).toMatch(/^Not quite\. Rated Again/);
    await expectInert(page);
    await page.screenshot({ path: `${SCREENSHOTS}/quiz-fallback-misconception.png`, fullPage: true });
    await page.keyboard.press('Enter');

    await page.waitForSelector('main.quiz[data-state="question"] form.free');
    await page.keyboard.type('At evaluation every unit is kept, dropout does nothing then.');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('main.quiz[data-state="feedback"]', { timeout: 15_000 });
    expect(await text(page, '#feedback-heading')).toBe('Partly right');
    expect(await page.$$eval('ul.hit li', (items) => items.map((item) => item.textContent))).toEqual([
      'every unit is kept at evaluation',
    ]);
    expect(await page.$$eval('ul.missed li', (items) => items.map((item) => item.textContent))).toEqual([
      `activations were scaled during training ${HOSTILE.image}`,
    ]);
    expect(await page.textContent('.status')).toMatch(/^Partly right\. Rated Hard/);
    await expectInert(page);
    await page.close();
  });

  it('keeps the session and an unsent answer across a reload, and grades only once per question', async () => {
    const { page, controller, progress, grades } = await openQuiz(
      ['plain-choice', 'hostile-free'],
      lazyGrader('/nonexistent/models', () => undefined),
      'reload',
    );
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main.quiz[data-state="feedback"]');
    expect(await text(page, '#feedback-heading')).toBe('Not quite');
    expect(progress().cards['plain-choice']?.lastRating).toBe('again');
    await page.keyboard.press('Enter');
    await page.waitForSelector('form.free');
    await page.keyboard.type('half an answer');
    await page.reload();
    await page.waitForSelector('main.quiz[data-state="question"] form.free');
    expect(await page.inputValue('textarea.answer')).toBe('half an answer');
    expect(await text(page, '.progress')).toContain('Question 2 of 2');

    // A second submission of the same answer (a double press) reviews the card once.
    await page.focus('textarea.answer');
    await page.keyboard.press('Control+Enter');
    await controller.receive({ type: 'answer', questionId: 'hostile-free', answer: { kind: 'free', text: 'again' } });
    await page.waitForSelector('main.quiz[data-state="feedback"]', { timeout: 15_000 });
    expect(grades()).toBe(1);
    expect(progress().cards['hostile-free']?.memory.reps).toBe(1);
    await page.close();
  });

  it('shows the length limit while typing and refuses an over-long answer before sending it', async () => {
    const { page, progress, grades } = await openQuiz(
      ['hostile-free'],
      lazyGrader('/nonexistent/models', () => undefined),
      'long-answer',
    );
    await page.waitForSelector('main.quiz[data-state="question"] form.free');
    expect(await text(page, '#answer-hint')).toContain('at most 10,000 characters');
    expect(await text(page, '#answer-count')).toBe('0 / 10,000 characters');
    await page.fill('textarea.answer', 'x'.repeat(10_001));
    expect(await text(page, '#answer-count')).toBe('10,001 / 10,000 characters');
    expect(await page.getAttribute('#answer-count', 'class')).toContain('over');
    await page.focus('textarea.answer');
    await page.keyboard.press('Control+Enter');
    expect(await text(page, '#answer-error')).toBe(
      'Your answer is 10,001 characters long; the limit is 10,000. Shorten it, then submit.',
    );
    expect(await page.getAttribute('main.quiz', 'data-state')).toBe('question');
    await page.screenshot({ path: `${SCREENSHOTS}/quiz-answer-too-long.png`, fullPage: true });

    await page.keyboard.press('Backspace');
    expect(await text(page, '#answer-count')).toBe('10,000 / 10,000 characters');
    expect(await page.getAttribute('#answer-count', 'class')).not.toContain('over');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('main.quiz[data-state="feedback"]', { timeout: 15_000 });
    expect(grades()).toBe(1);
    expect(progress().cards['hostile-free']?.memory.reps).toBe(1);
    await page.close();
  });

  it('shows the options in the session’s shuffled order and judges the one picked on screen', async () => {
    const { page, controller, progress } = await openQuiz(
      ['plain-choice'],
      lazyGrader('/nonexistent/models', () => undefined),
      'shuffled',
      seededRandom(4),
    );
    const order = controller.state!.optionOrder!;
    expect(order).not.toEqual([0, 1, 2, 3]);
    const labels = await page.$$eval('label.option', (items) => items.map((item) => item.textContent ?? ''));
    order.forEach((option, position) => expect(labels[position]).toContain(`Option ${option + 1}`));
    // The content's correct option is its second ("Option 2"); press the number it is shown under.
    await page.keyboard.press(String(order.indexOf(1) + 1));
    await page.keyboard.press('Enter');
    await page.waitForSelector('main.quiz[data-state="feedback"]');
    expect(await text(page, '#feedback-heading')).toBe('Correct');
    expect(await text(page, '.choices li.correct.chosen')).toContain('Option 2');
    expect(progress().cards['plain-choice']?.lastRating).toBe('good');
    await page.close();
  });

  it('ran without script errors or CSP violations', () => {
    expect(suite.problems).toEqual([]);
  });
});
