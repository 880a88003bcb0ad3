// Which statement of an answer contradicts which key point: a sentence about a key point that denies
// what no source denies ("dropout is not active during training"), or states without the denial what
// a key point denies, or a contrast with its roles swapped. Pure; bounded like the rest of the text
// processing.
import { rolesSwapped } from './roleSwaps';
import { clauses, contentStems, isContentToken, MAX_ANSWER_CHARS, stem, tokenize } from './text';
import type { GradableQuestion } from './types';

export interface Contradiction {
  kind: 'negation' | 'swap';
  /** The answer's sentence, as written (the feedback quotes a sanitised excerpt of it). */
  statement: string;
  keyPoint: string;
}

/** Plain sentence negators; "without" or "none" more often state a fact than deny one. */
const DENIALS = new Set(['not', 'never', 'no']);
/** Words that deny in passing ("instead of shrinking"): a sentence with one may leave out a plain denial. */
const HEDGES = new Set([
  'without',
  'instead',
  'rather',
  'unlike',
  'missing',
  'lack',
  'lacks',
  'nor',
  'neither',
  'none',
]);
/** A sentence this close to a source sentence of the same polarity restates it. */
const RESTATES = 0.8;
/** How many tokens after a denial it reaches. */
const SCOPE = 4;
/** A sentence must repeat this share of a key point's own words to be read as a statement about it. */
const SAME_CLAIM = 0.5;
const MAX_SENTENCES = 40;

/** Content stems within a few tokens after each denial. */
function deniedStems(tokens: readonly string[]): string[][] {
  return tokens.flatMap((token, index) =>
    DENIALS.has(token)
      ? [
          tokens
            .slice(index + 1, index + 1 + SCOPE)
            .filter(isContentToken)
            .map(stem),
        ]
      : [],
  );
}

function answerSentences(answer: string): string[] {
  return answer
    .slice(0, MAX_ANSWER_CHARS)
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0)
    .slice(0, MAX_SENTENCES);
}

/** Share of the key point's content words, beyond those of the question, that the sentence repeats. */
function overlap(keyPointWords: ReadonlySet<string>, sentenceWords: ReadonlySet<string>): number {
  if (keyPointWords.size === 0) return 0;
  let count = 0;
  for (const word of keyPointWords) if (sentenceWords.has(word)) count += 1;
  return count / keyPointWords.size;
}

export function findContradiction(question: GradableQuestion, answer: string): Contradiction | undefined {
  const questionWords = new Set(contentStems(tokenize(question.prompt)));
  const sources = [question.reference, ...question.keyPoints].map((text) => tokenize(text));
  const sourceDenied = new Set(sources.flatMap((tokens) => deniedStems(tokens).flat()));
  const keyPoints = question.keyPoints.map((text) => {
    const tokens = tokenize(text);
    const all = new Set(contentStems(tokens));
    return {
      text,
      all,
      words: new Set([...all].filter((word) => !questionWords.has(word))),
      denied: deniedStems(tokens),
    };
  });
  const sourceSentences = [question.reference, ...question.keyPoints]
    .flatMap((text) => text.split(/(?<=[.!?;])\s+/))
    .map((text) => {
      const tokens = tokenize(text);
      return { words: new Set(contentStems(tokens)), denies: tokens.some((token) => DENIALS.has(token)) };
    });
  let closest: { statement: string; keyPoint: string; share: number } | undefined;
  for (const statement of answerSentences(answer)) {
    const tokens = tokenize(statement);
    const words = new Set(contentStems(tokens));
    const denied = deniedStems(tokens);
    const deniedClauses = clauses(statement)
      .map((clause) => ({
        words: new Set(contentStems(clause)),
        denied: deniedStems(clause).flatMap((scope) => scope.slice(0, 1)),
      }))
      .filter((clause) => clause.denied.length > 0);
    const restated = sourceSentences.some(
      (source) => source.denies === denied.length > 0 && overlap(words, source.words) >= RESTATES,
    );
    if (restated) continue;
    const hedged = tokens.some((token) => HEDGES.has(token));
    // A clause about the key point (not about the other side of a contrast) denies one of its words
    // that no source denies: the word right after the denial, as "no limit" is not "not unlimited".
    const deniesNew = (keyPoint: (typeof keyPoints)[number]) =>
      deniedClauses.some(
        (clause) =>
          overlap(keyPoint.all, clause.words) >= SAME_CLAIM &&
          clause.denied.some((word) => keyPoint.words.has(word) && !sourceDenied.has(word)),
      );
    for (const keyPoint of keyPoints) {
      const share = overlap(keyPoint.words, words);
      if (!closest || share > closest.share) closest = { statement, keyPoint: keyPoint.text, share };
      if (share < SAME_CLAIM) continue;
      // States what the key point denies, without the denial.
      const dropsDenial =
        denied.length === 0 &&
        !hedged &&
        keyPoint.denied.some((scope) => scope.length > 0 && scope.slice(0, 2).every((word) => words.has(word)));
      if (deniesNew(keyPoint) || dropsDenial) return { kind: 'negation', statement, keyPoint: keyPoint.text };
    }
  }
  if (closest && rolesSwapped(question, answer))
    return { kind: 'swap', statement: closest.statement, keyPoint: closest.keyPoint };
  return undefined;
}
