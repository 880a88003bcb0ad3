// Once per e2e run: installs the packaged VSIX into a fresh code-server and starts it on a copy of the
// example workspace, so the tests can edit files freely. The tests reach it through inject('codeServer').
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { copyExampleWorkspace, packagedVsix } from '../../scripts/codeServer/workspace';
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  rmSync(RUN_DIR, { recursive: true, force: true });
  const dirs = prepareDirs(RUN_DIR);
  const workspace = join(RUN_DIR, 'workspace');
  copyExampleWorkspace(ROOT, workspace);

  installExtension(packagedVsix(ROOT), dirs);
  const server = await startCodeServer(dirs, workspace);
  console.log(
    `code-server on ${server.url} with the VSIX installed, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  project.provide('codeServer', { url: server.url, workspace, userData: dirs.userData, extensions: dirs.extensions });
  return () => server.stop();
}
