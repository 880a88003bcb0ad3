// One line of the batch format (`cli grade`): parses a JSON line into a question and an answer,
// and writes the input back with the grade added. Pure; never throws on bad input.
import { MAX_KEY_POINTS, MAX_MISCONCEPTIONS } from './modelInputs';
import type { GradableMisconception, GradableQuestion, GradeResult } from './types';

export type ParsedLine =
  | { ok: true; input: Record<string, unknown>; question: GradableQuestion; answer: string }
  | { ok: false; error: string };

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

function misconceptionOf(value: unknown, index: number): GradableMisconception | string {
  const fallbackId = `misconception-${index + 1}`;
  if (isText(value)) return { id: fallbackId, claim: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const claim = isText(record.claim) ? record.claim : isText(record.text) ? record.text : undefined;
    if (!claim) return `misconceptions[${index}] needs a non-empty "claim" or "text"`;
    return {
      id: isText(record.id) ? record.id : fallbackId,
      claim,
      ...(isText(record.correction) ? { correction: record.correction } : {}),
    };
  }
  return `misconceptions[${index}] must be a string or an object with "claim" or "text"`;
}

export function parseLine(line: string): ParsedLine {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { ok: false, error: 'invalid JSON' };
  }
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, error: 'each line must be a JSON object' };
  const record = input as Record<string, unknown>;
  for (const field of ['question', 'reference'] as const) {
    if (!isText(record[field])) return { ok: false, error: `"${field}" must be a non-empty string` };
  }
  if (typeof record.answer !== 'string') return { ok: false, error: '"answer" must be a string' };
  const keyPoints = record.keyPoints;
  if (!Array.isArray(keyPoints) || keyPoints.length === 0 || !keyPoints.every(isText)) {
    return { ok: false, error: '"keyPoints" must be a non-empty array of non-empty strings' };
  }
  if (keyPoints.length > MAX_KEY_POINTS)
    return { ok: false, error: `"keyPoints" may hold at most ${MAX_KEY_POINTS} entries` };
  const rawMisconceptions = record.misconceptions ?? [];
  if (!Array.isArray(rawMisconceptions)) return { ok: false, error: '"misconceptions" must be an array' };
  if (rawMisconceptions.length > MAX_MISCONCEPTIONS)
    return { ok: false, error: `"misconceptions" may hold at most ${MAX_MISCONCEPTIONS} entries` };
  const misconceptions: GradableMisconception[] = [];
  for (const [index, value] of rawMisconceptions.entries()) {
    const parsed = misconceptionOf(value, index);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    misconceptions.push(parsed);
  }
  return {
    ok: true,
    input: record,
    question: {
      prompt: record.question as string,
      reference: record.reference as string,
      keyPoints: keyPoints as string[],
      misconceptions,
    },
    answer: record.answer,
  };
}

/** The input object with the grade's fields added (replacing any of the same name). */
export function gradedLine(input: Record<string, unknown>, result: GradeResult): string {
  return JSON.stringify({
    ...input,
    score: result.score,
    verdict: result.verdict,
    hit: result.hit,
    missed: result.missed,
    misconception: result.misconception ?? null,
  });
}

export function errorLine(error: string, line: number): string {
  return JSON.stringify({ error, line });
}
