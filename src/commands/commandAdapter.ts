// Registers and runs the commands of the command table. Every handler is guarded: a failure, thrown or
// rejected, is logged with its stack to the DL Tutor output channel and reported with a "Show Log"
// button, instead of VS Code's generic notification that names only the command id.
import * as vscode from 'vscode';
import { describeError, describeErrorWithStack } from '../errorText';
import type { ArgumentsOf, Command } from './commandTable';

export const SHOW_LOG = 'Show Log';

/** Registers a guarded handler; a failed command resolves to undefined once it is reported. */
export function registerCommand<C extends Command<readonly unknown[]>>(
  log: vscode.LogOutputChannel,
  command: C,
  handler: (...args: ArgumentsOf<C>) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
    try {
      // What callers in this code pass is type-checked by the table; handlers check what others pass.
      return await handler(...(args as unknown as ArgumentsOf<C>));
    } catch (error) {
      reportFailure(log, command, error);
      return undefined;
    }
  });
}

/** Runs a command with arguments of the types its table entry declares. */
export function runCommand<Args extends readonly unknown[]>(command: Command<Args>, ...args: Args): Thenable<unknown> {
  return vscode.commands.executeCommand(command.id, ...args);
}

function reportFailure(log: vscode.LogOutputChannel, command: Command<readonly unknown[]>, error: unknown): void {
  log.error(`command ${command.id} failed: ${describeErrorWithStack(error)}`);
  const name = command.title.replace(/\.\.\.$/, '');
  void vscode.window.showErrorMessage(`DL Tutor: ${name} failed: ${describeError(error)}`, SHOW_LOG).then((choice) => {
    if (choice === SHOW_LOG) log.show(true);
  });
}
