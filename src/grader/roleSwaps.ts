// Roles swapped between the subjects of a contrast. Questions that contrast two things often bind nouns to
// each subject through "each", "per" or "across" ("batch norm ... for each feature", "layer norm ... for each
// example"), and an answer that swaps the subjects keeps every word while binding them the other way round. Pure.
import { oppositesSwapped } from './antonymSwaps';
import { isContentToken, isFunctionWord, sentences, stem, tokenize } from './text';
import type { GradableQuestion } from './types';

const RELATIONS: Readonly<Record<string, string>> = {
  each: 'per',
  per: 'per',
  every: 'per',
  across: 'over',
  over: 'over',
};
/** How far after "each" or "across" the bound noun may sit ("across all of its features"). */
const NOUN_REACH = 4;

interface Binding {
  subject: string;
  relation: string;
  noun: string;
}

/** Content-stem bigrams that recur in the sources: the candidate subjects ("batch norm", "layer norm"). */
function recurringBigrams(sources: readonly string[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const tokens of sources) {
    const words = tokens.filter(isContentToken).map(stem);
    const seen = new Set<string>();
    for (let index = 0; index + 1 < words.length; index++) seen.add(`${words[index]} ${words[index + 1]}`);
    for (const bigram of seen) counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count >= 2).map(([bigram]) => bigram));
}

/** Each relation word bound to the latest subject of its sentence and the first content word after it. */
function bindingsOf(text: string, subjects: ReadonlySet<string>): Binding[] {
  const bindings: Binding[] = [];
  for (const tokens of sentences(text)) {
    let subject: string | undefined;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      const next = tokens[index + 1];
      const bigram = next === undefined ? '' : `${stem(token)} ${stem(next)}`;
      if (isContentToken(token) && next !== undefined && isContentToken(next) && subjects.has(bigram)) {
        subject = bigram;
        index += 1;
        continue;
      }
      const relation = RELATIONS[token];
      if (!relation || !subject) continue;
      const noun = tokens
        .slice(index + 1, index + 1 + NOUN_REACH)
        .find((word) => !isFunctionWord(word) && isContentToken(word));
      if (noun) bindings.push({ subject, relation, noun: stem(noun) });
    }
  }
  return bindings;
}

const keyOf = (binding: Binding): string => `${binding.subject}|${binding.relation}|${binding.noun}`;

/**
 * How many of the answer's bindings turn the sources' contrast round: by this relation the sources bind
 * noun n to subject B and subject A to another noun, never n to A. Scaled to 0..1 (two or more count as a
 * clear swap).
 */
export function swappedBindings(sources: readonly string[], answer: string): number {
  const subjects = recurringBigrams(sources.map((text) => tokenize(text)));
  if (subjects.size < 2) return 0;
  const known = sources.flatMap((text) => bindingsOf(text, subjects));
  const stated = new Set(known.map(keyOf));
  let swaps = 0;
  for (const binding of bindingsOf(answer, subjects)) {
    if (stated.has(keyOf(binding))) continue;
    const sameRelation = known.filter((other) => other.relation === binding.relation);
    const ownNounDiffers = sameRelation.some(
      (other) => other.subject === binding.subject && other.noun !== binding.noun,
    );
    // The other subject must be contrasted too: it holds this noun and not the answer subject's own noun.
    const contrasted = sameRelation.some(
      (other) =>
        other.subject !== binding.subject &&
        other.noun === binding.noun &&
        !sameRelation.some(
          (mine) => mine.subject === binding.subject && stated.has(`${other.subject}|${mine.relation}|${mine.noun}`),
        ),
    );
    // The crossing that marks a real contrast rather than a new detail: the sources do relate this noun
    // to this subject, but by the other relation ("batch norm: for each feature, across the examples").
    const crossed = known.some(
      (other) =>
        other.subject === binding.subject && other.noun === binding.noun && other.relation !== binding.relation,
    );
    if (ownNounDiffers && contrasted && crossed) swaps += 1;
  }
  return Math.min(swaps, 2) / 2;
}

/**
 * True when the answer binds a noun to the wrong one of the subjects the question contrasts, or puts two
 * opposites ("large", "small") each where the reference has the other.
 */
export function rolesSwapped(question: GradableQuestion, answer: string): boolean {
  const sources = [question.reference, ...question.keyPoints];
  return swappedBindings(sources, answer) > 0 || oppositesSwapped(sources, answer);
}
