// Reads a Python file for the command line the way the editor sees it: decoded, binary refused.
import { readFileSync } from 'node:fs';
import { decodePythonSource } from '../scanner/decodeSource';

export type PythonFile = { ok: true; text: string } | { ok: false; problem: string };

export function readPythonFile(file: string): PythonFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { ok: false, problem: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const decoded = decodePythonSource(bytes);
  return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, problem: `${file}: ${decoded.reason}` };
}
