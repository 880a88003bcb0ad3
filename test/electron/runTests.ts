// Runs the suite in test/electron/suite inside VS Code desktop, downloaded by @vscode/test-electron into
// .vscode-test/ (reused on later runs, also offline). Without a network the run is skipped, not failed:
// it exits 0 and says why. A failing case exits 1.
// Usage: node out/electron/runTests.js   (VSCODE_TEST_VERSION=1.100.0 picks a version; default: the
// newest stable release that satisfies engines.vscode)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, ProgressReportStage, runTests, type ProgressReporter } from '@vscode/test-electron';
import { describeError } from '../../src/errorText';

// This file runs as the bundle out/electron/runTests.js, two folders below the project root.
const ROOT = resolve(__dirname, '..', '..');
/** An idle timeout per request: offline, the version lookup fails fast instead of hanging. */
const DOWNLOAD_TIMEOUT_MS = 10_000;

/** Plain lines rather than a spinner: readable in CI logs, and nothing left spinning after a failure. */
function lineReporter(): ProgressReporter {
  let shownTenths = -1;
  return {
    report(report) {
      switch (report.stage) {
        case ProgressReportStage.ResolvedVersion:
          console.log(`VS Code ${report.version}`);
          break;
        case ProgressReportStage.FoundMatchingInstall:
          console.log(`using ${report.downloadedPath}`);
          break;
        case ProgressReportStage.Downloading: {
          const tenths = report.totalBytes ? Math.floor((10 * report.bytesSoFar) / report.totalBytes) : 0;
          if (tenths > shownTenths) console.log(`downloading ${report.url}: ${tenths * 10}%`);
          shownTenths = Math.max(shownTenths, tenths);
          break;
        }
        case ProgressReportStage.Retrying:
          console.log(
            `download failed (${describeError(report.error)}); attempt ${report.attempt} of ${report.totalAttempts}`,
          );
          break;
        case ProgressReportStage.NewInstallComplete:
          console.log(`installed in ${report.downloadedPath}`);
          break;
        default:
          break;
      }
    },
    // The caller reports the final error once, with its reason.
    error() {},
  };
}

async function main(): Promise<number> {
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: process.env.VSCODE_TEST_VERSION,
      extensionDevelopmentPath: ROOT,
      cachePath: join(ROOT, '.vscode-test'),
      reporter: lineReporter(),
      timeout: DOWNLOAD_TIMEOUT_MS,
    });
  } catch (error) {
    console.log(`skipped: could not download VS Code: ${describeError(error)}`);
    return 0;
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('VS Code desktop needs a display: run this under xvfb-run -a (Debian package xvfb)');
    return 1;
  }

  // A fresh profile every run, so no progress or state leaks between runs.
  const userData = mkdtempSync(join(tmpdir(), 'dl-tutor-vscode-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [
        join(ROOT, 'examples'),
        '--disable-extensions',
        '--disable-telemetry',
        '--disable-gpu',
        `--user-data-dir=${userData}`,
      ],
    });
    return 0;
  } catch (error) {
    console.error(`failed: ${describeError(error)}`);
    return 1;
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
