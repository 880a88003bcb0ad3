// One Chromium and one page server per browser test file, and every page error or CSP report its pages
// raise, so that each suite can finish by asserting that nothing went wrong inside the page.
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM, launchChromium, startPageServer, type PageServer } from './webviewPage';

export interface BrowserSuite {
  /** False when Debian's Chromium is missing; the suite then skips with a printed reason. */
  readonly available: boolean;
  /** "page name: message" for every uncaught error, console error and CSP violation. */
  readonly problems: string[];
  origin(): string;
  newPage(name: string, options: Parameters<Browser['newPage']>[0]): Promise<Page>;
}

export function browserSuite(label: string, screenshots: string): BrowserSuite {
  const available = existsSync(CHROMIUM);
  if (!available)
    console.warn(`Skipping the ${label} browser suite: ${CHROMIUM} is missing (apt-get install -y chromium).`);
  const problems: string[] = [];
  let browser: Browser | undefined;
  let server: PageServer | undefined;

  beforeAll(async () => {
    if (!available) return;
    mkdirSync(screenshots, { recursive: true });
    server = await startPageServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    available,
    problems,
    origin: () => server!.origin,
    async newPage(name, options) {
      const page = await browser!.newPage(options);
      page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content Security Policy/.test(message.text()))
          problems.push(`${name}: ${message.text()}`);
      });
      return page;
    },
  };
}
