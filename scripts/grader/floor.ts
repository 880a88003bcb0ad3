// The evaluation's floor: a plain logistic regression over nine word-overlap features, trained on the
// SemEval-2013 training splits only. The grader must beat it; it is a baseline, never shipped.
import { inverseDocumentFrequency, type TermWeights } from '../../src/grader/lexical';
import { isContentToken, isNegation, stem, tokenize } from '../../src/grader/text';
import type { GradableQuestion } from '../../src/grader/types';
import { rowProbability } from './head';
import { fitLogistic, standardisation } from './train';

export const FLOOR_FEATURE_NAMES = [
  'exactRecall',
  'exactPrecision',
  'softRecall',
  'softPrecision',
  'idfExactRecall',
  'idfExactPrecision',
  'idfSoftRecall',
  'logLength',
  'negation',
] as const;

export type WordVector = (word: string) => readonly number[] | undefined;

interface Word {
  stem: string;
  unit?: number[];
}

function unitVector(vector: readonly number[] | undefined): number[] | undefined {
  if (!vector) return undefined;
  const norm = Math.hypot(...vector);
  return norm === 0 ? undefined : vector.map((value) => value / norm);
}

/** Content words with the question's own words left out (all of them when nothing else is left). */
function specificWords(text: string, questionStems: ReadonlySet<string>, vectorOf: WordVector): Word[] {
  const words = new Map<string, Word>();
  for (const token of tokenize(text).filter(isContentToken)) {
    const key = stem(token);
    if (!words.has(key)) words.set(key, { stem: key, unit: unitVector(vectorOf(token)) });
  }
  const all = [...words.values()];
  const specific = all.filter((word) => !questionStems.has(word.stem));
  return specific.length > 0 ? specific : all;
}

/** 1 for the same stem, else the words' cosine (0 without vectors). */
function match(a: Word, b: Word): number {
  if (a.stem === b.stem) return 1;
  if (!a.unit || !b.unit) return 0;
  return Math.max(
    0,
    a.unit.reduce((sum, value, index) => sum + value * b.unit![index]!, 0),
  );
}

function weightedShare(words: readonly Word[], value: (word: Word) => number, weight: (word: Word) => number): number {
  const total = words.reduce((sum, word) => sum + weight(word), 0);
  return total === 0 ? 0 : words.reduce((sum, word) => sum + weight(word) * value(word), 0) / total;
}

export function floorFeatures(
  question: GradableQuestion,
  answer: string,
  vectorOf: WordVector,
  idf: TermWeights,
): number[] {
  const questionStems = new Set(tokenize(question.prompt).filter(isContentToken).map(stem));
  const reference = specificWords(question.reference, questionStems, vectorOf);
  const given = specificWords(answer, questionStems, vectorOf);
  const answerStems = new Set(given.map((word) => word.stem));
  const referenceStems = new Set(reference.map((word) => word.stem));
  const best = (word: Word, among: readonly Word[]) => Math.max(0, ...among.map((other) => match(word, other)));
  const one = () => 1;
  const weight = (word: Word) => idf(word.stem);
  const exactIn = (stems: ReadonlySet<string>) => (word: Word) => (stems.has(word.stem) ? 1 : 0);
  const answerTokens = tokenize(answer);
  return [
    weightedShare(reference, exactIn(answerStems), one),
    weightedShare(given, exactIn(referenceStems), one),
    weightedShare(reference, (word) => best(word, given), one),
    weightedShare(given, (word) => best(word, reference), one),
    weightedShare(reference, exactIn(answerStems), weight),
    weightedShare(given, exactIn(referenceStems), weight),
    weightedShare(reference, (word) => best(word, given), weight),
    Math.log(1 + answerTokens.filter(isContentToken).length),
    answerTokens.some(isNegation) && !tokenize(question.reference).some(isNegation) ? 1 : 0,
  ];
}

export interface FloorTrainingAnswer {
  question: GradableQuestion;
  answer: string;
  correct: boolean;
}

/** Fits the floor; returns its probability that an answer is correct. */
export function fitFloor(
  training: readonly FloorTrainingAnswer[],
  vectorOf: WordVector,
): (question: GradableQuestion, answer: string) => number {
  const idf = inverseDocumentFrequency(training.flatMap((row) => [row.answer, row.question.reference]));
  const featuresOf = (question: GradableQuestion, answer: string) => floorFeatures(question, answer, vectorOf, idf);
  const rows = training.map((row) => featuresOf(row.question, row.answer));
  const { mean, scale } = standardisation(rows);
  const standardised = (x: readonly number[]) => x.map((value, j) => (value - mean[j]!) / scale[j]!);
  const head = fitLogistic(
    rows.map((x, i) => ({ x: standardised(x), y: training[i]!.correct ? 1 : 0, weight: 1 })),
    1e-3,
    800,
  );
  return (question, answer) => rowProbability(head, standardised(featuresOf(question, answer)));
}
