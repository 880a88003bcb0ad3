// Scans and checks a file for the command line as the editor does: within the same time budget, with
// each note on a partial result printed to standard error.
import type { ConceptIndex } from '../content/conceptIndex';
import { runChecks } from '../diagnostics/runChecks';
import type { Finding } from '../diagnostics/findings';
import { scanPython, type ScanResult } from '../scanner/scanner';
import { DEFAULT_TIME_BUDGET_MS, type WorkLimit } from '../scanner/workLimits';

const warn = (file: string, what: string) => (limit: WorkLimit) =>
  console.error(`warning: partial ${what} of ${file}: ${limit.message}`);

export function scanFile(file: string, text: string, index: ConceptIndex): ScanResult {
  const scan = scanPython(text, index, { timeBudgetMs: DEFAULT_TIME_BUDGET_MS });
  scan.limits.forEach(warn(file, 'scan'));
  return scan;
}

export function checkFile(file: string, text: string, index: ConceptIndex): Finding[] {
  return runChecks(
    text,
    scanFile(file, text, index),
    (symbol) => index.findSymbol(symbol)?.api.params,
    () => true,
    {
      timeBudgetMs: DEFAULT_TIME_BUDGET_MS,
      onLimit: warn(file, 'mistake checks'),
    },
  );
}
