// The explanation webview in real Chromium under its strict CSP: formulas typeset by the bundled KaTeX
// with its fonts from media/, references as links, and Back after following a related concept.
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { VSCODE_API_DOUBLE } from './webviewPage';

const SCREENSHOTS = 'test-output/browser';
const suite = browserSuite('explanation', SCREENSHOTS);

async function openExplanation(query: string, name: string) {
  const page = await suite.newPage(name, { viewport: { width: 900, height: 1200 } });
  await page.addInitScript(VSCODE_API_DOUBLE);
  const fonts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.woff2')) fonts.push(new URL(request.url()).pathname);
  });
  await page.goto(`${suite.origin()}/explain?${query}`);
  await page.evaluate(() => document.fonts.ready);
  return { page, fonts };
}

describe.skipIf(!suite.available)('explanation panel in Chromium', () => {
  it('typesets every formula with KaTeX, its fonts served from media/', async () => {
    const { page, fonts } = await openExplanation('id=adam', 'formulas');
    const formulas = await page.$$eval('.formula', (items) => items.map((item) => item.className));
    expect(formulas.length).toBeGreaterThan(1);
    expect(formulas.every((name) => name.includes('typeset-ok'))).toBe(true);
    // MathML for screen readers, and the visible rendering: a square root and a fraction-free hat.
    expect(await page.$$eval('.formula math', (items) => items.length)).toBe(formulas.length);
    expect(await page.$$eval('.formula .katex-html .sqrt', (items) => items.length)).toBeGreaterThan(0);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((path) => path.startsWith('/media/dist/katex/fonts/'))).toBe(true);
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/explain-formulas.png`, fullPage: true });
    await page.close();
  });

  it('links every reference, and offers Back to the concept the learner came from', async () => {
    const { page } = await openExplanation('id=adamw&back=adam', 'references');
    const links = await page.$$eval('ul.references li', (items) =>
      items.map((item) => item.querySelector('a')?.getAttribute('href') ?? ''),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((href) => href.startsWith('https://'))).toBe(true);
    await page.click('button[data-action="back"]');
    expect(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)).toEqual([
      { type: 'back' },
    ]);
    expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null'))).toEqual({
      conceptId: 'adamw',
      history: ['adam'],
    });
    await page.close();
  });

  it('ran without script errors or CSP violations', () => {
    expect(suite.problems).toEqual([]);
  });
});
