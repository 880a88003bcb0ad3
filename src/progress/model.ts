// The progress file's format: versioned, validated with zod, mergeable. Pure: no file system, no vscode.
import * as z from 'zod';
import { describeError } from '../errorText';
import { RATINGS } from './ratings';

export { RATINGS, type RatingName } from './ratings';

export const PROGRESS_VERSION = 1;

export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;

const isoDate = z.iso.datetime();

/** The spaced-repetition memory of one card, in the file's own spelling rather than the scheduler library's. */
export const memorySchema = z.object({
  due: isoDate,
  stability: z.number().finite().min(0),
  difficulty: z.number().finite().min(0),
  scheduledDays: z.number().int().min(0),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: z.enum(CARD_STATES),
  lastReview: isoDate.optional(),
});
export type Memory = z.infer<typeof memorySchema>;

/** One card per question id. */
export const cardSchema = z.object({
  conceptId: z.string().min(1),
  memory: memorySchema,
  /** The memory before the last review (null for the first), so the learner can override the rating the quiz chose. */
  before: memorySchema.nullable(),
  lastRating: z.enum(RATINGS),
});
export type StoredCard = z.infer<typeof cardSchema>;

const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD day');

const progressFields = {
  version: z.literal(PROGRESS_VERSION),
  /** Changes when progress is reset or replaced, so an older copy held by another window does not merge back in. */
  generation: z.string().min(1),
  /** Grows with every save; recovery after a crash prefers the highest valid revision. */
  revision: z.number().int().min(0),
};

export const progressSchema = z.object({
  ...progressFields,
  cards: z.record(z.string().min(1), cardSchema),
  /** Local calendar days with at least one review, sorted, for the streak. */
  reviewDays: z.array(localDay),
});
/** The same file checked only down to the cards and days, so each can be kept or dropped on its own. */
const salvageSchema = z.object({
  ...progressFields,
  cards: z.record(z.string().min(1), z.unknown()),
  reviewDays: z.array(z.unknown()),
});
export type Progress = z.infer<typeof progressSchema>;

/** Upgrades a file of version n (the key) to version n + 1. Add one whenever PROGRESS_VERSION goes up. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Cards and review days left out because they were invalid; the rest of the file was kept. */
export interface Dropped {
  count: number;
  /** The first problem, for the message. */
  reason: string;
}

export type ParsedProgress =
  | { ok: true; progress: Progress; migratedFrom?: number; dropped?: Dropped }
  | { ok: false; problem: 'unreadable' | 'newer'; reason: string };

export function emptyProgress(revision = 0): Progress {
  return { version: PROGRESS_VERSION, generation: globalThis.crypto.randomUUID(), revision, cards: {}, reviewDays: [] };
}

/** Parses the text of a progress file, running migrations for older versions. */
export function parseProgressText(
  text: string,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): ParsedProgress {
  let raw: unknown;
  try {
    // Editors on Windows may add a byte-order mark when the learner fixes the file by hand.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problem: 'unreadable', reason: `not valid JSON (${describeError(error)})` };
  }
  return parseProgress(raw, migrations);
}

export function parseProgress(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): ParsedProgress {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, problem: 'unreadable', reason: 'not a JSON object' };
  let data = raw as Record<string, unknown>;
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return { ok: false, problem: 'unreadable', reason: 'no valid version field' };
  if (version > PROGRESS_VERSION) {
    return {
      ok: false,
      problem: 'newer',
      reason: `written by a newer DL Tutor (format ${version}; this version reads up to ${PROGRESS_VERSION})`,
    };
  }
  for (let from = version; from < PROGRESS_VERSION; from += 1) {
    const migrate = migrations[from];
    if (!migrate) return { ok: false, problem: 'unreadable', reason: `no migration from format ${from}` };
    data = { ...migrate(data), version: from + 1 };
  }
  const migrated = version < PROGRESS_VERSION ? { migratedFrom: version } : {};
  const parsed = progressSchema.safeParse(data);
  if (parsed.success) return { ok: true, progress: parsed.data, ...migrated };
  const frame = salvageSchema.safeParse(data);
  if (!frame.success) return { ok: false, problem: 'unreadable', reason: describeIssue(frame.error.issues[0]!) };
  return { ok: true, ...salvage(frame.data), ...migrated };
}

/** Keeps every valid card and review day of a file whose frame is valid; one bad card costs only itself. */
function salvage(frame: z.infer<typeof salvageSchema>): { progress: Progress; dropped: Dropped } {
  const problems: string[] = [];
  const cards: Record<string, StoredCard> = {};
  for (const [questionId, raw] of Object.entries(frame.cards)) {
    const card = cardSchema.safeParse(raw);
    if (card.success) cards[questionId] = card.data;
    else problems.push(describeIssue(card.error.issues[0]!, ['cards', questionId]));
  }
  const reviewDays: string[] = [];
  frame.reviewDays.forEach((raw, index) => {
    const day = localDay.safeParse(raw);
    if (day.success) reviewDays.push(day.data);
    else problems.push(describeIssue(day.error.issues[0]!, ['reviewDays', index]));
  });
  return { progress: { ...frame, cards, reviewDays }, dropped: { count: problems.length, reason: problems[0]! } };
}

function describeIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path].map(String).join('.');
  return `invalid at ${path || 'top level'}: ${issue.message}`;
}

export function serialiseProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 1)}\n`;
}

/**
 * Combines two copies of progress card by card: the card reviewed more recently wins, review days are
 * united. Used for imports and when another window saved in between.
 */
export function mergeProgress(base: Progress, incoming: Progress): Progress {
  const cards: Record<string, StoredCard> = { ...base.cards };
  for (const [questionId, card] of Object.entries(incoming.cards)) {
    const current = cards[questionId];
    if (!current || isNewer(card, current)) cards[questionId] = card;
  }
  return {
    ...base,
    revision: Math.max(base.revision, incoming.revision),
    cards,
    reviewDays: [...new Set([...base.reviewDays, ...incoming.reviewDays])].sort(),
  };
}

function isNewer(candidate: StoredCard, current: StoredCard): boolean {
  const a = Date.parse(candidate.memory.lastReview ?? '') || 0;
  const b = Date.parse(current.memory.lastReview ?? '') || 0;
  return a !== b ? a > b : candidate.memory.reps > current.memory.reps;
}
