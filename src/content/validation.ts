// Turns raw concept files into validated concepts, with errors that name file, field and problem.
// Pure: callers supply file names and text, so this runs the same in tests, the CLI and the extension.
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { findCutShortValues } from './cutShortText';
import { conceptSchema, type Concept } from './schema';
import { isVisualisationId } from './visualisationIds';

export interface ContentError {
  file: string;
  /** Dotted path to the offending field, e.g. "questions[2].options"; empty for whole-file problems. */
  field: string;
  message: string;
}

export interface SourceFile {
  name: string;
  text: string;
  /** Size on disk when known; files over the limit are rejected without being parsed. */
  byteLength?: number;
  /** Why the file could not be read as text (a directory, invalid UTF-8, an I/O error); reported as is. */
  unreadable?: string;
}

export const MAX_CONCEPT_FILE_BYTES = 512 * 1024;
/** Aliases a concept file may expand; far more than real content uses, far fewer than a "billion laughs" file. */
export const MAX_YAML_ALIASES = 100;

/** Decodes a concept file's bytes as UTF-8, naming the first invalid byte rather than replacing it silently. */
export function decodeConceptText(bytes: Uint8Array): { text: string } | { unreadable: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // The valid prefix re-encodes to the same bytes, so the first difference is the first invalid byte.
    const reencoded = new TextEncoder().encode(new TextDecoder('utf-8').decode(bytes));
    let offset = 0;
    while (offset < bytes.length && bytes[offset] === reencoded[offset]) offset += 1;
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    const hex = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
    return { unreadable: `is not valid UTF-8: byte 0x${hex} at line ${line} (byte offset ${offset}); save the file as UTF-8` };
  }
}

export interface ValidationResult {
  concepts: Concept[];
  errors: ContentError[];
}

export function formatContentError(error: ContentError): string {
  return error.field ? `${error.file}: ${error.field}: ${error.message}` : `${error.file}: ${error.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  // Parsed with reportInput, an issue carries the value it rejected; YAML has no undefined, so that is a missing field.
  if (issue.code === 'invalid_type') return issue.input === undefined ? `is required (expected ${issue.expected})` : `must be ${article(issue.expected)}, not ${kindOf(issue.input)}`;
  return issue.message;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${JSON.stringify(value)?.slice(0, 40) ?? String(value)})`;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Parses and validates one concept file. */
export function parseConceptFile(file: SourceFile): { concept?: Concept; errors: ContentError[] } {
  const size = file.byteLength ?? file.text.length;
  if (size > MAX_CONCEPT_FILE_BYTES) {
    return { errors: [{ file: file.name, field: '', message: `is ${size} bytes; concept files are limited to ${MAX_CONCEPT_FILE_BYTES}` }] };
  }
  if (file.unreadable) return { errors: [{ file: file.name, field: '', message: file.unreadable }] };
  if (file.text.includes('\u0000')) {
    return { errors: [{ file: file.name, field: '', message: 'is binary, not YAML text' }] };
  }
  const document = parseDocument(file.text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      errors: document.errors.map((error) => ({
        file: file.name,
        field: '',
        message: `YAML syntax error at line ${lineAt(file.text, error.pos[0])}: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const cutShort = findCutShortValues(document, file.text);
  if (cutShort.length > 0) {
    return {
      errors: cutShort.map(({ field, kept, swallowed }) => ({
        file: file.name,
        field,
        message: `text is cut short at ' #': the value ends at "${kept}" and "#${swallowed}" became a YAML comment; quote the value`,
      })),
    };
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    const cause = error instanceof ReferenceError ? `expands more than ${MAX_YAML_ALIASES} YAML aliases` : `cannot be read as YAML (${String(error)})`;
    return { errors: [{ file: file.name, field: '', message: `${cause}; write the values out instead` }] };
  }
  if (raw === null || raw === undefined) return { errors: [{ file: file.name, field: '', message: 'is empty: a concept file needs id, title, topic, summary, explanation and references' }] };
  const result = conceptSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    return {
      errors: result.error.issues.map((issue) => ({
        file: file.name,
        field: formatPath(issue.path),
        message: describeIssue(issue),
      })),
    };
  }
  const expectedName = `${result.data.id}.yaml`;
  if (!file.name.endsWith(expectedName)) {
    return { errors: [{ file: file.name, field: 'id', message: `id '${result.data.id}' must match the file name (${expectedName})` }] };
  }
  return { concept: result.data, errors: [] };
}

/**
 * Checks that hold across files: unique ids, links that resolve, API symbols owned by one concept.
 * Links to `broken` ids (concepts whose own file has errors) are not reported again: one error each.
 */
export function checkAcrossConcepts(concepts: readonly { concept: Concept; file: string }[], broken: ReadonlySet<string> = new Set()): ContentError[] {
  const errors: ContentError[] = [];
  const ids = new Map<string, string>();
  for (const { concept, file } of concepts) {
    const previous = ids.get(concept.id);
    if (previous) errors.push({ file, field: 'id', message: `duplicate id '${concept.id}' (also in ${previous})` });
    else ids.set(concept.id, file);
  }
  const symbolOwner = new Map<string, string>();
  const questionOwner = new Map<string, string>();
  for (const { concept, file } of concepts) {
    concept.related.forEach((id, index) => {
      if (!ids.has(id) && !broken.has(id)) errors.push({ file, field: `related[${index}]`, message: `unknown concept id '${id}'` });
    });
    if (concept.visualisation && !isVisualisationId(concept.visualisation)) {
      errors.push({ file, field: 'visualisation', message: `unknown visualisation id '${concept.visualisation}'` });
    }
    concept.apis.forEach((api, index) => {
      const key = api.when ? `${api.symbol} when ${api.when.name} = ${api.when.equals.join(' or ')}` : api.symbol;
      const owner = symbolOwner.get(key);
      if (owner && owner !== concept.id) {
        errors.push({ file, field: `apis[${index}].symbol`, message: `'${key}' is already mapped to concept '${owner}'` });
      } else if (owner === concept.id) {
        errors.push({ file, field: `apis[${index}].symbol`, message: `'${key}' is listed twice` });
      } else symbolOwner.set(key, concept.id);
    });
    concept.questions.forEach((question, index) => {
      const owner = questionOwner.get(question.id);
      if (owner) errors.push({ file, field: `questions[${index}].id`, message: `duplicate question id '${question.id}' (also in ${owner})` });
      else questionOwner.set(question.id, file);
    });
  }
  return errors;
}

/** Validates a whole content set. Concepts are returned only when there are no errors at all. */
export function validateContent(files: readonly SourceFile[]): ValidationResult {
  const parsed: { concept: Concept; file: string }[] = [];
  const errors: ContentError[] = [];
  const broken = new Set<string>();
  for (const file of files) {
    const result = parseConceptFile(file);
    errors.push(...result.errors);
    if (result.concept) parsed.push({ concept: result.concept, file: file.name });
    else broken.add(file.name.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, ''));
  }
  errors.push(...checkAcrossConcepts(parsed, broken));
  return { concepts: errors.length === 0 ? parsed.map((p) => p.concept) : [], errors };
}
