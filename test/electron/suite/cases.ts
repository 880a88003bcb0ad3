// The extension in VS Code desktop, through the real API: activation, the hover, the light bulb, the
// mistake diagnostics and the contributed commands. The workspace is the examples folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCase } from './runner';

const EXTENSION_ID = 'dl-tutor.dl-tutor';
const DIAGNOSTIC_SOURCE = 'DL Tutor';

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

function example(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The position just inside the first occurrence of `text`, as where a person would rest the mouse. */
function inside(document: vscode.TextDocument, text: string): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.notEqual(offset, -1, `${text} is not in ${document.uri.fsPath}`);
  return document.positionAt(offset + 1);
}

function markdownOf(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** `line:check` for every line of the fixture that names the check it triggers in a trailing comment. */
function markedChecks(document: vscode.TextDocument): string[] {
  return document
    .getText()
    .split('\n')
    .flatMap((line, index) => {
      const marker = /# (\w+)$/.exec(line.trimEnd());
      return marker && !line.trimStart().startsWith('#') ? [`${index}:${marker[1]}`] : [];
    });
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

export const cases: readonly TestCase[] = [
  {
    name: 'activates on opening examples/pytorch_cnn.py',
    async run() {
      await open(example('pytorch_cnn.py'));
      await waitFor('the extension to activate', () => (extension().isActive ? true : undefined));
    },
  },
  {
    name: 'the hover on Dropout(p=0.8) explains dropout and that 80% of units are zeroed',
    async run() {
      const document = await open(example('pytorch_cnn.py'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        inside(document, 'Dropout(p='),
      );
      const text = markdownOf(hovers);
      assert.match(text, /\*\*Dropout\*\* · PyTorch `torch\.nn\.Dropout`/);
      assert.ok(
        text.includes('`p=0.8`: In training each unit is zeroed with probability 0.8 (about 80%)'),
        `the hover does not explain p=0.8:\n${text}`,
      );
    },
  },
  {
    name: 'the light bulb on Dropout offers "Explain Dropout"',
    async run() {
      const document = await open(example('pytorch_cnn.py'));
      const at = inside(document, 'Dropout(p=');
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        new vscode.Range(at, at),
      );
      const titles = actions.map((action) => action.title);
      assert.ok(titles.includes('Explain Dropout'), `offered: ${titles.join(', ')}`);
    },
  },
  {
    name: 'test/fixtures/mistakes_training.py gets a DL Tutor diagnostic on every marked line',
    async run() {
      const document = await open(
        vscode.Uri.joinPath(vscode.Uri.file(extension().extensionPath), 'test', 'fixtures', 'mistakes_training.py'),
      );
      const ours = (): vscode.Diagnostic[] =>
        vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
      const diagnostics = await waitFor('DL Tutor diagnostics', () => (ours().length ? ours() : undefined));
      assert.deepEqual(
        diagnostics.map((d) => `${d.range.start.line}:${codeOf(d)}`).sort(),
        markedChecks(document).sort(),
      );
      for (const diagnostic of diagnostics) {
        assert.ok(
          [vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Information].includes(diagnostic.severity),
          diagnostic.message,
        );
      }
    },
  },
  {
    name: 'every command in package.json is registered',
    async run() {
      const manifest = extension().packageJSON as { contributes: { commands: { command: string }[] } };
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = manifest.contributes.commands
        .map((entry) => entry.command)
        .filter((command) => !registered.has(command));
      assert.deepEqual(missing, []);
    },
  },
];
