// Reads concept files from disk. The only file-system code of the content model.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeConceptText, MAX_CONCEPT_FILE_BYTES, type SourceFile } from './validation';
import { describeError } from '../errorText';

export function readContentDirectory(directory: string): SourceFile[] {
  return readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => readConceptFile(join(directory, name)));
}

/** One file, never throwing: whatever stops it being read becomes the file's own error. */
function readConceptFile(path: string): SourceFile {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return { name: path, text: '', unreadable: 'is a directory, not a concept file; rename it so it does not end in .yaml' };
    // An oversized file is reported by validation instead of being read into memory.
    if (stats.size > MAX_CONCEPT_FILE_BYTES) return { name: path, text: '', byteLength: stats.size };
    return { name: path, byteLength: stats.size, text: '', ...decodeConceptText(readFileSync(path)) };
  } catch (error) {
    return { name: path, text: '', unreadable: `cannot be read (${describeError(error)})` };
  }
}
