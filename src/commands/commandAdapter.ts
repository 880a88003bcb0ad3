// Registers and runs the commands of the command table. Every handler, and every other action the learner
// starts from a webview, is guarded: a failure, thrown or rejected, is logged with its stack to the DL Tutor
// output channel and reported with a "Show Log" button, instead of VS Code's generic notification that names
// only the command id (or, for a webview button, nothing at all).
import * as vscode from 'vscode';
import { describeError, describeErrorWithStack } from '../errorText';
import type { ArgumentsOf, Command } from './commandTable';

export const SHOW_LOG = 'Show Log';

/** What the learner started: a command of the table, or an action with a title only. */
interface Action {
  readonly title: string;
  readonly id?: string;
}

/** Registers a guarded handler; a failed command resolves to undefined once it is reported. */
export function registerCommand<C extends Command<readonly unknown[]>>(
  log: vscode.LogOutputChannel,
  command: C,
  handler: (...args: ArgumentsOf<C>) => unknown,
): vscode.Disposable {
  // What callers in this code pass is type-checked by the table; handlers check what others pass.
  return vscode.commands.registerCommand(command.id, (...args: unknown[]) =>
    runGuarded(log, command, () => handler(...(args as unknown as ArgumentsOf<C>))),
  );
}

/** Runs an action and reports its failure; it then resolves to undefined. */
export async function runGuarded(log: vscode.LogOutputChannel, action: Action, run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    reportFailure(log, action, error);
    return undefined;
  }
}

/** Runs a command with arguments of the types its table entry declares. */
export function runCommand<Args extends readonly unknown[]>(command: Command<Args>, ...args: Args): Thenable<unknown> {
  return vscode.commands.executeCommand(command.id, ...args);
}

function reportFailure(log: vscode.LogOutputChannel, action: Action, error: unknown): void {
  log.error(`${action.id ? `command ${action.id}` : action.title} failed: ${describeErrorWithStack(error)}`);
  const name = action.title.replace(/\.\.\.$/, '');
  void vscode.window.showErrorMessage(`DL Tutor: ${name} failed: ${describeError(error)}`, SHOW_LOG).then((choice) => {
    if (choice === SHOW_LOG) log.show(true);
  });
}
