import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscode from 'vscode';

// A small fake of the VS Code API: registered handlers by id, error messages shown, and the button the
// learner picks on them.
const handlers = new Map<string, (...args: unknown[]) => unknown>();
const errorsShown: { message: string; buttons: string[] }[] = [];
const executed: { id: string; args: unknown[] }[] = [];
let pickedButton: string | undefined;
vi.mock('vscode', () => ({
  commands: {
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      handlers.set(id, handler);
      return { dispose: () => handlers.delete(id) };
    },
    executeCommand: (id: string, ...args: unknown[]) => {
      executed.push({ id, args });
      return Promise.resolve(undefined);
    },
  },
  window: {
    showErrorMessage: (message: string, ...buttons: string[]) => {
      errorsShown.push({ message, buttons });
      return Promise.resolve(pickedButton);
    },
  },
}));
const { registerCommand, runCommand, runGuarded, SHOW_LOG } = await import('../../src/commands/commandAdapter');
const { COMMANDS } = await import('../../src/commands/commandTable');

function fakeLog(): { channel: vscode.LogOutputChannel; errors: string[]; shown: () => number } {
  const errors: string[] = [];
  let shown = 0;
  const channel = {
    error: (message: string) => errors.push(message),
    show: () => (shown += 1),
  } as unknown as vscode.LogOutputChannel;
  return { channel, errors, shown: () => shown };
}

/** Runs a registered command as VS Code would, then lets the error message's button promise settle. */
async function run(id: string, ...args: unknown[]): Promise<unknown> {
  const handler = handlers.get(id);
  if (!handler) throw new Error(`${id} is not registered`);
  const result = await handler(...args);
  await new Promise((resolve) => setImmediate(resolve));
  return result;
}

function failExplaining(conceptId?: string): never {
  throw new Error(`no concept named ${conceptId}`);
}

describe('registerCommand', () => {
  beforeEach(() => {
    handlers.clear();
    errorsShown.length = 0;
    executed.length = 0;
    pickedButton = undefined;
  });

  it('passes the arguments through and returns what the handler returns', async () => {
    const log = fakeLog();
    registerCommand(log.channel, COMMANDS.visualise, (visualisationId, conceptId) => `${visualisationId}/${conceptId}`);
    expect(await run('dlTutor.visualise', 'dropout', 'regularisation')).toBe('dropout/regularisation');
    expect(log.errors).toEqual([]);
    expect(errorsShown).toEqual([]);
  });

  it('logs the stack of a handler that throws and offers the log', async () => {
    const log = fakeLog();
    registerCommand(log.channel, COMMANDS.explainConcept, failExplaining);
    expect(await run('dlTutor.explainConcept', 'gelu')).toBeUndefined();
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]).toContain('command dlTutor.explainConcept failed: Error: no concept named gelu');
    expect(log.errors[0]).toContain('at failExplaining');
    expect(errorsShown).toEqual([
      { message: 'DL Tutor: Explain Concept failed: no concept named gelu', buttons: [SHOW_LOG] },
    ]);
    expect(log.shown()).toBe(0);
  });

  it('reports a handler whose promise rejects, and reveals the log when asked', async () => {
    const log = fakeLog();
    pickedButton = SHOW_LOG;
    registerCommand(log.channel, COMMANDS.exportProgress, async () => {
      await Promise.resolve();
      throw new Error('disk full');
    });
    await run('dlTutor.exportProgress');
    expect(log.errors[0]).toMatch(/^command dlTutor\.exportProgress failed: Error: disk full\n\s+at /);
    expect(errorsShown.map((shown) => shown.message)).toEqual(['DL Tutor: Export Progress failed: disk full']);
    expect(log.shown()).toBe(1);
  });

  it('reports a thrown value that is not an Error', async () => {
    const log = fakeLog();
    registerCommand(log.channel, COMMANDS.quiz, () => {
      // What a careless library might throw.
      throw 'no questions';
    });
    await run('dlTutor.quiz');
    expect(log.errors).toEqual(['command dlTutor.quiz failed: no questions']);
    expect(errorsShown.map((shown) => shown.message)).toEqual(['DL Tutor: Quiz Me failed: no questions']);
  });
});

describe('runGuarded', () => {
  beforeEach(() => {
    errorsShown.length = 0;
    pickedButton = undefined;
  });

  it('reports a failed action that is not a command by its title', async () => {
    const log = fakeLog();
    const result = await runGuarded(log.channel, { title: 'Quiz Me on a Topic' }, () => failExplaining('optimisers'));
    expect(result).toBeUndefined();
    expect(log.errors[0]).toMatch(/^Quiz Me on a Topic failed: Error: no concept named optimisers\n\s+at /);
    expect(errorsShown).toEqual([
      { message: 'DL Tutor: Quiz Me on a Topic failed: no concept named optimisers', buttons: [SHOW_LOG] },
    ]);
  });

  it('returns what a successful action returns, reporting nothing', async () => {
    const log = fakeLog();
    expect(await runGuarded(log.channel, { title: 'Quiz Me Again' }, () => Promise.resolve(3))).toBe(3);
    expect([log.errors, errorsShown]).toEqual([[], []]);
  });
});

describe('runCommand', () => {
  it('runs the command by its id with its arguments', async () => {
    await runCommand(COMMANDS.quizConcept, 'dropout');
    expect(executed).toEqual([{ id: 'dlTutor.quizConcept', args: ['dropout'] }]);
  });
});
