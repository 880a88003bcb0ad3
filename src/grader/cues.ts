// Hand-built cues that embeddings miss: negation, swapped roles, keyword lists, copies of the
// question, length and unreadable input. Pure string processing; the learned head weighs them.
import { rolesSwapped } from './roleSwaps';
import type { GradableQuestion } from './types';
import { clauses, contentStems, isContentToken, isFunctionWord, isNegation, sentences, stem, tokenize } from './text';

export const CUE_NAMES = [
  'negationUnmatched',
  'negationDropped',
  'swappedPairs',
  'displacedWords',
  'functionWordRatio',
  'keywordList',
  'questionOverlap',
  'referenceSpecificRecall',
  'referenceSpecificPrecision',
  'weightedSpecificRecall',
  'weightedSpecificPrecision',
  'keyPointSpecificRecallMin',
  'keyPointSpecificRecallMax',
  'referenceRecall',
  'novelWords',
  'questionCopy',
  'rolesSwapped',
  'knownWordRate',
] as const;
export type CueName = (typeof CUE_NAMES)[number];
export type Cues = Record<CueName, number>;

const NEGATION_SCOPE = 4;

/** Content stems within a few tokens after each negation, per negation. */
function negationScopes(tokens: readonly string[]): string[][] {
  const scopes: string[][] = [];
  tokens.forEach((token, index) => {
    if (!isNegation(token)) return;
    scopes.push(contentStems(tokens.slice(index + 1, index + 1 + NEGATION_SCOPE)));
  });
  return scopes;
}

/** Stems that follow a negation closely, i.e. that the text denies. */
function negatedStems(tokens: readonly string[]): Set<string> {
  return new Set(negationScopes(tokens).flat());
}

/**
 * Negations in the answer that deny something the reference does not deny ("dropout does not
 * zero units"), and reference denials the answer states without the negation.
 */
function negationCues(answer: string[], sources: string[][]): { unmatched: number; dropped: number } {
  const sourceDenied = new Set(sources.flatMap((tokens) => [...negatedStems(tokens)]));
  const unmatched = negationScopes(answer).filter(
    (scope) => scope.length > 0 && !scope.some((word) => sourceDenied.has(word)),
  ).length;
  const answerStems = answer.map((token) => (isContentToken(token) ? stem(token) : token));
  const answerDenied = negatedStems(answer);
  let dropped = 0;
  for (const tokens of sources) {
    for (const scope of negationScopes(tokens)) {
      const head = scope.slice(0, 2);
      if (
        head.length > 0 &&
        head.every((word) => answerStems.includes(word)) &&
        !head.some((word) => answerDenied.has(word))
      ) {
        dropped += 1;
      }
    }
  }
  return { unmatched: Math.min(unmatched, 2) / 2, dropped: Math.min(dropped, 2) / 2 };
}

/**
 * Order-insensitive bags miss "batch norm uses per-example statistics, layer norm uses the batch".
 * Each answer clause is matched to its closest source clause; a shared word that belongs to a
 * different source clause is displaced, and two displaced words that trade places are a swap.
 */
function roleCues(answerParts: string[][], sourceClauses: Set<string>[]): { swapped: number; displaced: number } {
  const sourceWords = new Set(sourceClauses.flatMap((clause) => [...clause]));
  const answerClauses = answerParts
    .slice(0, 64)
    .map((tokens) => new Set(contentStems(tokens).filter((word) => sourceWords.has(word))))
    .filter((clause) => clause.size >= 2);
  let shared = 0;
  let displacedCount = 0;
  const placements: { clause: Set<string>; best: Set<string>; displaced: string[] }[] = [];
  for (const clause of answerClauses) {
    let best = sourceClauses[0] ?? new Set<string>();
    let bestOverlap = -1;
    for (const candidate of sourceClauses) {
      let overlap = 0;
      for (const word of clause) if (candidate.has(word)) overlap += 1;
      if (overlap > bestOverlap) {
        best = candidate;
        bestOverlap = overlap;
      }
    }
    const displaced = [...clause].filter((word) => !best.has(word));
    shared += clause.size;
    displacedCount += displaced.length;
    placements.push({ clause, best, displaced });
  }
  let swaps = 0;
  for (const first of placements) {
    for (const word of first.displaced) {
      const traded = placements.some(
        (second) =>
          second !== first &&
          second.best.has(word) &&
          second.displaced.some((other) => first.best.has(other) && !first.clause.has(other)),
      );
      if (traded) swaps += 1;
    }
  }
  return { swapped: Math.min(swaps, 2) / 2, displaced: shared === 0 ? 0 : displacedCount / shared };
}

const TERSE_TERMS = 3;

/** Terms with no grammar: every comma-separated item short and without function words. */
export function looksLikeKeywordList(tokens: readonly string[], text: string): boolean {
  // One to three terms are a terse answer ("the main function"), which the model grades like any other.
  if (tokens.filter(isContentToken).length <= TERSE_TERMS) return false;
  if (!tokens.some(isFunctionWord)) return true;
  const items = text
    .slice(0, 4000)
    .split(/[,;\n|•·]+/)
    .map((item) => tokenize(item))
    .filter((item) => item.length > 0);
  if (items.length < 3 || tokens.filter(isFunctionWord).length / tokens.length >= 0.2) return false;
  const bare = items.filter((item) => item.length <= 3 && !item.some(isFunctionWord)).length;
  return bare / items.length >= 0.6;
}

/** How informative a word is: rarer words weigh more (see Vocabulary.weight). */
export type WordWeight = (token: string) => number;

/** Each content stem's weight, the largest among the tokens it comes from. */
function stemWeights(texts: readonly (readonly string[])[], weight: WordWeight): Map<string, number> {
  const weights = new Map<string, number>();
  for (const token of texts.flat().filter(isContentToken)) {
    const key = stem(token);
    weights.set(key, Math.max(weights.get(key) ?? 0, weight(token)));
  }
  return weights;
}

/** overlapShare with each word counted by its weight. */
function weightedOverlap(words: Set<string>, within: Set<string>, weights: ReadonlyMap<string, number>): number {
  let total = 0;
  let found = 0;
  for (const word of words) {
    const w = weights.get(word) ?? 1;
    total += w;
    if (within.has(word)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

function overlapShare(words: Set<string>, within: Set<string>): number {
  if (words.size === 0) return 0;
  let count = 0;
  for (const word of words) if (within.has(word)) count += 1;
  return count / words.size;
}

export function computeCues(
  question: GradableQuestion,
  answer: string,
  isKnown: (token: string) => boolean,
  weight: WordWeight = () => 1,
): Cues {
  const answerTokens = tokenize(answer);
  const referenceTokens = tokenize(question.reference);
  const keyPointTokens = question.keyPoints.map((point) => tokenize(point));
  const sources = [referenceTokens, ...keyPointTokens];

  const answerWords = new Set(contentStems(answerTokens));
  const questionWords = new Set(contentStems(tokenize(question.prompt)));
  const referenceWords = new Set(sources.flatMap((tokens) => contentStems(tokens)));
  const specificWords = new Set([...referenceWords].filter((word) => !questionWords.has(word)));
  const eitherWords = new Set([...questionWords, ...referenceWords]);

  const questionOverlap = overlapShare(answerWords, questionWords);
  const specificRecall = overlapShare(specificWords, answerWords);
  const negation = negationCues(answerTokens, sources);
  const sourceClauses = [...clauses(question.reference), ...keyPointTokens].map(
    (tokens) => new Set(contentStems(tokens)),
  );
  // Clauses catch "A uses X, B uses Y" swaps; sentences catch swaps whose clauses are too short to place.
  const roles = roleCues(clauses(answer), sourceClauses);
  const sourceSentences = [...sentences(question.reference), ...keyPointTokens].map(
    (tokens) => new Set(contentStems(tokens)),
  );
  const sentenceRoles = roleCues(sentences(answer), sourceSentences);
  // Answer length is deliberately not a cue: a short right answer is as right as a long one.
  const answerSpecific = new Set([...answerWords].filter((word) => !questionWords.has(word)));
  // Term weighting, as in TF-IDF: sharing a rare word says more than sharing a common one.
  const weights = stemWeights([answerTokens, ...sources], weight);
  const keyPointRecall = keyPointTokens.map((tokens) => {
    const specific = new Set(contentStems(tokens).filter((word) => !questionWords.has(word)));
    return specific.size === 0
      ? overlapShare(new Set(contentStems(tokens)), answerWords)
      : overlapShare(specific, answerWords);
  });

  return {
    negationUnmatched: negation.unmatched,
    negationDropped: negation.dropped,
    swappedPairs: Math.max(roles.swapped, sentenceRoles.swapped),
    displacedWords: roles.displaced,
    functionWordRatio: answerTokens.length === 0 ? 0 : answerTokens.filter(isFunctionWord).length / answerTokens.length,
    keywordList: looksLikeKeywordList(answerTokens, answer) ? 1 : 0,
    questionOverlap,
    referenceSpecificRecall: specificRecall,
    referenceSpecificPrecision: overlapShare(answerSpecific, referenceWords),
    weightedSpecificRecall: weightedOverlap(specificWords, answerWords, weights),
    weightedSpecificPrecision: weightedOverlap(answerSpecific, referenceWords, weights),
    keyPointSpecificRecallMin: keyPointRecall.length === 0 ? 0 : Math.min(...keyPointRecall),
    keyPointSpecificRecallMax: keyPointRecall.length === 0 ? 0 : Math.max(...keyPointRecall),
    referenceRecall: overlapShare(referenceWords, answerWords),
    novelWords: 1 - overlapShare(answerWords, eitherWords),
    // A copy restates most of the question; an answer that reuses a long question's words to state a
    // result (SemEval's "10 to 20 milliliters of water, pots 2, 3 and 4 grew") is not one.
    questionCopy:
      questionOverlap >= 0.75 && specificRecall < 0.2 && overlapShare(questionWords, answerWords) >= 0.5 ? 1 : 0,
    rolesSwapped: rolesSwapped(question, answer) ? 1 : 0,
    knownWordRate:
      answerTokens.length === 0
        ? 0
        : answerTokens.slice(0, 2000).filter(isKnown).length / Math.min(answerTokens.length, 2000),
  };
}

export function cueVector(cues: Cues): number[] {
  return CUE_NAMES.map((name) => cues[name]);
}
