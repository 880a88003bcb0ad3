// Prints performance figures. Measured, never asserted: compare runs on the same machine.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCompiledContent } from '../src/content/loadConcepts';
import { hoverAt } from '../src/editor/hoverAt';
import { runChecks } from '../src/diagnostics/runChecks';
import { scanPython } from '../src/scanner/scanner';
import { benchEditorThread } from './benchEditorThread';
import { benchExtensionHost, benchExtensionHostInFreshProcess, EXTENSION_HOST_FLAG } from './benchExtensionHost';
import { benchGrader } from './benchGrader';
import { pathologicalSources } from './pathologicalSources';
import { generateTrainingScript } from './syntheticTrainingScript';
import { describeError } from '../src/errorText';

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function format(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

function benchScanner(): void {
  const index = loadCompiledContent(join(__dirname, 'content.json'));
  const source = generateTrainingScript(10_000);
  const lines = source.split('\n').length;
  scanPython(source, index); // warm-up: JIT and lazily built tables
  const runs: number[] = [];
  let uses = 0;
  for (let i = 0; i < 10; i += 1) {
    const started = performance.now();
    uses = scanPython(source, index).uses.length;
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `scanner: ${lines} lines, ${uses} API uses; scan time median ${format(percentile(runs, 0.5))}, max ${format(runs[runs.length - 1]!)} (10 runs)`,
  );

  const scan = scanPython(source, index);
  const contextStarted = performance.now();
  hoverAt(source, scan, index, scan.uses[0]!.range.startLine, scan.uses[0]!.range.startColumn, {
    length: 'short',
    canVisualise: () => true,
  });
  console.log(
    `first hover of the file (reads the file-wide context once): ${format(performance.now() - contextStarted)}`,
  );
  const positions = scan.uses.map((use) => [use.range.startLine, use.range.startColumn + 1] as const);
  const timings: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const [line, character] of positions) {
      const started = performance.now();
      hoverAt(source, scan, index, line, character, { length: 'short', canVisualise: () => true });
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  console.log(
    `hover lookup (find use at position + build hover text): median ${format(percentile(timings, 0.5))}, p99 ${format(percentile(timings, 0.99))} over ${timings.length} hovers`,
  );
}

// The grader runs first, in a process that has allocated nothing else yet, so that the memory it adds
// is measured against a clean baseline rather than against the scanner's garbage.
/**
 * Scan, check and hover times of the inputs that once froze the extension host, without a time budget so
 * that the whole work is measured (the editor would stop at dlTutor.scanner.timeBudgetMs). Best of 3 runs.
 */
function benchPathological(): void {
  const index = loadCompiledContent(join(__dirname, 'content.json'));
  const paramsFor = (symbol: string) => index.findSymbol(symbol)?.api.params;
  console.log('pathological inputs (best of 3; scan + checks + one hover after the hostile part):');
  for (const { name, source } of pathologicalSources()) {
    const best = { scan: Infinity, check: Infinity, hover: Infinity };
    let notes = '';
    for (let run = 0; run < 3; run += 1) {
      let started = performance.now();
      const scan = scanPython(source, index);
      best.scan = Math.min(best.scan, performance.now() - started);
      started = performance.now();
      runChecks(source, scan, paramsFor);
      best.check = Math.min(best.check, performance.now() - started);
      const lastUse = scan.uses[scan.uses.length - 1]!;
      started = performance.now();
      hoverAt(source, scan, index, lastUse.range.startLine, lastUse.range.startColumn, {
        length: 'short',
        canVisualise: () => true,
      });
      best.hover = Math.min(best.hover, performance.now() - started);
      notes = scan.limits.map((limit) => limit.kind).join(', ');
    }
    const total = best.scan + best.check;
    console.log(
      `  ${name}: scan ${format(best.scan)}, checks ${format(best.check)}, total ${format(total)}; hover ${format(best.hover)}${notes ? ` (partial: ${notes})` : ''}`,
    );
  }
}

if (process.argv.includes(EXTENSION_HOST_FLAG)) {
  benchExtensionHost().catch((error: unknown) => {
    console.error(`extension-host benchmark failed: ${describeError(error)}`);
    process.exitCode = 1;
  });
} else {
  runAll();
}

function runAll(): void {
  benchGrader()
    .catch((error: unknown) => {
      console.error(`grader benchmark failed: ${describeError(error)}`);
      process.exitCode = 1;
    })
    .then(benchScanner)
    .then(benchPathological)
    .then(benchEditorThread)
    .then(benchExtensionHostInFreshProcess)
    .catch((error: unknown) => {
      console.error(`benchmark failed: ${describeError(error)}`);
      process.exitCode = 1;
    });
}
