// Bundles the VS Code desktop suite into out/electron: the runner (Node, with @vscode/test-electron left
// in node_modules) and the extension-tests module VS Code loads (CommonJS, `vscode` from the host).
// Usage: node scripts/electron/build.mjs   (the extension itself is built by npm run build)
import * as esbuild from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'info',
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['test/electron/runTests.ts'],
    outfile: 'out/electron/runTests.js',
    packages: 'external',
  }),
  esbuild.build({
    ...common,
    entryPoints: ['test/electron/suite/index.ts'],
    outfile: 'out/electron/suite/index.js',
    external: ['vscode'],
  }),
]);
