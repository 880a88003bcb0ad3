// Reading a webview page the way a keyboard user meets it: the focused control and the text on screen.
import type { Page } from 'playwright-core';

/** The `data-focus` key of the element that has the keyboard focus. */
export const focused = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focus);

/** The text of `selector` with runs of whitespace collapsed. */
export const text = async (page: Page, selector: string): Promise<string> =>
  ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();

/** Presses Tab until the control with `data-focus="key"` has the focus, failing after `limit` presses. */
export async function tabTo(page: Page, key: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === key) return;
  }
  throw new Error(`Tab never reached ${key}`);
}
