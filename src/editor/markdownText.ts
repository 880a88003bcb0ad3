// Safe pieces of Markdown for text that comes from the user's source code.

const MAX_INLINE_CODE = 80;

/** Wraps text in a code span whose fence is longer than any backtick run inside it; truncates long text. */
export function inlineCode(text: string): string {
  const clipped = text.length > MAX_INLINE_CODE ? `${text.slice(0, MAX_INLINE_CODE - 1)}…` : text;
  const single = clipped.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(single.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = single.startsWith('`') || single.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${single}${pad}${fence}`;
}
