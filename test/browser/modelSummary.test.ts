// The model summary webview in real Chromium under its strict CSP: the table of layers, keyboard
// navigation to a layer's line, switching model, state kept for a reload, hostile file names inert.
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { text } from './pageKeys';
import { VSCODE_API_DOUBLE } from './webviewPage';

const SCREENSHOTS = 'test-output/browser';
const suite = browserSuite('model summary', SCREENSHOTS);

async function open(name: string, query: string) {
  const page = await suite.newPage(name, { viewport: { width: 820, height: 700 } });
  await page.addInitScript(VSCODE_API_DOUBLE);
  await page.goto(`${suite.origin()}/modelSummary?${query}`);
  await page.waitForSelector('main.model-summary');
  return page;
}

const posted = (page: Awaited<ReturnType<typeof open>>) =>
  page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);

describe.skipIf(!suite.available)('model summary in Chromium', () => {
  it('shows every layer with its output shape and count, and the total', async () => {
    const page = await open('convnet', 'line=7');
    expect(await text(page, 'h1')).toBe('convnet');
    expect(await page.$$eval('tbody tr', (rows) => rows.length)).toBe(7);
    expect(await text(page, 'tbody tr:first-child')).toBe('Conv2D (None, 26, 26, 32) 320 3*3*1*32 + 32');
    expect(await text(page, 'dd.total')).toBe('34,826');
    await page.screenshot({ path: `${SCREENSHOTS}/model-summary.png`, fullPage: true });
  });

  it('jumps to a layer from the keyboard, switches model, and keeps its state', async () => {
    const page = await open('keyboard', 'line=7');
    expect(await page.evaluate(() => sessionStorage.getItem('vscode-state'))).toBe(
      JSON.stringify({ uri: 'file:///keras_models.py', line: 7 }),
    );
    // The model picker comes first, then the layer buttons.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Conv2D');
    await page.keyboard.press('Enter');
    await page.selectOption('#model-select', { index: 1 });
    expect(await posted(page)).toEqual([
      { type: 'reveal', line: 10 },
      {
        type: 'select',
        line: Number(await page.$eval('#model-select', (select) => (select as HTMLSelectElement).value)),
      },
    ]);
  });

  it('marks unknown counts and renders a hostile file name as text', async () => {
    const page = await open('unknown', `line=27&file=${encodeURIComponent('<img src=x onerror=alert(1)>.py')}`);
    expect(await page.$$eval('tbody .unknown', (cells) => cells.map((cell) => cell.getAttribute('title')))).toEqual([
      'vocab_size*64',
    ]);
    expect(await text(page, 'p.meta')).toBe('Keras · <img src=x onerror=alert(1)>.py, line 28');
    expect(await page.$$('img')).toHaveLength(0);
    await page.screenshot({ path: `${SCREENSHOTS}/model-summary-unknown.png`, fullPage: true });
  });

  it('raised no page error or CSP violation', () => {
    expect(suite.problems).toEqual([]);
  });
});
