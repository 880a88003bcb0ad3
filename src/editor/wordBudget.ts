// Word counts and sentence cuts for text that must fit a small box (the hover). Pure.

/** Visible words of Markdown: link targets and formatting marks are not words. */
export function wordCount(markdown: string): number {
  const visible = markdown
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[*_`#>[\]]/g, ' ')
    .replace(/(^|\s)[-·⚠️]+(?=\s)/gu, ' ');
  return visible.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATION = /(?:\b(?:e\.g|i\.e|etc|vs|cf|al)|\.\.)$/i;

/** The first `count` sentences of text, fewer when they would exceed `maxWords` (never fewer than one). */
export function leadingSentences(text: string, count: number, maxWords: number): string {
  const sentences = splitSentences(text);
  let taken = sentences[0] ?? '';
  for (const next of sentences.slice(1, count)) {
    const candidate = `${taken} ${next}`;
    if (wordCount(candidate) > maxWords) break;
    taken = candidate;
  }
  return taken;
}

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?](?=\s+|$)/g)) {
    const end = match.index! + 1;
    if (ABBREVIATION.test(text.slice(start, match.index!))) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
