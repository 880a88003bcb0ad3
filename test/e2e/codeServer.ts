// The end-to-end suite's code-server: the shared launcher in scripts/codeServer, plus a keybinding only
// the tests use.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  codeServerEntry,
  prepareDirs as prepareCodeServerDirs,
  type CodeServerDirs,
} from '../../scripts/codeServer/codeServer';
import { COMMANDS } from '../../src/commands/commandTable';

export {
  installExtension,
  startCodeServer,
  type CodeServerDirs,
  type RunningCodeServer,
} from '../../scripts/codeServer/codeServer';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A shortcut for the tests only, since the internal grader status command is not in the palette. */
export const GRADER_STATUS_KEY = { vscode: 'ctrl+alt+shift+g', playwright: 'Control+Alt+Shift+G' };

export function prepareDirs(root: string): CodeServerDirs {
  return prepareCodeServerDirs(codeServerEntry(ROOT), root, [
    { key: GRADER_STATUS_KEY.vscode, command: COMMANDS.graderStatus.id },
  ]);
}
