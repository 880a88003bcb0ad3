// Bag-of-stems similarity: the lexical fallback grader and the evaluation's baseline use it. Pure.
import { contentStems, tokenize } from './text';

export type TermWeights = (stem: string) => number;

/** Inverse document frequency over a set of texts, with unseen stems weighted as the rarest. */
export function inverseDocumentFrequency(texts: readonly string[]): TermWeights {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(contentStems(tokenize(text)))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const total = texts.length;
  return (word) => Math.log((1 + total) / (1 + (counts.get(word) ?? 0))) + 1;
}

function weightedBag(text: string, weights: TermWeights): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of contentStems(tokenize(text))) bag.set(word, (bag.get(word) ?? 0) + 1);
  for (const [word, count] of bag) bag.set(word, count * weights(word));
  return bag;
}

export function cosine(a: string, b: string, weights: TermWeights): number {
  const left = weightedBag(a, weights);
  const right = weightedBag(b, weights);
  let dot = 0;
  for (const [word, value] of left) dot += value * (right.get(word) ?? 0);
  const norm = (bag: Map<string, number>) => Math.sqrt([...bag.values()].reduce((sum, v) => sum + v * v, 0));
  const denominator = norm(left) * norm(right);
  return denominator === 0 ? 0 : dot / denominator;
}

/** Share of `target`'s content stems that `answer` contains. */
export function recall(target: string, answer: string): number {
  const wanted = new Set(contentStems(tokenize(target)));
  if (wanted.size === 0) return 0;
  const present = new Set(contentStems(tokenize(answer)));
  let count = 0;
  for (const word of wanted) if (present.has(word)) count += 1;
  return count / wanted.size;
}
