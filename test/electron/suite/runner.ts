// A sequential test runner for the extension host, where vitest cannot run: each case in order, reported
// as it finishes, with a time limit, so one hung case cannot stall the whole run.
import { describeErrorWithStack } from '../../../src/errorText';
export interface TestCase {
  name: string;
  run(): Promise<void>;
}

const CASE_TIMEOUT_MS = 30_000;

function withTimeout(work: Promise<void>, name: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish within ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Runs every case, then rejects if any failed. */
export async function runCases(cases: readonly TestCase[]): Promise<void> {
  const failed: string[] = [];
  for (const testCase of cases) {
    const started = Date.now();
    try {
      await withTimeout(testCase.run(), testCase.name);
      console.log(`  ok   ${testCase.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed.push(testCase.name);
      const detail = describeErrorWithStack(error);
      console.log(`  FAIL ${testCase.name}\n${detail.replace(/^/gm, '       ')}`);
    }
  }
  console.log(`${cases.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length) throw new Error(`${failed.length} of ${cases.length} cases failed: ${failed.join('; ')}`);
}
