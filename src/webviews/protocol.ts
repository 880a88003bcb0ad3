// The message protocol of one webview: what the host sends it, what it sends the host, and the state it keeps
// across reloads, each a zod schema. Host and webview both import their protocol (so it stays free of the DOM
// and of `vscode`), check everything they receive against it, and send through functions typed by it.
// zod's mini build: the webview scripts bundle it, and it is a fraction of the size of the full one.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// Readable problems in the log ("expected string, received number") rather than "Invalid input".
z.config(en());

export interface WebviewProtocol<ToWebview, ToHost, State> {
  /** Names the webview in log lines. */
  readonly name: string;
  readonly toWebview: z.ZodMiniType<ToWebview>;
  readonly toHost: z.ZodMiniType<ToHost>;
  /** What the webview saves with setState; VS Code hands it back to the host's serializer after a reload. */
  readonly state: z.ZodMiniType<State>;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A log line never grows with what a hostile message carries. */
const PROBLEM_LIMIT = 160;

export function parseWith<T>(schema: z.ZodMiniType<T>, value: unknown): ParseResult<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  const problem = `${where}${issue?.message ?? 'invalid'}`;
  return { ok: false, problem: problem.length > PROBLEM_LIMIT ? `${problem.slice(0, PROBLEM_LIMIT)}…` : problem };
}

/** Identifiers (concept, question, visualisation, topic ids) are short; anything longer is not one of ours. */
export const idSchema = z.string().check(z.minLength(1), z.maxLength(200));

/** A direction that carries no messages: nothing satisfies it, so posting one fails to typecheck. */
export const noMessages = z.never();
