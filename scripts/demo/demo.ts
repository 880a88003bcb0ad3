// `npm run demo`: packages the extension, installs the VSIX into a fresh code-server with a copy of the
// examples, and serves it on 127.0.0.1 until Ctrl+C. Nothing but npm packages is downloaded.
// Usage: node dist/demo.js [--port N]   (or PORT=N; default 8080, or a free port if that is taken)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  codeServerEntry,
  DEFAULT_CODE_SERVER_VERSION,
  installExtension,
  logFile,
  prepareDirs,
  startCodeServer,
} from '../codeServer/codeServer';
import { installCodeServer } from '../codeServer/install';
import { copyExampleWorkspace, packagedVsix } from '../codeServer/workspace';
import { describeError } from '../../src/errorText';

// This file runs as the bundle dist/demo.js, one folder below the project root.
const ROOT = resolve(__dirname, '..');
const DEMO_DIR = join(ROOT, '.vscode-test', 'demo');
const DEFAULT_PORT = 8080;

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

function requestedPort(): number {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const text = values.port ?? process.env.PORT;
  if (text === undefined || text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`not a port number: ${text}`);
  return port;
}

function run(step: string, command: string, args: string[]): void {
  console.log(`\n> ${step}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    fail(`${step} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
}

async function main(): Promise<void> {
  const port = requestedPort();
  run('npm run package', 'npm', ['run', 'package']);
  console.log('\n> installing code-server');
  installCodeServer(ROOT, DEFAULT_CODE_SERVER_VERSION);

  // A fresh profile every time: the demo starts like a first install, with no progress or state.
  rmSync(DEMO_DIR, { recursive: true, force: true });
  const dirs = prepareDirs(codeServerEntry(ROOT, DEFAULT_CODE_SERVER_VERSION), DEMO_DIR);
  const workspace = join(DEMO_DIR, 'workspace');
  copyExampleWorkspace(ROOT, workspace);
  console.log('\n> installing the VSIX into code-server');
  installExtension(packagedVsix(ROOT), dirs);

  const server = await startCodeServer(dirs, workspace, { port });
  if (server.port !== port) console.log(`\nPort ${port} is taken; using ${server.port} instead.`);
  console.log(
    `\nDL Tutor is running in code-server. Open:\n\n  ${server.url}/?folder=${encodeURIComponent(workspace)}\n`,
  );
  console.log('Hover a call such as nn.Dropout(p=0.8) in pytorch_cnn.py; mistakes_training.py shows the diagnostics.');
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping code-server...`);
    void server.stop().then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);

  const code = await server.exited;
  if (!stopping) fail(`code-server exited unexpectedly (${code ?? 'signal'}); see ${logFile(dirs)}`);
}

main().catch((error: unknown) => fail(describeError(error)));
