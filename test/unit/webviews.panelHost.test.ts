// The shared panel host against a stand-in VS Code: one panel per kind in the shared column, the page under
// a strict CSP, messages checked before they reach the owner, restore after a reload, and dispose.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { explainProtocol, type ExplainViewMessage, type ExplainViewState } from '../../src/webviews/explain/messages';
import { PanelHost, type PanelHostOptions } from '../../src/webviews/panelHost';
import { quizProtocol } from '../../src/webviews/quiz/messages';
import { TutorColumn } from '../../src/webviews/tutorColumn';
import { createdPanels, type FakePanel, reloadPanel, resetWindow, Uri, ViewColumn } from '../support/vscodeFake';

vi.mock('vscode', () => import('../support/vscodeFake'));

const VIEW_TYPE = 'dlTutor.test';
const PAGE = { title: 'Dropout', body: '<main>Dropout</main>', styles: ['base.css'], script: 'dist/explain.js' };

function harness(restore: PanelHostOptions<never, ExplainViewMessage, ExplainViewState>['restore'] = () => true) {
  const received: ExplainViewMessage[] = [];
  const restored: ExplainViewState[] = [];
  const log = { warnings: [] as string[], errors: [] as string[] };
  let closed = 0;
  let adopted = 0;
  const column = new TutorColumn();
  const host = new PanelHost({
    viewType: VIEW_TYPE,
    protocol: explainProtocol,
    extensionUri: Uri.file('/ext') as never,
    log: { warn: (m) => log.warnings.push(m), error: (m) => log.errors.push(m) },
    receive: (message) => {
      if (message.type === 'quiz' && message.conceptId === 'throws') throw new Error('handler failed');
      received.push(message);
    },
    restore: (state) => {
      restored.push(state);
      return restore(state);
    },
    adopted: () => (adopted += 1),
    closed: () => (closed += 1),
    column,
  });
  const registration = host.registerSerializer();
  return {
    host,
    column,
    received,
    restored,
    log,
    registration,
    closed: () => closed,
    adopted: () => adopted,
    panel: () => host.panel as unknown as FakePanel,
  };
}

beforeEach(() => resetWindow());

describe('panel host', () => {
  it('opens one panel beside the editor, reuses it, and serves the page under a strict CSP from media/', () => {
    const { host, panel, adopted } = harness();
    host.open('Dropout');
    host.open('Attention');
    expect(createdPanels).toHaveLength(1);
    expect(panel().viewColumn).toBe(2);
    expect(panel().title).toBe('Dropout');
    expect(panel().webview.options).toMatchObject({
      enableScripts: true,
      localResourceRoots: [Uri.file('/ext/media')],
    });
    expect(adopted()).toBe(1);

    host.setPage(PAGE);
    const html = panel().webview.html;
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(html)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`default-src 'none'`);
    expect(html).toContain(`<script nonce="${nonce}" src="https://webview.test/ext/media/dist/explain.js">`);
    expect(html).toContain('href="https://webview.test/ext/media/base.css"');
    host.setPage(PAGE);
    expect(panel().webview.html).not.toContain(nonce!);

    host.reveal(true);
    expect(panel().reveals).toEqual([{ preserveFocus: true }]);
  });

  it('opens every kind of panel in the column the last one was moved to, while it is open', () => {
    const first = harness();
    first.host.open('Dropout');
    first.panel().moveTo(ViewColumn.Three);
    const second = new PanelHost({
      viewType: 'dlTutor.other',
      protocol: quizProtocol,
      extensionUri: Uri.file('/ext') as never,
      log: { warn: () => undefined, error: () => undefined },
      receive: () => undefined,
      restore: () => true,
      column: first.column,
    });
    second.open('Quiz');
    expect((second.panel as unknown as FakePanel).viewColumn).toBe(3);
  });

  it('hands valid messages to the owner and logs and drops invalid ones and failing handlers', async () => {
    const { host, panel, received, log } = harness();
    host.open('Dropout');
    await panel().webview.send({ type: 'openConcept', conceptId: 'attention' });
    await panel().webview.send({ type: 'openConcept', conceptId: { toString: 'attention' } });
    await panel().webview.send('back');
    await panel().webview.send({ type: 'quiz', conceptId: 'throws' });
    await panel().webview.send({ type: 'back' });
    expect(received).toEqual([{ type: 'openConcept', conceptId: 'attention' }, { type: 'back' }]);
    expect(log.warnings).toHaveLength(2);
    expect(log.warnings[0]).toMatch(/^explanation webview: ignored an invalid message \(conceptId: /);
    expect(log.errors).toEqual(['explanation webview: handling a message failed: handler failed']);
  });

  it('posts only while a panel is open', () => {
    const quiz = new PanelHost({
      viewType: 'dlTutor.quizTest',
      protocol: quizProtocol,
      extensionUri: Uri.file('/ext') as never,
      log: { warn: () => undefined, error: () => undefined },
      receive: () => undefined,
      restore: () => true,
    });
    quiz.post({ type: 'grading' });
    quiz.open('Quiz');
    quiz.post({ type: 'error', message: 'Try again.' });
    expect((quiz.panel as unknown as FakePanel).webview.posted).toEqual([{ type: 'error', message: 'Try again.' }]);
    // Sending is typed by the protocol: `npm run typecheck` fails if any of these is accepted.
    const refusedByTypecheck = [
      // @ts-expect-error the quiz webview is never sent a snapshot
      () => quiz.post({ type: 'snapshot' }),
      // @ts-expect-error an error message carries text
      () => quiz.post({ type: 'error', message: 42 }),
      // @ts-expect-error nothing is ever posted to the explanation webview
      () => harness().host.post({ type: 'back' }),
    ];
    void refusedByTypecheck;
  });

  it('restores a reloaded panel from a valid saved state and takes it over', async () => {
    const { host, restored, panel, received } = harness();
    const reloaded = await reloadPanel(VIEW_TYPE, { conceptId: 'dropout', history: ['attention'] });
    expect(reloaded.disposed).toBe(false);
    expect(restored).toEqual([{ conceptId: 'dropout', history: ['attention'] }]);
    expect(panel()).toBe(reloaded);
    expect(reloaded.webview.options).toMatchObject({
      enableScripts: true,
      localResourceRoots: [Uri.file('/ext/media')],
    });
    await reloaded.webview.send({ type: 'back' });
    expect(received).toEqual([{ type: 'back' }]);
    // The next Explain reuses the restored panel instead of opening another.
    host.open('Attention');
    expect(createdPanels).toHaveLength(0);
  });

  it('closes a reloaded panel whose state is invalid, names nothing any more, or fails to render', async () => {
    const invalid = harness();
    const garbage = await reloadPanel(VIEW_TYPE, { conceptId: 42 });
    expect(garbage.disposed).toBe(true);
    expect(invalid.restored).toEqual([]);
    expect(invalid.log.warnings[0]).toMatch(/^explanation panel not restored: saved state invalid/);
    expect(invalid.host.panel).toBeUndefined();
    expect((await reloadPanel(VIEW_TYPE, undefined)).disposed).toBe(true);
    invalid.registration.dispose();

    const gone = harness(() => false);
    const stale = await reloadPanel(VIEW_TYPE, { conceptId: 'removed-concept' });
    expect(stale.disposed).toBe(true);
    expect(gone.host.panel).toBeUndefined();
    expect(gone.closed()).toBe(1);
    gone.registration.dispose();

    const failing = harness(() => {
      throw new Error('content did not load');
    });
    expect((await reloadPanel(VIEW_TYPE, { conceptId: 'dropout' })).disposed).toBe(true);
    expect(failing.log.errors).toEqual(['explanation panel not restored: content did not load']);
  });

  it('disposes its panel, reports the close once, and opens a fresh panel afterwards', async () => {
    const { host, panel, closed, received } = harness();
    host.open('Dropout');
    const first = panel();
    host.dispose();
    expect(first.disposed).toBe(true);
    expect(host.panel).toBeUndefined();
    expect(closed()).toBe(1);
    host.dispose();
    expect(closed()).toBe(1);
    // A message still in flight from the closed panel reaches nobody.
    await first.webview.send({ type: 'back' });
    expect(received).toEqual([]);
    host.open('Dropout');
    expect(createdPanels).toHaveLength(2);
    expect(panel()).not.toBe(first);
  });

  it('replaces an open panel with a restored one, closing the old one first', async () => {
    const { host, panel, closed, received } = harness();
    host.open('Dropout');
    const old = panel();
    const reloaded = await reloadPanel(VIEW_TYPE, { conceptId: 'attention' });
    expect(old.disposed).toBe(true);
    expect(closed()).toBe(1);
    expect(panel()).toBe(reloaded);
    await old.webview.send({ type: 'back' });
    expect(received).toEqual([]);
    // The learner closes the panel: the host lets go of it.
    reloaded.dispose();
    expect(host.panel).toBeUndefined();
    expect(closed()).toBe(2);
  });
});
