import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandCall, commandUri, type CommandKind } from '../../src/commands/commandTable';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command?: string; submenu?: string }[]>;
    keybindings?: { command: string }[];
    views?: Record<string, { id: string }[]>;
    walkthroughs?: { steps: { description: string; completionEvents?: string[] }[] }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const entries = Object.values(COMMANDS);
const ids = (...kinds: CommandKind[]): string[] =>
  entries.filter((command) => kinds.includes(command.kind)).map((command) => command.id);
const registered = new Set(ids('palette', 'internal'));
const known = new Set(entries.map((command) => command.id));
const viewIds = Object.values(manifest.contributes.views ?? {}).flatMap((views) => views.map((view) => view.id));

describe('the command table', () => {
  it('gives every command its own id', () => {
    expect(known.size).toBe(entries.length);
  });

  it('lists exactly the commands package.json contributes, with their titles', () => {
    const contributed = manifest.contributes.commands.map(({ command, title }) => ({ id: command, title }));
    const palette = entries.filter((command) => command.kind === 'palette').map(({ id, title }) => ({ id, title }));
    expect(palette.sort(byId)).toEqual(contributed.sort(byId));
  });

  it('keeps internal commands out of the palette and under dlTutor.internal', () => {
    const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
    for (const id of ids('internal')) {
      expect(contributed.has(id), id).toBe(false);
      expect(id).toMatch(/^dlTutor\.internal\./);
    }
  });

  it('names only view commands that VS Code makes for a contributed view', () => {
    for (const id of ids('view')) expect(viewIds.map((view) => `${view}.focus`)).toContain(id);
  });

  it('is what menus and keybindings run', () => {
    const menuCommands = Object.values(manifest.contributes.menus ?? {}).flatMap((items) =>
      items.flatMap((item) => (item.command ? [item.command] : [])),
    );
    const keyCommands = (manifest.contributes.keybindings ?? []).map((binding) => binding.command);
    expect([...menuCommands, ...keyCommands].filter((id) => !registered.has(id))).toEqual([]);
  });

  it('is what the walkthrough links to and completes on', () => {
    const steps = (manifest.contributes.walkthroughs ?? []).flatMap((walkthrough) => walkthrough.steps);
    const links = steps.flatMap((step) => [...step.description.matchAll(/\(command:([\w.-]+)/g)].map((m) => m[1]!));
    const events = steps.flatMap((step) => step.completionEvents ?? []);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((id) => !known.has(id))).toEqual([]);
    expect(commandsNamedBy(events).filter((id) => !registered.has(id))).toEqual([]);
    expect(viewsNamedBy(events).filter((id) => !viewIds.includes(id))).toEqual([]);
  });

  it('is what activation events name', () => {
    const kinds = new Set(manifest.activationEvents.map((event) => event.split(':')[0]));
    expect(
      [...kinds].filter((kind) => !['onLanguage', 'onCommand', 'onView', 'onWebviewPanel'].includes(kind!)),
    ).toEqual([]);
    expect(commandsNamedBy(manifest.activationEvents).filter((id) => !registered.has(id))).toEqual([]);
    expect(viewsNamedBy(manifest.activationEvents).filter((id) => !viewIds.includes(id))).toEqual([]);
  });

  it('restores every webview panel after a reload: one activation event per panel view type', () => {
    const declared = typeScriptFiles('src').flatMap((file) => viewTypesIn(file, readFileSync(file, 'utf8')));
    const events = manifest.activationEvents
      .filter((event) => event.startsWith('onWebviewPanel:'))
      .map((event) => event.slice('onWebviewPanel:'.length));
    expect(declared.length).toBeGreaterThan(0);
    expect(events.sort()).toEqual(declared.sort());
  });

  it('builds command calls and links with their arguments', () => {
    expect(commandCall(COMMANDS.visualise, 'Visualise Dropout', 'dropout', 'dropout')).toEqual({
      title: 'Visualise Dropout',
      command: 'dlTutor.visualise',
      arguments: ['dropout', 'dropout'],
    });
    expect(commandUri(COMMANDS.explainConcept, 'a"b')).toBe(
      `command:dlTutor.explainConcept?${encodeURIComponent('["a\\"b"]')}`,
    );
  });
});

describe('registration', () => {
  it('registers every palette and internal command of the table exactly once', () => {
    const names = typeScriptFiles('src').flatMap((file) => registeredIn(file, readFileSync(file, 'utf8')));
    const expected = Object.entries(COMMANDS)
      .filter(([, command]) => command.kind === 'palette' || command.kind === 'internal')
      .map(([name]) => name);
    expect(names.sort()).toEqual(expected.sort());
  });
});

describe('command ids outside the table', () => {
  const TABLE = join('src', 'commands', 'commandTable.ts');

  it('are never written as text in src/ or media/', () => {
    const found = ['src', 'media']
      .flatMap(typeScriptFiles)
      .filter((file) => file !== TABLE)
      .flatMap((file) => commandIdsWrittenIn(file).map((id) => `${file}: ${id}`));
    expect(found).toEqual([]);
  });

  it('are found by this test when they are written', () => {
    const source = [
      `const a = 'dlTutor.quiz';`,
      'const b = `command:dlTutor.explainConcept?${args}`;',
      `const VISUALISE_VIEW_TYPE = 'dlTutor.visualise';`,
    ].join('\n');
    expect(commandIdsIn('example.ts', source)).toEqual(['dlTutor.quiz', 'dlTutor.explainConcept']);
  });
});

function byId(a: { id: string }, b: { id: string }): number {
  return a.id.localeCompare(b.id);
}

function commandsNamedBy(events: string[]): string[] {
  return events.filter((event) => event.startsWith('onCommand:')).map((event) => event.slice('onCommand:'.length));
}

function viewsNamedBy(events: string[]): string[] {
  return events.filter((event) => event.startsWith('onView:')).map((event) => event.slice('onView:'.length));
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.split(/[\\/]/).includes('dist'))
    .map((path) => join(directory, path));
}

/** The webview panel view types a file declares (`const EXPLAIN_VIEW_TYPE = 'dlTutor.explain'`). */
function viewTypesIn(file: string, text: string): string[] {
  if (!text.includes('_VIEW_TYPE')) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isViewTypeDeclaration(node, source) && node.initializer && ts.isStringLiteralLike(node.initializer)) {
      found.push(node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isViewTypeDeclaration(node: ts.Node, source: ts.SourceFile): node is ts.VariableDeclaration {
  return ts.isVariableDeclaration(node) && /VIEW_TYPE$/.test(node.name.getText(source));
}

/** The table entries a file passes to registerCommand (`registerCommand(log, COMMANDS.quiz, ...)`). */
function registeredIn(file: string, text: string): string[] {
  if (!text.includes('registerCommand(')) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'registerCommand') {
      const command = node.arguments[1];
      if (command && ts.isPropertyAccessExpression(command) && command.expression.getText(source) === 'COMMANDS') {
        names.push(command.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

function commandIdsWrittenIn(file: string): string[] {
  return commandIdsIn(file, readFileSync(file, 'utf8'));
}

/**
 * The command ids in a file's string and template literals. A webview panel's view type may equal a
 * command id (`dlTutor.visualise` names both); it is a different namespace, so its declaration is allowed.
 */
function commandIdsIn(file: string, text: string): string[] {
  if (![...known].some((id) => text.includes(id))) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      if (!isViewTypeDeclaration(node.parent, source))
        found.push(...[...known].filter((id) => mentions(node.text, id)));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether text names the id as a whole (not as the start of a longer name such as `dlTutor.quizFile`). */
function mentions(text: string, id: string): boolean {
  return new RegExp(`(^|[^\\w.])${id.replace(/\./g, '\\.')}($|[^\\w.])`).test(text);
}
