// Serves the webviews the way the extension host builds them: the real document shell with its strict
// CSP, the built script and styles, and VS Code theme variables. Only 127.0.0.1, only files under media/.
// `/` is a visualisation (?id=...), `/quiz` and `/study` the quiz panel and the study sidebar, `/explain`
// a concept's explanation (?id=...) from the real knowledge base, `/modelSummary` the model summary of a
// fixture file.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { validateContent } from '../../src/content/validation';
import { renderConceptHtml } from '../../src/webviews/explain/conceptHtml';
import { analyseModels } from '../../src/modelInsight/modelAnalysis';
import { scanPython } from '../../src/scanner/scanner';
import { renderModelSummaryHtml } from '../../src/webviews/modelSummary/modelSummaryHtml';
import { renderQuizHtml } from '../../src/webviews/quiz/quizHtml';
import { renderStudyHtml } from '../../src/webviews/study/studyHtml';
import { renderVisualisationHtml } from '../../src/webviews/visualise/visualisationHtml';
import { visualisationInfo } from '../../src/webviews/visualise/visualisationRegistry';
import { webviewDocument } from '../../src/webviews/webviewDocument';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};
let knowledgeBase: ConceptIndex | undefined;
const concepts = (): ConceptIndex =>
  (knowledgeBase ??= new ConceptIndex(validateContent(readContentDirectory(join(ROOT, 'content'))).concepts));

/** The webviews whose page shell does not depend on the request: path -> shell, script and style name. */
const SHELLS: Record<string, { title: string; body: () => string; name: string }> = {
  '/quiz': { title: 'Quiz', body: renderQuizHtml, name: 'quiz' },
  '/study': { title: 'Study', body: renderStudyHtml, name: 'study' },
};

/** Debian's Chromium; without it the browser suites skip. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  let origin = '';
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', origin);
      const shell = SHELLS[url.pathname];
      if (shell) {
        const html = webviewDocument({
          cspSource: origin,
          title: shell.title,
          body: shell.body(),
          styleUris: [
            `${origin}/theme.css`,
            `${origin}/media/base.css`,
            `${origin}/media/${shell.name}/${shell.name}.css`,
          ],
          scriptUri: `${origin}/media/dist/${shell.name}.js`,
        });
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      }
      if (url.pathname === '/explain') {
        const concept = concepts().get(url.searchParams.get('id') ?? '');
        if (!concept) return void response.writeHead(404).end();
        const back = concepts().get(url.searchParams.get('back') ?? '');
        const html = webviewDocument({
          cspSource: origin,
          title: concept.title,
          body: renderConceptHtml(concept, concepts(), {
            canVisualise: true,
            ...(back ? { back: { id: back.id, title: back.title }, history: [back.id] } : {}),
          }),
          styleUris: [
            `${origin}/media/dist/katex/katex.min.css`,
            `${origin}/theme.css`,
            `${origin}/media/base.css`,
            `${origin}/media/explain/explain.css`,
          ],
          scriptUri: `${origin}/media/dist/explain.js`,
        });
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      }
      if (url.pathname === '/modelSummary') {
        // The models of a fixture file; `file` is the name shown, so a test can make it hostile.
        const source = await readFile(join(ROOT, 'test', 'fixtures', 'models', 'keras_models.py'), 'utf8');
        const models = analyseModels(
          scanPython(source, { conceptFor: () => undefined, hasPrefix: () => false }),
        ).models;
        const html = webviewDocument({
          cspSource: origin,
          title: 'Model summary',
          body: renderModelSummaryHtml(
            url.searchParams.get('file') ?? 'keras_models.py',
            models,
            Number(url.searchParams.get('line') ?? -1),
            'file:///keras_models.py',
          ),
          styleUris: [
            `${origin}/theme.css`,
            `${origin}/media/base.css`,
            `${origin}/media/modelSummary/modelSummary.css`,
          ],
          scriptUri: `${origin}/media/dist/modelSummary.js`,
        });
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      }
      if (url.pathname === '/') {
        const info = visualisationInfo(url.searchParams.get('id') ?? '');
        if (!info) return void response.writeHead(404).end();
        const conceptId = url.searchParams.get('concept');
        const body = renderVisualisationHtml(
          info,
          conceptId ? { id: conceptId, title: url.searchParams.get('title') ?? conceptId } : undefined,
        );
        const html = webviewDocument({
          cspSource: origin,
          title: info.title,
          body,
          styleUris: [`${origin}/theme.css`, `${origin}/media/base.css`, `${origin}/media/visualise/visualise.css`],
          scriptUri: `${origin}/media/dist/visualise.js`,
        });
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      }
      // Browsers ask for a favicon by themselves; answering keeps the console free of noise.
      if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
      const file =
        url.pathname === '/theme.css'
          ? join(HERE, 'theme.css')
          : normalize(join(ROOT, decodeURIComponent(url.pathname)));
      if (file !== join(HERE, 'theme.css') && !file.startsWith(join(ROOT, 'media') + sep))
        return void response.writeHead(403).end();
      try {
        response
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(await readFile(file));
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Stands in for acquireVsCodeApi: records posted messages (and hands them to a test's host double when it
 * exposed window.__toHost), and keeps the state in sessionStorage so a reload sees it, as VS Code does for
 * a webview that is hidden and shown again.
 */
export const VSCODE_API_DOUBLE = `
window.__posted = [];
window.acquireVsCodeApi = () => ({
  postMessage: (message) => {
    window.__posted.push(message);
    if (window.__toHost) window.__toHost(message);
  },
  getState: () => JSON.parse(sessionStorage.getItem('vscode-state') || 'null') ?? undefined,
  setState: (state) => sessionStorage.setItem('vscode-state', JSON.stringify(state)),
});`;
