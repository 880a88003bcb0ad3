// Installs code-server (VS Code for the browser with a real Node extension host) into .vscode-test/,
// outside the project's own dependency tree, without downloading anything but npm packages. Idempotent:
// a finished install is recorded and reused.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { codeServerEntry, codeServerInstallDir } from './codeServer';

// code-server 4.100.x pins @vscode/ripgrep 1.15.11, whose postinstall fetches ripgrep release v13.0.0-10
// unless that archive is already in its cache folder.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, command))
    .find((file) => existsSync(file));
}

/** What the native modules and the ripgrep step need, with the Debian package that provides each. */
function checkPrerequisites(version: string): void {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(`only linux-x64 is supported (this is ${process.platform}-${process.arch})`);
  if (!process.versions.node.startsWith('20.'))
    throw new Error(`code-server ${version} needs Node 20 (this is ${process.version})`);
  const missing: string[] = [];
  if (!onPath('rg')) missing.push('ripgrep');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  for (const command of ['make', 'g++', 'python3']) if (!onPath(command)) missing.push(command);
  if (missing.length > 0)
    throw new Error(`missing build prerequisites; install them with: apt-get install -y ${missing.join(' ')}`);
}

function installedVersion(installDir: string, entry: string): string | undefined {
  try {
    const marker = JSON.parse(readFileSync(join(installDir, 'installed.json'), 'utf8')) as { version?: unknown };
    return existsSync(entry) && typeof marker.version === 'string' ? marker.version : undefined;
  } catch {
    return undefined;
  }
}

/** Puts the system ripgrep where @vscode/ripgrep's postinstall looks for a cached download. */
function seedRipgrepCache(tmpDir: string, rg: string): void {
  const cacheDir = join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const staging = join(tmpDir, 'rg-staging');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(rg, join(staging, 'rg'));
  const tar = spawnSync('tar', ['czf', join(cacheDir, RIPGREP_ARCHIVE), '-C', staging, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) throw new Error('could not pack the system ripgrep');
}

/** Installs the release unless it is there already (or `force`); returns its entry script. */
export function installCodeServer(projectRoot: string, version: string, force = false): string {
  const installDir = codeServerInstallDir(projectRoot, version);
  const entry = codeServerEntry(projectRoot, version);
  if (!force && installedVersion(installDir, entry) === version) {
    console.log(`code-server ${version} is already installed in ${installDir}.`);
    return entry;
  }
  checkPrerequisites(version);
  rmSync(installDir, { recursive: true, force: true });
  const tmpDir = join(installDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir, onPath('rg')!);
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'dl-tutor-code-server', private: true }));

  console.log(`Installing code-server ${version} into ${installDir} (builds native modules; about a minute)...`);
  const started = Date.now();
  const npm = spawnSync('npm', ['install', `code-server@${version}`, '--no-audit', '--no-fund', '--no-save'], {
    cwd: installDir,
    stdio: 'inherit',
    env: {
      ...process.env,
      TMPDIR: tmpDir,
      // code-server's postinstall refuses to run as root without it, and builds native modules with npx node-gyp.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
    },
  });
  if (npm.status !== 0)
    throw new Error(`npm install code-server@${version} failed (exit ${npm.status}); see the output above`);
  const ripgrep = join(
    installDir,
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'node_modules',
    '@vscode',
    'ripgrep',
  );
  if (!existsSync(join(ripgrep, 'bin', 'rg'))) throw new Error('code-server installed without ripgrep');
  writeFileSync(join(installDir, 'installed.json'), JSON.stringify({ version }) + '\n');
  console.log(`code-server ${version} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return entry;
}
