// Builds the extension host bundle, the command-line tool and each webview script.
// Usage: node esbuild.config.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
};

/** Node-side bundles: the extension host and the command-line tools. */
const nodeBuild = {
  ...common,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // vscode is provided by the host; onnxruntime-node carries native binaries and is loaded lazily.
  external: ['vscode', 'onnxruntime-node'],
  entryPoints: {
    extension: 'src/extension.ts',
    // The document analysis runs in this worker thread, off the extension host's thread.
    analysisWorker: 'src/analysis/analysisWorker.ts',
    cli: 'src/cli/main.ts',
    bench: 'scripts/bench.ts',
    'build-model': 'scripts/grader/buildModel.ts',
    'eval-grader': 'scripts/grader/evalGrader.ts',
    demo: 'scripts/demo/demo.ts',
    'install-code-server': 'scripts/codeServer/installMain.ts',
  },
  outdir: 'dist',
};

/** Every media/<name>/main.ts is one webview script, bundled for the browser with no Node access. */
const webviewEntries = Object.fromEntries(
  (existsSync('media') ? readdirSync('media', { withFileTypes: true }) : [])
    .filter((entry) => entry.isDirectory() && existsSync(`media/${entry.name}/main.ts`))
    .map((entry) => [entry.name, `media/${entry.name}/main.ts`]),
);

const webviewBuild = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  entryPoints: webviewEntries,
  outdir: 'media/dist',
};

/** KaTeX's stylesheet and fonts, served to the explanation webview from media/ (woff2 is all Chromium needs). */
function copyKatexAssets() {
  const from = 'node_modules/katex/dist';
  mkdirSync('media/dist/katex/fonts', { recursive: true });
  copyFileSync(`${from}/katex.min.css`, 'media/dist/katex/katex.min.css');
  for (const font of readdirSync(`${from}/fonts`).filter((name) => name.endsWith('.woff2'))) {
    copyFileSync(`${from}/fonts/${font}`, `media/dist/katex/fonts/${font}`);
  }
}
copyKatexAssets();

const builds = [nodeBuild, ...(Object.keys(webviewEntries).length ? [webviewBuild] : [])];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
