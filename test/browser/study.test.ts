// The study sidebar in real Chromium, fed the snapshot the host computes: due cards, streak, progress and
// weakest topics, concept search and the buttons, all from the keyboard; hostile concept names stay text.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { emptyProgress, type Progress } from '../../src/progress/model';
import { recordReview } from '../../src/progress/reviews';
import { QuestionBank } from '../../src/quiz/questionBank';
import { MASTERED_STABILITY_DAYS } from '../../src/quiz/stats';
import { studySnapshot } from '../../src/sidebar/studySnapshot';
import type { StudyHostMessage } from '../../src/webviews/study/messages';
import { VISUALISATIONS } from '../../src/webviews/visualise/visualisationRegistry';
import { choice, concept, HOSTILE, HOSTILE_CONCEPT } from '../support/quizConcepts';
import { browserSuite } from './browserSuite';
import { tabTo, text } from './pageKeys';
import { VSCODE_API_DOUBLE } from './webviewPage';

const SCREENSHOTS = 'test-output/browser';
const suite = browserSuite('study', SCREENSHOTS);

const NOW = new Date();
const daysAgo = (days: number): Date => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - days, 9, 0);
const CONCEPTS = [
  HOSTILE_CONCEPT,
  concept({
    id: 'adam',
    title: 'Adam optimiser',
    topic: 'optimisation',
    aliases: ['adaptive moments'],
    apis: [{ symbol: 'torch.optim.Adam' }],
    questions: [choice('a1'), choice('a2')],
  }),
  concept({ id: 'relu', title: 'ReLU', topic: 'activations', questions: [choice('r1')] }),
];
const bank = new QuestionBank(CONCEPTS);

/** Opens the sidebar page; its host answers `ready` with the snapshot of `progress` and records the rest. */
async function openStudy(
  progress: Progress,
  name: string,
  reply?: StudyHostMessage,
): Promise<{ page: Page; requests: unknown[] }> {
  const page = await suite.newPage(name, { viewport: { width: 320, height: 1000 } });
  const requests: unknown[] = [];
  const snapshot: StudyHostMessage = reply ?? {
    type: 'snapshot',
    snapshot: studySnapshot(CONCEPTS, bank.items, progress, NOW),
  };
  await page.exposeFunction('__toHost', (message: { type: string }) => {
    if (message.type === 'ready') void page.evaluate((m) => window.postMessage(m, '*'), snapshot);
    else requests.push(message);
  });
  await page.addInitScript(VSCODE_API_DOUBLE);
  await page.goto(`${suite.origin()}/study`);
  if (!reply) await page.waitForSelector('main.study[data-state="ready"]', { timeout: 5000 });
  return { page, requests };
}

describe.skipIf(!suite.available)('study sidebar in Chromium', () => {
  it('shows due cards, the streak, progress per topic and the weakest topics', async () => {
    let progress = emptyProgress();
    for (const [questionId, rating, days] of [
      ['hostile-choice', 'again', 3],
      ['hostile-numeric', 'again', 2],
      ['a1', 'good', 1],
      ['r1', 'easy', 0],
    ] as const) {
      progress = recordReview(progress, questionId, bank.get(questionId)!.concept.id, rating, daysAgo(days));
    }
    // r1 stands for a card recalled over weeks: mastered. a1, answered well once, is only seen.
    const r1 = progress.cards['r1']!;
    progress = {
      ...progress,
      cards: { ...progress.cards, r1: { ...r1, memory: { ...r1.memory, stability: MASTERED_STABILITY_DAYS } } },
    };
    const { page } = await openStudy(progress, 'figures');
    expect(await text(page, '[data-figure="due"]')).toBe('2 cards due today.');
    expect(await text(page, '[data-figure="streak"]')).toBe('Streak: 4 days');
    // Two bars per topic: seen fills up after the first answers, mastered after weeks of good reviews.
    const topics = await page.$$eval('ul.topics li', (items) =>
      items.map((item) => [
        item.getAttribute('data-topic'),
        item.querySelector<HTMLProgressElement>('progress.seen')?.value,
        item.querySelector<HTMLProgressElement>('progress.mastered')?.value,
        item.querySelector('progress.seen')?.getAttribute('aria-valuetext'),
      ]),
    );
    expect(topics).toEqual([
      ['foundations', 2, 0, '2 of 3 seen'],
      ['activations', 1, 1, '1 of 1 seen'],
      ['optimisation', 1, 0, '1 of 2 seen'],
    ]);
    expect(await page.$$eval('ul.weakest li', (items) => items.map((item) => item.textContent))).toEqual([
      'Foundations: 0% recalled Quiz Foundations',
    ]);
    await page.screenshot({ path: `${SCREENSHOTS}/study-sidebar.png`, fullPage: true });
    await page.close();
  });

  it('works from the keyboard: quiz buttons, topic quiz, concept search and visualisations', async () => {
    const progress = recordReview(emptyProgress(), 'a1', 'adam', 'again', daysAgo(2));
    const { page, requests } = await openStudy(progress, 'keyboard');
    await tabTo(page, 'reviewDue');
    await page.keyboard.press('Enter');
    await tabTo(page, 'quiz');
    await page.keyboard.press('Enter');
    await tabTo(page, 'topic-optimisation');
    await page.keyboard.press('Enter');

    await tabTo(page, 'search');
    await page.keyboard.type('adaptive');
    expect(await page.$$eval('ul.results button', (buttons) => buttons.map((b) => b.textContent))).toEqual([
      'Adam optimiser',
    ]);
    expect(await text(page, '#search-count')).toBe('1 concept matches.');
    await page.keyboard.press('Enter'); // opens the best match
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('optim.Adam');
    expect(await page.$$eval('ul.results button', (buttons) => buttons.map((b) => b.textContent))).toEqual([
      'Adam optimiser',
    ]);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('zzz');
    expect(await text(page, '#search-count')).toBe('No concept matches.');

    await tabTo(page, `visualise-${VISUALISATIONS[0]!.id}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => requests.length).toBe(5);
    expect(requests).toEqual([
      { type: 'reviewDue' },
      { type: 'quiz' },
      { type: 'quizTopic', topic: 'optimisation' },
      { type: 'explain', conceptId: 'adam' },
      { type: 'visualise', visualisationId: VISUALISATIONS[0]!.id },
    ]);
    await page.close();
  });

  it('renders hostile concept names as inert text in the search results', async () => {
    const { page, requests } = await openStudy(emptyProgress(), 'hostile');
    expect(await page.getAttribute('button[data-action="reviewDue"]', 'disabled')).toBe('');
    expect(await text(page, '[data-figure="streak"]')).toBe('No streak yet: answer a question today to start one.');
    await page.fill('#concept-search', 'hostile');
    expect(await page.$$eval('ul.results button', (buttons) => buttons.map((b) => b.textContent))).toEqual([
      `Hostile ${HOSTILE.script}`,
    ]);
    const found = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: string }).__pwned,
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
    }));
    expect(found).toEqual({ pwned: undefined, scripts: 1, images: 0 });
    await page.click('ul.results button');
    expect(requests).toEqual([{ type: 'explain', conceptId: 'hostile-concept' }]);
    await page.screenshot({ path: `${SCREENSHOTS}/study-search-hostile.png`, fullPage: true });

    // The search survives the view being hidden and shown again.
    await page.reload();
    await page.waitForSelector('main.study[data-state="ready"]');
    expect(await page.inputValue('#concept-search')).toBe('hostile');
    expect(await page.$$eval('ul.results button', (buttons) => buttons.length)).toBe(1);
    await page.close();
  });

  it('says so when the knowledge base cannot load', async () => {
    const { page } = await openStudy(emptyProgress(), 'unavailable', {
      type: 'unavailable',
      message: `No content ${HOSTILE.image}`,
    });
    await page.waitForSelector('[role="alert"]');
    expect(await text(page, '[role="alert"]')).toBe(`No content ${HOSTILE.image}`);
    expect(await page.$$('img')).toHaveLength(0);
    await page.close();
  });

  it('ignores host messages and a saved state that do not fit its protocol', async () => {
    const page = await suite.newPage('malformed', { viewport: { width: 320, height: 1000 } });
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    // A state an older version (or anything else) left behind: the search box starts empty instead.
    await page.addInitScript(() => sessionStorage.setItem('vscode-state', JSON.stringify({ query: { length: 1e9 } })));
    await page.addInitScript(VSCODE_API_DOUBLE);
    await page.goto(`${suite.origin()}/study`);
    const good: StudyHostMessage = {
      type: 'snapshot',
      snapshot: studySnapshot(CONCEPTS, bank.items, emptyProgress(), NOW),
    };
    for (const message of [
      { type: 'snapshot', snapshot: { ...good.snapshot, topics: 'all of them' } },
      { type: 'unavailable', message: { toString: null } },
      { type: 'eval', code: 'window.__pwned = 1' },
      null,
      good,
      { type: 'snapshot', snapshot: { ...good.snapshot, due: -5 } },
    ])
      await page.evaluate((m) => window.postMessage(m, '*'), message);
    await page.waitForSelector('main.study[data-state="ready"]');
    // The one valid snapshot is shown; the malformed one after it changed nothing.
    expect(await text(page, '[data-figure="due"]')).toBe('No cards due today.');
    expect(await page.inputValue('#concept-search')).toBe('');
    await expect.poll(() => warnings.length).toBe(5);
    expect(warnings.every((warning) => warning.startsWith('study webview: ignored an invalid message'))).toBe(true);
    await page.close();
  });

  it('ran without script errors or CSP violations', () => {
    expect(suite.problems).toEqual([]);
  });
});
