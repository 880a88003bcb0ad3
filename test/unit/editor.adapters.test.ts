// The editor adapters against a stand-in VS Code: hovers honour their cancellation token, diagnostics are
// debounced while typing, and an answer for a version the user has since edited is never published.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisAnswer, AnalysisQuery, QueryKind, TitledFinding } from '../../src/analysis/protocol';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { parseConceptFile } from '../../src/content/validation';
import { DocumentAnalysis } from '../../src/editor/documentAnalysis';
import { ConceptHoverProvider } from '../../src/editor/hoverProvider';
import { MistakeDiagnostics } from '../../src/editor/mistakeDiagnostics';
import type { Services } from '../../src/services';
import {
  CancellationTokenSource,
  type Diagnostic,
  edit,
  FakeDocument,
  open,
  Position,
  published,
  Range,
  resetEditor,
} from '../support/editorFake';

vi.mock('vscode', () => import('../support/editorFake'));

const index = new ConceptIndex([
  parseConceptFile({ name: 'content/dropout.yaml', text: readFileSync('content/dropout.yaml', 'utf8') }).concept!,
]);
const SOURCE = 'import torch.nn as nn\n\ndrop = nn.Dropout(p=0.95)\n';

function services(logs: string[]): Services {
  const log = { info: () => {}, warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  return { concepts: { get: () => index }, log } as unknown as Services;
}

/** An analysis whose answers the test hands out, one question at a time. */
class ScriptedAnalysis {
  readonly asked: { version: number; kind: QueryKind; answer: (value: unknown) => void }[] = [];
  ask<K extends QueryKind>(document: FakeDocument, query: AnalysisQuery<K>): Promise<AnalysisAnswer<K> | undefined> {
    return new Promise((resolve) =>
      this.asked.push({ version: document.version, kind: query.kind, answer: (value) => resolve(value as never) }),
    );
  }
}

function finding(message: string): TitledFinding {
  const range = { startLine: 2, startColumn: 17, endLine: 2, endColumn: 21 };
  return {
    check: 'extremeDropout',
    severity: 'warning',
    range,
    message,
    conceptId: 'dropout',
    conceptTitle: 'Dropout',
    fixes: [{ title: 'Use p=0.5', preferred: false, edits: [{ range, newText: '0.5' }] }],
  };
}

beforeEach(() => resetEditor());

describe('hover provider', () => {
  const logs: string[] = [];
  // No worker script beside the sources: the analysis runs on the host, as when the worker cannot start.
  const analysis = new DocumentAnalysis(services(logs));
  const provider = new ConceptHoverProvider(analysis as never);
  const document = new FakeDocument('/train.py', SOURCE);
  const onDropout = new Position(2, 12);

  it('answers with the concept under the cursor, its links trusted', async () => {
    const hover = (await provider.provideHover(
      document as never,
      onDropout as never,
      new CancellationTokenSource().token as never,
    )) as unknown as {
      contents: { value: string; isTrusted: { enabledCommands: string[] } };
    };
    expect(hover.contents.value).toContain('Dropout');
    expect(hover.contents.isTrusted.enabledCommands).toContain('dlTutor.explainConcept');
    expect(logs[0]).toMatch(/^the analysis thread (stopped|did not start)/);
  });

  it('resolves to nothing at once when the hover is abandoned before the analysis answers', async () => {
    const source = new CancellationTokenSource();
    const hover = provider.provideHover(
      new FakeDocument('/other.py', SOURCE) as never,
      onDropout as never,
      source.token as never,
    );
    source.cancel();
    expect(await hover).toBeUndefined();
  });
});

describe('mistake diagnostics', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks an opened document at once, titling the finding and offering its fixes and Explain', async () => {
    const analysis = new ScriptedAnalysis();
    const diagnostics = new MistakeDiagnostics(services([]), analysis as never);
    const document = new FakeDocument('/train.py', SOURCE);
    open(document);
    await vi.advanceTimersByTimeAsync(0);
    expect(analysis.asked.map((q) => [q.kind, q.version])).toEqual([['findings', 1]]);
    analysis.asked[0]!.answer([finding('p=0.95 drops almost everything')]);
    await vi.advanceTimersByTimeAsync(0);
    const [diagnostic] = published.get('/train.py')!;
    expect(diagnostic!.message).toBe('p=0.95 drops almost everything (Dropout)');
    const actions = diagnostics.provideCodeActions(
      document as never,
      new Range(2, 18, 2, 18) as never,
      {
        diagnostics: [diagnostic as unknown as Diagnostic],
      } as never,
    );
    expect(actions.map((action) => action.title)).toEqual(['Use p=0.5', 'Explain Dropout']);
    diagnostics.dispose();
  });

  it('asks once per pause in typing, and never publishes an answer for a version since edited', async () => {
    const analysis = new ScriptedAnalysis();
    const diagnostics = new MistakeDiagnostics(services([]), analysis as never);
    const document = new FakeDocument('/train.py', SOURCE);
    open(document);
    await vi.advanceTimersByTimeAsync(0);
    analysis.asked[0]!.answer([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(published.get('/train.py')).toEqual([]);
    for (let typed = 0; typed < 5; typed += 1) {
      edit(document, SOURCE + '#'.repeat(typed));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(analysis.asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(analysis.asked.map((q) => q.version)).toEqual([1, 6]);
    // The user types again before the answer for version 6 arrives: it is out of date and not shown.
    edit(document, SOURCE + 'x');
    analysis.asked[1]!.answer([finding('stale')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(published.get('/train.py')).toEqual([]);
    expect(
      diagnostics.provideCodeActions(document as never, new Range(2, 18, 2, 18) as never, { diagnostics: [] } as never),
    ).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(analysis.asked.map((q) => q.version)).toEqual([1, 6, 7]);
    analysis.asked[2]!.answer([finding('current')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(published.get('/train.py')!.map((d) => d.message)).toEqual(['current (Dropout)']);
    diagnostics.dispose();
  });
});
