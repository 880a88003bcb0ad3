// The extension-tests module VS Code loads with --extensionTestsPath: it resolves when every case
// passed and rejects otherwise, which sets VS Code's exit code.
import { cases } from './cases';
import { runCases } from './runner';

export function run(): Promise<void> {
  return runCases(cases);
}
