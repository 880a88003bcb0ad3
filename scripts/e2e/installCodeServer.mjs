// Installs code-server (VS Code for the browser with a real Node extension host) into
// .vscode-test/code-server/, outside the project's own dependency tree, without downloading anything
// but npm packages. Idempotent: a finished install is recorded and reused.
// Usage: node scripts/e2e/installCodeServer.mjs [--force]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The last release that runs on Node 20; it pins @vscode/ripgrep 1.15.11, whose postinstall fetches
// ripgrep release v13.0.0-10 unless that archive is already in its cache folder.
export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const INSTALL_DIR = join(ROOT, '.vscode-test', 'code-server');
export const CODE_SERVER_BIN = join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const MARKER = join(INSTALL_DIR, 'installed.json');

function fail(message) {
  console.error(`installCodeServer: ${message}`);
  process.exit(1);
}

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, command))
    .find((file) => existsSync(file));
}

/** What the native modules and the ripgrep step need, with the Debian package that provides each. */
function checkPrerequisites() {
  const missing = [];
  if (process.platform !== 'linux' || process.arch !== 'x64')
    fail(`only linux-x64 is supported (this is ${process.platform}-${process.arch})`);
  if (!process.versions.node.startsWith('20.'))
    fail(`code-server ${CODE_SERVER_VERSION} needs Node 20 (this is ${process.version})`);
  if (!onPath('rg')) missing.push('ripgrep');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  for (const [command, pkg] of [
    ['make', 'make'],
    ['g++', 'g++'],
    ['python3', 'python3'],
  ])
    if (!onPath(command)) missing.push(pkg);
  if (missing.length) fail(`missing build prerequisites; install them with: apt-get install -y ${missing.join(' ')}`);
}

function installedVersion() {
  try {
    return existsSync(CODE_SERVER_BIN) ? JSON.parse(readFileSync(MARKER, 'utf8')).version : undefined;
  } catch {
    return undefined;
  }
}

/** Puts the system ripgrep where @vscode/ripgrep's postinstall looks for a cached download. */
function seedRipgrepCache(tmpDir) {
  const cacheDir = join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const staging = join(tmpDir, 'rg-staging');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(onPath('rg'), join(staging, 'rg'));
  const tar = spawnSync('tar', ['czf', join(cacheDir, RIPGREP_ARCHIVE), '-C', staging, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) fail('could not pack the system ripgrep');
}

function install() {
  checkPrerequisites();
  rmSync(INSTALL_DIR, { recursive: true, force: true });
  const tmpDir = join(INSTALL_DIR, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  writeFileSync(
    join(INSTALL_DIR, 'package.json'),
    JSON.stringify({ name: 'dl-tutor-code-server', private: true }, null, 2),
  );

  console.log(
    `Installing code-server ${CODE_SERVER_VERSION} into ${INSTALL_DIR} (builds native modules; about a minute)...`,
  );
  const started = Date.now();
  const npm = spawnSync(
    'npm',
    ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund', '--no-save'],
    {
      cwd: INSTALL_DIR,
      stdio: 'inherit',
      env: {
        ...process.env,
        TMPDIR: tmpDir,
        // code-server's postinstall refuses to run as root without it, and builds native modules with npx node-gyp.
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
      },
    },
  );
  if (npm.status !== 0)
    fail(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${npm.status}); see the output above`);
  if (
    !existsSync(
      join(
        INSTALL_DIR,
        'node_modules',
        'code-server',
        'lib',
        'vscode',
        'node_modules',
        '@vscode',
        'ripgrep',
        'bin',
        'rg',
      ),
    )
  ) {
    fail('code-server installed without ripgrep');
  }
  writeFileSync(MARKER, JSON.stringify({ version: CODE_SERVER_VERSION }) + '\n');
  console.log(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (!process.argv.includes('--force') && installedVersion() === CODE_SERVER_VERSION) {
    console.log(`code-server ${CODE_SERVER_VERSION} is already installed in ${INSTALL_DIR}.`);
  } else {
    install();
  }
}
