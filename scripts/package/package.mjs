// Packages the extension as a platform-specific VSIX that carries only that platform's ONNX runtime.
// Usage: node scripts/package/package.mjs [--target linux-x64|linux-arm64|darwin-arm64|win32-x64|win32-arm64]
// The target defaults to this machine. .vscodeignore names linux/x64; the other targets get a copy of it
// with their own binary folder, so one allow-list serves every platform.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TARGETS = ['linux-x64', 'linux-arm64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

const flag = process.argv.indexOf('--target');
const target = flag >= 0 ? process.argv[flag + 1] : `${process.platform}-${process.arch}`;
if (!target || !TARGETS.includes(target))
  fail(`unsupported target ${target ?? '(none)'}; choose one of ${TARGETS.join(', ')}`);
const [os, arch] = target.split('-');

const runtime = join(ROOT, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', os, arch);
if (!existsSync(runtime)) fail(`onnxruntime-node has no binaries for ${target} in ${runtime}; run npm ci first`);

const ignoreFile = join(ROOT, '.vscode-test', `vscodeignore-${target}`);
mkdirSync(dirname(ignoreFile), { recursive: true });
const allowList = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
if (!allowList.includes('/linux/x64/')) fail('.vscodeignore no longer names the linux/x64 runtime folder');
writeFileSync(ignoreFile, allowList.replaceAll('/linux/x64/', `/${os}/${arch}/`));

const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `${name}-${target}-${version}.vsix`);
const vsce = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package',
    '--target',
    target,
    '--ignoreFile',
    ignoreFile,
    '--out',
    vsix,
    '--no-rewrite-relative-links',
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
if (vsce.status !== 0) fail(`vsce package failed (exit ${vsce.status})`);
console.log(`${vsix}: ${(statSync(vsix).size / 1024 / 1024).toFixed(1)} MB for ${target}`);
