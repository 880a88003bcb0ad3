// Loads the compiled content (dist/content.json, written by `cli validate --out`) into an index.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConceptIndex } from './conceptIndex';
import { conceptSchema } from './schema';
import { describeError } from '../errorText';

export function loadCompiledContent(path: string): ConceptIndex {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the compiled content at ${path}: ${describeError(error)}`);
  }
  const parsed = z.array(conceptSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`the compiled content at ${path} is invalid at ${issue.path.join('.')}: ${issue.message}; rebuild with npm run build`);
  }
  return new ConceptIndex(parsed.data);
}
