// The progress file's format: versioned, validated with zod, mergeable. Pure: no file system, no vscode.
import { z } from 'zod';

export const PROGRESS_VERSION = 1;

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type RatingName = (typeof RATINGS)[number];

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

export const progressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  /** Changes when progress is reset or replaced, so an older copy held by another window does not merge back in. */
  generation: z.string().min(1),
  /** Grows with every save; recovery after a crash prefers the highest valid revision. */
  revision: z.number().int().min(0),
  cards: z.record(z.string().min(1), cardSchema),
  /** Local calendar days with at least one review, sorted, for the streak. */
  reviewDays: z.array(localDay),
});
export type Progress = z.infer<typeof progressSchema>;

/** Upgrades a file of version n (the key) to version n + 1. Add one whenever PROGRESS_VERSION goes up. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type ParsedProgress =
  | { ok: true; progress: Progress; migratedFrom?: number }
  | { ok: false; problem: 'unreadable' | 'newer'; reason: string };

export function emptyProgress(revision = 0): Progress {
  return { version: PROGRESS_VERSION, generation: globalThis.crypto.randomUUID(), revision, cards: {}, reviewDays: [] };
}

/** Parses the text of a progress file, running migrations for older versions. */
export function parseProgressText(text: string, migrations: Readonly<Record<number, Migration>> = MIGRATIONS): ParsedProgress {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'unreadable', reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  return parseProgress(raw, migrations);
}

export function parseProgress(raw: unknown, migrations: Readonly<Record<number, Migration>> = MIGRATIONS): ParsedProgress {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'unreadable', reason: 'not a JSON object' };
  let data = raw as Record<string, unknown>;
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return { ok: false, problem: 'unreadable', reason: 'no valid version field' };
  if (version > PROGRESS_VERSION) {
    return { ok: false, problem: 'newer', reason: `written by a newer DL Tutor (format ${version}; this version reads up to ${PROGRESS_VERSION})` };
  }
  for (let from = version; from < PROGRESS_VERSION; from += 1) {
    const migrate = migrations[from];
    if (!migrate) return { ok: false, problem: 'unreadable', reason: `no migration from format ${from}` };
    data = { ...migrate(data), version: from + 1 };
  }
  const parsed = progressSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: 'unreadable', reason: `invalid at ${issue.path.join('.') || 'top level'}: ${issue.message}` };
  }
  return { ok: true, progress: parsed.data, ...(version < PROGRESS_VERSION ? { migratedFrom: version } : {}) };
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
