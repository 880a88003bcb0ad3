// One way to turn a caught value (anything can be thrown) into text for a message or a log line.

/** The message of an Error, or the thrown value as text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The stack of an Error (for logs), else its message, else the thrown value as text. */
export function describeErrorWithStack(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
