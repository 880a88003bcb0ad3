// Once per e2e run: installs the packaged VSIX into a fresh code-server and starts it on a copy of the
// example workspace, so the tests can edit files freely. The tests reach it through inject('codeServer').
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { copyExampleWorkspace, packagedVsix } from '../../scripts/codeServer/workspace';
import { bundledVsCodeVersion, selectedCodeServerVersion } from '../../scripts/codeServer/codeServer';
import { installExtension, prepareDirs, ROOT, startCodeServer } from './codeServer';

export interface CodeServerRun {
  url: string;
  workspace: string;
  userData: string;
  extensions: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    codeServer: CodeServerRun;
  }
}

const RUN_DIR = join(ROOT, '.vscode-test', 'e2e-run');

/** The VS Code version under test, refused when package.json's `engines.vscode` (`^1.100.0`) excludes it. */
function checkedVsCodeVersion(entry: string): string {
  const version = bundledVsCodeVersion(entry);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  const minimum = manifest.engines.vscode.replace(/^\^/, '');
  const parts = (text: string) => text.split('.').map(Number);
  const [major, minor, patch] = parts(version ?? '0.0.0');
  const [minMajor, minMinor, minPatch] = parts(minimum);
  const accepted = major === minMajor && (minor! > minMinor! || (minor === minMinor && patch! >= minPatch!));
  if (!version || !accepted)
    throw new Error(
      `code-server in ${entry} carries VS Code ${version ?? '(unknown)'}, which engines.vscode ^${minimum} excludes`,
    );
  return version;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  rmSync(RUN_DIR, { recursive: true, force: true });
  const dirs = prepareDirs(RUN_DIR);
  const workspace = join(RUN_DIR, 'workspace');
  copyExampleWorkspace(ROOT, workspace);

  const vscodeVersion = checkedVsCodeVersion(dirs.entry);
  installExtension(packagedVsix(ROOT), dirs);
  const server = await startCodeServer(dirs, workspace);
  console.log(
    `code-server ${selectedCodeServerVersion()} (VS Code ${vscodeVersion}) on ${server.url} with the VSIX installed, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  project.provide('codeServer', { url: server.url, workspace, userData: dirs.userData, extensions: dirs.extensions });
  return () => server.stop();
}
