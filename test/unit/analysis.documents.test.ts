// The document analysis behind the hovers, diagnostics and CodeLens: one scan per version, partial and
// failed scans cached and logged once, stale requests skipped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalysisServer } from '../../src/analysis/analysisServer';
import { DocumentAnalyses, type Scan } from '../../src/analysis/documentAnalyses';
import type { AnalysisRequest, AnalysisResponse, AnalysisSettings, LogLine } from '../../src/analysis/protocol';
import { nextStep } from '../../src/analysis/requestQueue';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { parseConceptFile } from '../../src/content/validation';
import { CHECK_IDS } from '../../src/diagnostics/findings';
import { scanPython } from '../../src/scanner/scanner';

const index = new ConceptIndex(
  ['dropout', 'softmax'].map(
    (name) =>
      parseConceptFile({ name: `content/${name}.yaml`, text: readFileSync(`content/${name}.yaml`, 'utf8') }).concept!,
  ),
);
const SETTINGS: AnalysisSettings = { timeBudgetMs: 1000, maxFileSizeKB: 2048 };
const SOURCE = 'import torch.nn as nn\n\ndrop = nn.Dropout(p=0.95)\n';
const URI = 'file:///train.py';

/** A scan that counts its runs, optionally replaced by a failure. */
function countingScan(behaviour: 'real' | 'partial' | 'throws'): { scan: Scan; runs: () => number } {
  let runs = 0;
  const scan: Scan = (source, catalogue, options) => {
    runs += 1;
    if (behaviour === 'throws') throw new Error('tokenizer blew up');
    if (behaviour === 'real') return scanPython(source, catalogue, options);
    // A clock that jumps past any budget: the scan stops early, as on a huge file.
    let now = 0;
    return scanPython(source, catalogue, { ...options, clock: () => (now += 10_000) });
  };
  return { scan, runs: () => runs };
}

function analysesWith(behaviour: 'real' | 'partial' | 'throws') {
  const counted = countingScan(behaviour);
  const analyses = new DocumentAnalyses(
    () => index,
    () => true,
    counted.scan,
  );
  analyses.update(URI, 1, SOURCE, '/train.py');
  return { analyses, runs: counted.runs };
}

const hover = { kind: 'hover', line: 2, column: 10, length: 'short' } as const;

describe('document analyses', () => {
  it('scans a version once for hovers, concepts, lenses and findings', () => {
    const { analyses, runs } = analysesWith('real');
    const logs: LogLine[] = [];
    const input = { uri: URI, version: 1, settings: SETTINGS };
    const answer = analyses.answer(input, hover, logs) as { markdown: string } | undefined;
    expect(answer?.markdown).toContain('Dropout');
    expect(analyses.answer(input, { kind: 'conceptsAt', line: 2, column: 10 }, logs)).toEqual([
      { id: 'dropout', title: 'Dropout', visualisation: 'dropout' },
    ]);
    expect(analyses.answer(input, { kind: 'lenses' }, logs)).toEqual([]);
    const findings = analyses.answer(input, { kind: 'findings', enabledChecks: [...CHECK_IDS] }, logs);
    expect(findings).toEqual([expect.objectContaining({ check: 'extremeDropout', conceptTitle: 'Dropout' })]);
    expect(runs()).toBe(1);
    expect(logs).toEqual([]);
  });

  it('names a concept without its visualisation when this build cannot open it', () => {
    const analyses = new DocumentAnalyses(
      () => index,
      () => false,
    );
    analyses.update(URI, 1, SOURCE, '/train.py');
    const concepts = analyses.answer(
      { uri: URI, version: 1, settings: SETTINGS },
      { kind: 'conceptsAt', line: 2, column: 10 },
      [],
    );
    expect(concepts).toEqual([{ id: 'dropout', title: 'Dropout' }]);
  });

  it('scans again for a new version and drops the old one', () => {
    const { analyses, runs } = analysesWith('real');
    analyses.answer({ uri: URI, version: 1, settings: SETTINGS }, hover, []);
    analyses.update(URI, 2, SOURCE.replace('0.95', '0.2'), '/train.py');
    expect(analyses.has(URI, 1)).toBe(false);
    const findings = analyses.answer(
      { uri: URI, version: 2, settings: SETTINGS },
      { kind: 'findings', enabledChecks: [...CHECK_IDS] },
      [],
    );
    expect(findings).toEqual([]);
    expect(runs()).toBe(2);
    expect(analyses.answer({ uri: URI, version: 1, settings: SETTINGS }, hover, [])).toBeUndefined();
  });

  it('caches a scan stopped by the time budget: logged once, not repeated per hover', () => {
    const { analyses, runs } = analysesWith('partial');
    const logs: LogLine[] = [];
    for (let i = 0; i < 5; i += 1) analyses.answer({ uri: URI, version: 1, settings: SETTINGS }, hover, logs);
    expect(runs()).toBe(1);
    expect(logs).toEqual([
      { level: 'warn', message: expect.stringMatching(/^partial scan of \/train\.py: stopped after the time budget/) },
    ]);
  });

  it('caches a failed scan as an empty partial result: logged once, not repeated per hover', () => {
    const { analyses, runs } = analysesWith('throws');
    const logs: LogLine[] = [];
    for (let i = 0; i < 5; i += 1) {
      expect(analyses.answer({ uri: URI, version: 1, settings: SETTINGS }, hover, logs)).toBeUndefined();
    }
    expect(runs()).toBe(1);
    expect(logs).toEqual([{ level: 'warn', message: 'partial scan of /train.py: scan failed: tokenizer blew up' }]);
  });

  it('does not scan a file over the size limit or one that looks binary, and says so once', () => {
    const { analyses, runs } = analysesWith('real');
    const logs: LogLine[] = [];
    const small = { ...SETTINGS, maxFileSizeKB: 0.01 };
    for (let i = 0; i < 3; i += 1) analyses.answer({ uri: URI, version: 1, settings: small }, hover, logs);
    analyses.update('file:///weights.py', 1, 'import torch\u0000\u0001', '/weights.py');
    const lenses = analyses.answer(
      { uri: 'file:///weights.py', version: 1, settings: SETTINGS },
      { kind: 'lenses' },
      logs,
    );
    expect(lenses).toEqual([]);
    expect(runs()).toBe(0);
    expect(logs.map((line) => line.message)).toEqual([
      'not scanning /train.py: larger than dlTutor.scanner.maxFileSizeKB (0.01 KB)',
      'not scanning /weights.py: it looks binary',
    ]);
  });

  it('runs the checks again only when the enabled checks change', () => {
    const { analyses } = analysesWith('real');
    const input = { uri: URI, version: 1, settings: SETTINGS };
    const all = analyses.answer(input, { kind: 'findings', enabledChecks: [...CHECK_IDS] }, []);
    expect(analyses.answer(input, { kind: 'findings', enabledChecks: [...CHECK_IDS] }, [])).toBe(all);
    const without = CHECK_IDS.filter((id) => id !== 'extremeDropout');
    expect(analyses.answer(input, { kind: 'findings', enabledChecks: without }, [])).toEqual([]);
  });
});

describe('which waiting request runs next', () => {
  const request = (id: number, uri: string, version: number) => ({ id, uri, version });

  it('skips requests for older versions of a document than another waiting request, keeping the order', () => {
    const step = nextStep([request(1, 'a', 1), request(2, 'b', 4), request(3, 'a', 2), request(4, 'a', 2)]);
    expect(step.skipped.map((r) => r.id)).toEqual([1]);
    expect(step.run?.id).toBe(2);
    expect(step.rest.map((r) => r.id)).toEqual([3, 4]);
  });

  it('has nothing to run when nothing waits', () => {
    expect(nextStep([])).toEqual({ run: undefined, skipped: [], rest: [] });
  });
});

describe('analysis server', () => {
  function server() {
    const responses: AnalysisResponse[] = [];
    const deferred: (() => void)[] = [];
    const { analyses, runs } = analysesWith('real');
    const instance = new AnalysisServer(
      analyses,
      (response) => responses.push(response),
      (run) => deferred.push(run),
    );
    const drain = () => {
      while (deferred.length > 0) deferred.shift()!();
    };
    return { instance, responses, drain, runs };
  }
  const ask = (id: number, version: number, text?: string): AnalysisRequest => ({
    type: 'request',
    id,
    uri: URI,
    version,
    path: '/train.py',
    settings: SETTINGS,
    query: hover,
    ...(text === undefined ? {} : { text }),
  });

  it('answers only the newest version when edits arrive before the work starts', () => {
    const { instance, responses, drain, runs } = server();
    instance.receive(ask(1, 2, SOURCE));
    instance.receive(ask(2, 3, SOURCE.replace('0.95', '0.3')));
    drain();
    expect(responses.map((r) => [r.id, r.outcome])).toEqual([
      [1, 'skipped'],
      [2, 'answered'],
    ]);
    expect(runs()).toBe(1);
  });

  it('skips a cancelled request without running it', () => {
    const { instance, responses, drain, runs } = server();
    instance.receive(ask(1, 2, SOURCE));
    instance.receive({ type: 'cancel', id: 1 });
    drain();
    expect(responses).toEqual([{ id: 1, logs: [], outcome: 'skipped' }]);
    expect(runs()).toBe(0);
  });

  it('asks for the text of a version it does not have', () => {
    const { instance, responses, drain } = server();
    instance.receive(ask(1, 7));
    drain();
    expect(responses).toEqual([{ id: 1, logs: [], outcome: 'needsText' }]);
  });
});
