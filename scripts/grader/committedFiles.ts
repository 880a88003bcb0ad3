// Compares freshly built model files with those committed in a directory, byte for byte, for
// `npm run build-model -- --check`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuiltFile {
  name: string;
  bytes: Uint8Array;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** One line per file saying whether the committed copy equals the build; `same` only if all do. */
export function compareWithCommitted(
  directory: string,
  files: readonly BuiltFile[],
): { same: boolean; lines: string[] } {
  const lines: string[] = [];
  let same = true;
  for (const { name, bytes } of files) {
    const path = join(directory, name);
    const committed = existsSync(path) ? readFileSync(path) : undefined;
    const equal = committed !== undefined && Buffer.compare(committed, bytes) === 0;
    lines.push(
      equal
        ? `${path}: identical to the rebuild`
        : committed
          ? `${path}: differs from the rebuild (sha256 ${sha256(committed)} committed, ${sha256(bytes)} rebuilt)`
          : `${path}: missing (the rebuild's sha256 is ${sha256(bytes)})`,
    );
    same &&= equal;
  }
  return { same, lines };
}
