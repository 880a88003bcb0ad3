// Runs code-server (VS Code for the browser, with a real Node extension host) from its install in
// .vscode-test/code-server: bound to 127.0.0.1, so no authentication is needed; fresh user-data and
// extensions folders; telemetry, update checks and workspace trust off. Shared by the end-to-end suite
// and `npm run demo`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { describeError } from '../../src/errorText';

/** The code-server release the suites and the demo run by default: the last that runs on Node 20 (VS Code 1.100.3). */
export const DEFAULT_CODE_SERVER_VERSION = '4.100.3';

/** The release to install and run: `CODE_SERVER_VERSION` from the environment, else the default. */
export function selectedCodeServerVersion(): string {
  return process.env.CODE_SERVER_VERSION || DEFAULT_CODE_SERVER_VERSION;
}

/** Where install.ts puts a code-server release: `.vscode-test/code-server`, or `code-server-<version>` for another. */
export function codeServerInstallDir(projectRoot: string, version = selectedCodeServerVersion()): string {
  return join(
    projectRoot,
    '.vscode-test',
    version === DEFAULT_CODE_SERVER_VERSION ? 'code-server' : `code-server-${version}`,
  );
}

/** The entry script of an installed code-server release. */
export function codeServerEntry(projectRoot: string, version = selectedCodeServerVersion()): string {
  return join(codeServerInstallDir(projectRoot, version), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The VS Code version inside an installed code-server release, or undefined when it cannot be read. */
export function bundledVsCodeVersion(entry: string): string | undefined {
  try {
    const manifest = join(dirname(entry), '..', '..', 'lib', 'vscode', 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

export interface CodeServerDirs {
  /** The code-server entry script these folders are used with. */
  entry: string;
  /** Holds everything code-server writes: config, data and the folders below. */
  root: string;
  userData: string;
  extensions: string;
}

export interface RunningCodeServer {
  /** The server's origin, such as http://127.0.0.1:8080. */
  url: string;
  port: number;
  /** Settles when the server exits, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The port to try first; a free one is used if it is taken. Without it, any free port. */
  port?: number;
  /** Starts to try, each on a new port, before giving up. */
  attempts?: number;
}

/** Loopback only: `--auth none` is safe because nothing off this machine can connect. */
const HOST = '127.0.0.1';

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

export function prepareDirs(entry: string, root: string, keybindings: object[] = []): CodeServerDirs {
  const dirs = { entry, root, userData: join(root, 'user-data'), extensions: join(root, 'extensions') };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(join(dirs.userData, 'User', 'keybindings.json'), JSON.stringify(keybindings, null, 2));
  // An explicit, empty config file, so code-server never writes one into the home folder.
  writeFileSync(join(root, 'config.yaml'), '');
  return dirs;
}

/** What the last started server printed. */
export function logFile(dirs: CodeServerDirs): string {
  return join(dirs.root, 'code-server.log');
}

function codeServerEnv(dirs: CodeServerDirs): NodeJS.ProcessEnv {
  // code-server keeps its own state under the XDG folders: point them at the run folder too.
  return { ...process.env, XDG_CONFIG_HOME: join(dirs.root, 'xdg-config'), XDG_DATA_HOME: join(dirs.root, 'xdg-data') };
}

function commonArgs(dirs: CodeServerDirs): string[] {
  return [
    '--config',
    join(dirs.root, 'config.yaml'),
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
}

/** Installs a VSIX the way a user would, proving the package itself is complete. */
export function installExtension(vsix: string, dirs: CodeServerDirs): string {
  if (!existsSync(dirs.entry))
    throw new Error(`code-server is not installed in ${dirs.entry}: run node dist/install-code-server.js`);
  const result = spawnSync(
    process.execPath,
    [dirs.entry, ...commonArgs(dirs), '--force', '--install-extension', vsix],
    {
      env: codeServerEnv(dirs),
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (result.status !== 0)
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Listens on `port` (0: any) and closes again, resolving the port that was bound, or undefined if it is taken. */
function tryPort(port: number): Promise<number | undefined> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(undefined));
    server.listen(port, HOST, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolvePort(bound));
    });
  });
}

async function pickPort(preferred: number | undefined): Promise<number> {
  const port = (preferred === undefined ? undefined : await tryPort(preferred)) ?? (await tryPort(0));
  if (port === undefined) throw new Error(`no free port on ${HOST}`);
  return port;
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

function stopProcessGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  const force = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5000);
  signalGroup(pid, 'SIGTERM');
  return exited.then(() => clearTimeout(force));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // The server's own process group: it, its extension host and the processes they started.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts code-server on `folder`, retrying on a new port if an attempt does not come up. */
export async function startCodeServer(
  dirs: CodeServerDirs,
  folder: string,
  options: StartOptions = {},
): Promise<RunningCodeServer> {
  const attempts = options.attempts ?? 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await pickPort(attempt === 1 ? options.port : undefined);
    const url = `http://${HOST}:${port}`;
    const args = [
      dirs.entry,
      ...commonArgs(dirs),
      '--bind-addr',
      `${HOST}:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      folder,
    ];
    // Detached: its own process group, which Ctrl+C in a terminal does not reach and stop() ends as a whole.
    const child = spawn(process.execPath, args, {
      env: codeServerEnv(dirs),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((settle) => child.once('exit', (code) => settle(code)));
    // Everything it prints goes to the log file; the start-up part also into the error, should it not come up.
    const log = createWriteStream(logFile(dirs));
    child.once('close', () => log.end());
    let output = '';
    const collect = (chunk: Buffer): void => void (output += chunk.toString());
    for (const stream of [child.stdout, child.stderr]) {
      stream?.pipe(log, { end: false });
      stream?.on('data', collect);
    }
    try {
      await waitForHealth(url, child, 60_000);
      for (const stream of [child.stdout, child.stderr]) stream?.off('data', collect);
      return { url, port, exited, stop: () => stopProcessGroup(child, exited) };
    } catch (error) {
      lastError = new Error(`${describeError(error)}\n${output}`);
      await stopProcessGroup(child, exited);
    }
  }
  throw lastError;
}
