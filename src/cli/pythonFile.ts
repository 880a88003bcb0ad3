// Reads a Python file for the command line the way the editor sees it: decoded, binary refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConceptIndex } from '../content/conceptIndex';
import { loadCompiledContent } from '../content/loadConcepts';
import { decodePythonSource } from '../scanner/decodeSource';
import { describeError } from '../errorText';

export type PythonFile = { ok: true; text: string } | { ok: false; problem: string };

export function readPythonFile(file: string): PythonFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { ok: false, problem: `cannot read ${file}: ${describeError(error)}` };
  }
  const decoded = decodePythonSource(bytes);
  return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, problem: `${file}: ${decoded.reason}` };
}

/** A file to analyse and the knowledge base built with the tool; on failure the problem is printed and undefined returned. */
export function readPythonFileWithContent(file: string): { text: string; index: ConceptIndex } | undefined {
  const source = readPythonFile(file);
  if (!source.ok) {
    console.error(source.problem);
    return undefined;
  }
  return { text: source.text, index: loadCompiledContent(join(__dirname, 'content.json')) };
}
