// Drives the VS Code workbench in Chromium the way a person does: quick open, the command palette,
// the mouse over a symbol, Ctrl+. for code actions. Every step waits for what it needs to see.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join('test-output', 'e2e');

export interface Workbench {
  page: Page;
  close(): Promise<void>;
}

/** Opens the workbench on `folder` in a fresh Chromium profile, reloading if the first load stalls. */
export async function openWorkbench(url: string, folder: string, attempts = 3): Promise<Workbench> {
  const context: BrowserContext = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'dl-tutor-chromium-')),
    {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1400, height: 900 },
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
      // The explorer lists the workspace once the remote file system is connected.
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      break;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
  return { page, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Types into an open quick input and accepts the row whose label matches `label`. */
async function pick(page: Page, text: string, label: string | RegExp): Promise<void> {
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  const row = quickInput(page).locator('.monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  // Done when the widget closes, or when the command reuses it at once for a quick pick of its own.
  await page.waitForFunction((typed) => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    const field = widget?.querySelector('input');
    return !widget || widget.style.display === 'none' || field?.value !== typed;
  }, text);
}

/** Runs a command from the palette by its title ("DL Tutor: Open Visualisation..."). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await pick(page, `>${title}`, title);
}

/** Answers the quick pick a command opened. */
export async function choose(page: Page, text: string, label: string | RegExp = text): Promise<void> {
  await pick(page, text, label);
}

export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await pick(page, fileName, fileName);
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor();
  await activeEditor(page).locator('.view-lines').waitFor();
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** 1-based line and column of the first occurrence of `text` in `file`. */
export function positionOf(file: string, text: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((content) => content.includes(text));
  if (line < 0) throw new Error(`${text} is not in ${file}`);
  return { line: line + 1, column: lines[line]!.indexOf(text) + 1 };
}

/** Puts the cursor at a 1-based position with Go to Line (line:column). */
export async function goTo(page: Page, position: { line: number; column: number }): Promise<void> {
  // Focus the editor from the keyboard: a restored scroll position can leave no visible line to click.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+G');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${position.line}:${position.column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await page.locator('.statusbar', { hasText: `Ln ${position.line}, Col ${position.column}` }).waitFor();
}

/** Rests the mouse on the character after the cursor and returns the hover that appears. */
export async function hoverAtCursor(page: Page, expected: string | RegExp, attempts = 5): Promise<Locator> {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
  for (let attempt = 1; ; attempt++) {
    const cursor = await activeEditor(page).locator('.cursors-layer .cursor').first().boundingBox();
    if (!cursor) throw new Error('the editor shows no cursor');
    await page.mouse.move(cursor.x - 200, cursor.y - 200);
    await page.mouse.move(cursor.x + 6, cursor.y + cursor.height / 2, { steps: 5 });
    try {
      // The extension may still be activating on the first try, and then the hover has no content yet.
      await hover.waitFor({ state: 'visible', timeout: 5000 });
      return hover;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

/** Opens the code-action menu at the cursor (Ctrl+.) and runs the action titled `title`. */
export async function runCodeAction(page: Page, title: string | RegExp, attempts = 5): Promise<void> {
  const action = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Period');
    try {
      await action.waitFor({ state: 'visible', timeout: 5000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt >= attempts) throw error;
    }
  }
  // The widget lays a pointer shield over the editor, so the row is chosen with the keyboard as a person would.
  const rows = await page.locator('.action-widget .monaco-list-row').count();
  for (let step = 0; step <= rows; step++) {
    const label =
      (await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label')) ?? '';
    if (typeof title === 'string' ? label.includes(title) : title.test(label)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the code-action menu offers no focusable action titled ${String(title)}`);
}

/**
 * The webview frame whose document satisfies `ready` (a function body run in the frame). Webview content
 * lives two iframes deep, so every frame of the page is tried until one answers.
 */
export async function webviewFrame(page: Page, ready: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        if (await frame.evaluate(ready)) return frame;
      } catch {
        // The frame navigated or went away while it was asked.
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview satisfied: ${ready}`);
}

/** The text of the active editor's visible lines. */
export async function visibleText(page: Page): Promise<string> {
  return (await activeEditor(page).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page
    .locator('.tabs-container .tab')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}
