// Reads concept files from disk. The only file-system code of the content model.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CONCEPT_FILE_BYTES, type SourceFile } from './validation';

export function readContentDirectory(directory: string): SourceFile[] {
  return readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const path = join(directory, name);
      const size = statSync(path).size;
      // An oversized file is reported by validation instead of being read into memory.
      const text = size > MAX_CONCEPT_FILE_BYTES ? '' : readFileSync(path, 'utf8');
      return { name: path, text, byteLength: size };
    });
}
