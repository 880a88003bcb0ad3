// Runs code-server (VS Code for the browser, with a real Node extension host) for one test run: bound
// to 127.0.0.1 on a free port, no authentication (loopback only), fresh user-data and extensions
// folders, telemetry, update checks and workspace trust off.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_ENTRY = join(ROOT, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export interface CodeServerDirs {
  /** Holds everything code-server writes: config, data and the folders below. */
  root: string;
  userData: string;
  extensions: string;
}

export interface RunningCodeServer {
  url: string;
  stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and predictable: no welcome pages, tips or network checks. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

/** A shortcut for the tests only, since the internal grader status command is not in the palette. */
export const GRADER_STATUS_KEY = { vscode: 'ctrl+alt+shift+g', playwright: 'Control+Alt+Shift+G' };
const USER_KEYBINDINGS = [{ key: GRADER_STATUS_KEY.vscode, command: 'dlTutor.internal.graderStatus' }];

export function prepareDirs(root: string): CodeServerDirs {
  const dirs = { root, userData: join(root, 'user-data'), extensions: join(root, 'extensions') };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(join(dirs.userData, 'User', 'keybindings.json'), JSON.stringify(USER_KEYBINDINGS, null, 2));
  // An explicit, empty config file, so code-server never writes one into the home folder.
  writeFileSync(join(root, 'config.yaml'), '');
  return dirs;
}

function codeServerEnv(dirs: CodeServerDirs): NodeJS.ProcessEnv {
  // code-server keeps its own state under the XDG folders: point them at the run folder too.
  return { ...process.env, XDG_CONFIG_HOME: join(dirs.root, 'xdg-config'), XDG_DATA_HOME: join(dirs.root, 'xdg-data') };
}

function commonArgs(dirs: CodeServerDirs): string[] {
  return ['--config', join(dirs.root, 'config.yaml'), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** Installs a VSIX the way a user would, proving the package itself is complete. */
export function installExtension(vsix: string, dirs: CodeServerDirs): string {
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server is not installed: run node scripts/e2e/installCodeServer.mjs`);
  const result = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...commonArgs(dirs), '--force', '--install-extension', vsix], {
    env: codeServerEnv(dirs),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms`);
}

function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((done) => {
    const force = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    signalGroup(pid, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // The server's own process group: it, its extension host and the processes they started.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts code-server on `folder`, retrying on a new port if the first attempt does not come up. */
export async function startCodeServer(dirs: CodeServerDirs, folder: string, attempts = 3): Promise<RunningCodeServer> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const args = [
      CODE_SERVER_ENTRY,
      ...commonArgs(dirs),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      folder,
    ];
    const child = spawn(process.execPath, args, { env: codeServerEnv(dirs), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitForHealth(url, child, 60_000);
      return { url, stop: () => stopProcessGroup(child) };
    } catch (error) {
      lastError = new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
      await stopProcessGroup(child);
    }
  }
  throw lastError;
}
