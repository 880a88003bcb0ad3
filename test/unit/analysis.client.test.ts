// The host's side of the document analysis: text sent once per version, cancellation answered at once,
// and the analysis moved onto the host when its worker thread cannot start or stops.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { AnalysisClient, type AnalysedDocument, type BackendFactory } from '../../src/analysis/analysisClient';
import { inlineBackend, workerBackend } from '../../src/analysis/backends';
import type { AnalysisMessage, AnalysisSettings, LogLine } from '../../src/analysis/protocol';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { parseConceptFile } from '../../src/content/validation';

const dropout = parseConceptFile({
  name: 'content/dropout.yaml',
  text: readFileSync('content/dropout.yaml', 'utf8'),
}).concept!;
const index = new ConceptIndex([dropout]);
const SETTINGS: AnalysisSettings = { timeBudgetMs: 1000, maxFileSizeKB: 2048 };
const SOURCE = 'import torch.nn as nn\n\ndrop = nn.Dropout(p=0.8)\n';
const hover = { kind: 'hover', line: 2, column: 10, length: 'short' } as const;
/** A fallback that must not be used. */
const onHostFailing: BackendFactory = () => {
  throw new Error('the fallback was used');
};

function document(version: number, text = SOURCE): AnalysedDocument & { reads: number } {
  const doc = {
    uri: 'file:///train.py',
    version,
    path: '/train.py',
    reads: 0,
    text: () => {
      doc.reads += 1;
      return text;
    },
  };
  return doc;
}

/** A backend that records what it is sent and never answers. */
function silentBackend(): { factory: BackendFactory; posted: AnalysisMessage[] } {
  const posted: AnalysisMessage[] = [];
  return { factory: () => ({ post: (message) => posted.push(message), dispose: () => {} }), posted };
}

class Token {
  isCancellationRequested = false;
  private listener: (() => unknown) | undefined;
  onCancellationRequested(listener: () => unknown) {
    this.listener = listener;
    return { dispose: () => (this.listener = undefined) };
  }
  cancel(): void {
    this.isCancellationRequested = true;
    this.listener?.();
  }
}

describe('analysis client', () => {
  const onHost = inlineBackend(() => index);

  it('starts its backend on the first question, not when created', async () => {
    let started = 0;
    const counting: BackendFactory = (onResponse, onFailure) => {
      started += 1;
      return onHost(onResponse, onFailure);
    };
    const client = new AnalysisClient(counting, onHostFailing, () => {});
    client.forget('file:///train.py');
    expect(started).toBe(0);
    await client.ask(document(1), SETTINGS, hover);
    await client.ask(document(2), SETTINGS, hover);
    expect(started).toBe(1);
  });

  it('sends the text once per version', async () => {
    const client = new AnalysisClient(onHost, onHost, () => {});
    const first = document(1);
    const hovered = await client.ask(first, SETTINGS, hover);
    expect(hovered?.markdown).toContain('Dropout');
    await client.ask(first, SETTINGS, { kind: 'conceptsAt', line: 2, column: 10 });
    expect(first.reads).toBe(1);
    const second = document(2);
    expect(await client.ask(second, SETTINGS, { kind: 'conceptsAt', line: 2, column: 10 })).toEqual([
      { id: 'dropout', title: 'Dropout', visualisation: 'dropout' },
    ]);
    expect(second.reads).toBe(1);
  });

  it('answers undefined as soon as the caller cancels, and tells the analysis', async () => {
    const { factory, posted } = silentBackend();
    const client = new AnalysisClient(factory, onHost, () => {});
    const token = new Token();
    const answer = client.ask(document(1), SETTINGS, hover, token);
    token.cancel();
    expect(await answer).toBeUndefined();
    expect(posted.map((message) => message.type)).toEqual(['request', 'cancel']);
  });

  it('does not send a request whose token is already cancelled', async () => {
    const { factory, posted } = silentBackend();
    const client = new AnalysisClient(factory, onHost, () => {});
    const token = new Token();
    token.cancel();
    expect(await client.ask(document(1), SETTINGS, hover, token)).toBeUndefined();
    expect(posted).toEqual([]);
  });

  it('analyses on the host when the worker cannot be created', async () => {
    const logs: LogLine[] = [];
    const broken: BackendFactory = () => {
      throw new Error('no worker threads here');
    };
    const client = new AnalysisClient(broken, onHost, (line) => logs.push(line));
    expect((await client.ask(document(1), SETTINGS, hover))?.markdown).toContain('Dropout');
    expect(logs).toEqual([{ level: 'warn', message: 'the analysis thread did not start (no worker threads here)' }]);
  });

  it('asks the waiting questions again on the host when the worker stops', async () => {
    const logs: LogLine[] = [];
    let fail: (reason: string) => void = () => {};
    const dying: BackendFactory = (_onResponse, onFailure) => {
      fail = onFailure;
      return { post: () => {}, dispose: () => {} };
    };
    const client = new AnalysisClient(dying, onHost, (line) => logs.push(line));
    const doc = document(1);
    const answer = client.ask(doc, SETTINGS, hover);
    fail('exited with code 1');
    expect((await answer)?.markdown).toContain('Dropout');
    expect(doc.reads).toBe(2);
    expect(logs.map((line) => line.message)).toEqual([
      'the analysis thread stopped (exited with code 1); analysing on the extension host',
    ]);
  });

  it('sends the text again when a question about an older version replaced it', async () => {
    const client = new AnalysisClient(onHost, onHost, () => {});
    const newer = document(2);
    await client.ask(newer, SETTINGS, hover);
    await client.ask(document(1), SETTINGS, hover);
    expect((await client.ask(newer, SETTINGS, hover))?.markdown).toContain('Dropout');
    expect(newer.reads).toBe(2);
  });

  it('sends the text again after the document was closed and reopened', async () => {
    const client = new AnalysisClient(onHost, onHost, () => {});
    const doc = document(1);
    await client.ask(doc, SETTINGS, hover);
    client.forget(doc.uri);
    expect((await client.ask(doc, SETTINGS, hover))?.markdown).toContain('Dropout');
    expect(doc.reads).toBe(2);
  });
});

describe('analysis worker thread', () => {
  const directory = mkdtempSync(join(tmpdir(), 'dl-tutor-worker-'));
  const contentPath = join(directory, 'content.json');
  writeFileSync(contentPath, JSON.stringify(index.concepts));
  const workerPath = join(directory, 'analysisWorker.js');
  buildSync({
    entryPoints: ['src/analysis/analysisWorker.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: workerPath,
    logLevel: 'silent',
  });

  it('answers as the analysis on the host does', async () => {
    const logs: LogLine[] = [];
    const client = new AnalysisClient(workerBackend(workerPath, { contentPath }), onHostFailing, (line) =>
      logs.push(line),
    );
    try {
      const inWorker = await client.ask(document(1), SETTINGS, hover);
      const onHostClient = new AnalysisClient(
        inlineBackend(() => index),
        onHostFailing,
        () => {},
      );
      expect(inWorker).toEqual(await onHostClient.ask(document(1), SETTINGS, hover));
      expect(inWorker?.markdown).toContain('Dropout');
      expect(logs).toEqual([]);
    } finally {
      client.dispose();
    }
  });

  it.runIf(process.platform === 'linux')('runs at a lower priority than the thread that asks', async () => {
    const client = new AnalysisClient(workerBackend(workerPath, { contentPath }), onHostFailing, () => {});
    /** The nice value of each of this process's threads (field 19 of /proc/<pid>/task/<tid>/stat). */
    const niceness = () =>
      new Map(
        readdirSync('/proc/self/task').map((tid) => {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
          return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
        }),
      );
    const before = niceness();
    try {
      await client.ask(document(1), SETTINGS, hover);
      const after = niceness();
      const started = [...after].filter(([tid]) => !before.has(tid)).map(([, nice]) => nice);
      expect(after.get(process.pid)).toBe(before.get(process.pid));
      expect(started.filter((nice) => nice >= 10 && nice > before.get(process.pid)!)).toHaveLength(1);
    } finally {
      client.dispose();
    }
  });

  it('falls back to the host when the worker script is missing', async () => {
    const logs: LogLine[] = [];
    const client = new AnalysisClient(
      workerBackend(join(directory, 'missing.js'), { contentPath }),
      inlineBackend(() => index),
      (line) => logs.push(line),
    );
    expect((await client.ask(document(1), SETTINGS, hover))?.markdown).toContain('Dropout');
    expect(logs[0]?.message).toMatch(/^the analysis thread (stopped|did not start) \(.*missing\.js/);
  });
});
