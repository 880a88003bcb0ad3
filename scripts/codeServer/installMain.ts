// `node dist/install-code-server.js [--force] [--version X.Y.Z]`: installs code-server for the end-to-end
// suite and `npm run demo`: the release named, else CODE_SERVER_VERSION from the environment, else the default.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../../src/errorText';
import { selectedCodeServerVersion } from './codeServer';
import { installCodeServer } from './install';

// This file runs as the bundle dist/install-code-server.js, one folder below the project root.
const ROOT = resolve(__dirname, '..');

try {
  const { values } = parseArgs({ options: { force: { type: 'boolean' }, version: { type: 'string' } } });
  installCodeServer(ROOT, values.version ?? selectedCodeServerVersion(), values.force);
} catch (error) {
  console.error(`install-code-server: ${describeError(error)}`);
  process.exit(1);
}
