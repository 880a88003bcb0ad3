// Every command the extension registers, runs or links to, with the arguments it takes: the only place a
// command id is written. Registration (registerCommand), runs (runCommand), hover links (commandUri) and
// code actions, CodeLenses and status-bar items (commandCall) take these entries, so an id cannot be
// misspelt and arguments are type-checked. A unit test holds the table to package.json. Pure and free of
// the VS Code API, so pure modules and the webviews may import it too.

/** A `vscode.Uri`, described by its shape so that this table stays free of the VS Code API. */
export interface UriLike {
  readonly scheme: string;
  readonly fsPath: string;
}

/**
 * - `palette`: contributed in package.json (`contributes.commands`) and registered by the extension;
 * - `internal`: registered but not contributed, so not in the palette (`dlTutor.internal.*`);
 * - `view`: made by VS Code for a view the extension contributes;
 * - `builtIn`: VS Code's own.
 */
export type CommandKind = 'palette' | 'internal' | 'view' | 'builtIn';

export interface Command<Args extends readonly unknown[]> {
  readonly id: string;
  readonly kind: CommandKind;
  /** What the learner is told when the command fails (the palette title for contributed commands). */
  readonly title: string;
  /**
   * Never set: carries the argument types. A command can still be run with none or any (from the palette,
   * a keybinding), so handlers check what they get.
   */
  readonly argumentTypes?: Args;
}

export type ArgumentsOf<C> = C extends Command<infer Args> ? Args : never;

function command<Args extends readonly unknown[] = []>(kind: CommandKind, id: string, title: string): Command<Args> {
  return { id, kind, title };
}

export const COMMANDS = {
  explainConcept: command<[conceptId?: string]>('palette', 'dlTutor.explainConcept', 'Explain Concept...'),
  quizConcept: command<[conceptId?: string]>('palette', 'dlTutor.quizConcept', 'Quiz Me on a Concept...'),
  visualise: command<[visualisationId?: string, conceptId?: string]>(
    'palette',
    'dlTutor.visualise',
    'Open Visualisation...',
  ),
  showModelSummary: command<[document?: UriLike, line?: number]>(
    'palette',
    'dlTutor.showModelSummary',
    'Show Model Summary',
  ),
  quiz: command('palette', 'dlTutor.quiz', 'Quiz Me'),
  quizFile: command('palette', 'dlTutor.quizFile', 'Quiz Me on the Concepts in This File'),
  reviewDue: command('palette', 'dlTutor.reviewDue', 'Review Due Cards'),
  resetProgress: command('palette', 'dlTutor.resetProgress', 'Reset Progress'),
  exportProgress: command('palette', 'dlTutor.exportProgress', 'Export Progress...'),
  importProgress: command('palette', 'dlTutor.importProgress', 'Import Progress...'),
  exportAnkiDeck: command('palette', 'dlTutor.exportAnkiDeck', 'Export Deck for Anki...'),
  /** Which answer grader loaded; run by the end-to-end tests. */
  graderStatus: command('internal', 'dlTutor.internal.graderStatus', 'Grader Status'),
  /** The study sidebar's view (`dlTutor.study`), focused; linked from the walkthrough. */
  focusStudyView: command('view', 'dlTutor.study.focus', 'Open the Study View'),
  revealFileInOS: command<[resource: UriLike]>('builtIn', 'revealFileInOS', 'Reveal in File Explorer'),
  setContext: command<[key: string, value: unknown]>('builtIn', 'setContext', 'Set Context'),
} as const;

/** The part of a `vscode.Command` that names what to run (assignable to one). */
export interface CommandCall {
  title: string;
  command: string;
  arguments: unknown[];
}

/** A command with its arguments, for code actions, CodeLenses and status-bar items. */
export function commandCall<Args extends readonly unknown[]>(
  command: Command<Args>,
  title: string,
  ...args: Args
): CommandCall {
  return { title, command: command.id, arguments: [...args] };
}

/** A `command:` link URI with JSON arguments, as VS Code expects in trusted Markdown. */
export function commandUri<Args extends readonly unknown[]>(command: Command<Args>, ...args: Args): string {
  return `command:${command.id}?${encodeURIComponent(JSON.stringify(args))}`;
}
