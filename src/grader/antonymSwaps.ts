// Swapped opposites: "a large rate diverges, a small one is slow" turned into "a small rate diverges, a
// large one is slow". Every word stays, so bags of words and embeddings miss it; the neighbours of the
// opposite words give it away. Pure.
import { clauses, isContentToken, stem } from './text';

const OPPOSITES: readonly (readonly [string, string])[] = [
  ['large', 'small'],
  ['larger', 'smaller'],
  ['high', 'low'],
  ['higher', 'lower'],
  ['positive', 'negative'],
  ['increase', 'decrease'],
  ['increases', 'decreases'],
  ['maximum', 'minimum'],
  ['above', 'below'],
  ['deep', 'shallow'],
  ['deeper', 'shallower'],
  ['fast', 'slow'],
  ['faster', 'slower'],
  ['early', 'late'],
  ['overfitting', 'underfitting'],
  ['input', 'output'],
  ['inputs', 'outputs'],
  ['first', 'last'],
  ['training', 'inference'],
  ['encoder', 'decoder'],
  ['generator', 'discriminator'],
];
const OPPOSITE = new Map(
  OPPOSITES.flatMap(
    ([a, b]) =>
      [
        [a, b],
        [b, a],
      ] as [string, string][],
  ),
);
/** How many content words on each side of an opposite count as its context. */
const REACH = 2;

/** "word|neighbour" for every opposite word and the content words next to it, within its clause. */
function contexts(text: string): Set<string> {
  const found = new Set<string>();
  for (const tokens of clauses(text)) {
    const words = tokens.filter(isContentToken);
    words.forEach((word, index) => {
      if (!OPPOSITE.has(word)) return;
      for (const neighbour of [
        ...words.slice(Math.max(0, index - REACH), index),
        ...words.slice(index + 1, index + 1 + REACH),
      ]) {
        if (neighbour !== OPPOSITE.get(word)) found.add(`${word}|${stem(neighbour)}`);
      }
    });
  }
  return found;
}

/**
 * True when the answer puts each of two opposite words where the sources put the other one: both
 * directions must be swapped, so an answer that merely adds a detail next to "small" is not flagged.
 */
export function oppositesSwapped(sources: readonly string[], answer: string): boolean {
  const known = new Set(sources.flatMap((text) => [...contexts(text)]));
  const moved = new Set<string>();
  for (const context of contexts(answer)) {
    if (known.has(context)) continue;
    const [word, neighbour] = context.split('|') as [string, string];
    if (known.has(`${OPPOSITE.get(word)}|${neighbour}`)) moved.add(word);
  }
  return [...moved].some((word) => moved.has(OPPOSITE.get(word)!));
}
