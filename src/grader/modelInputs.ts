// Lays out one (question, answer) pair as the model's input tensors. Pure.
import { cueVector, type Cues } from './cues';
import { contentStems, isContentToken, stem, tokenize } from './text';
import type { GradableQuestion } from './types';
import { PAD_ID, type Vocabulary } from './vocabulary';

/** Tokens embedded per text; longer answers are judged on their beginning. */
export const MAX_ANSWER_TOKENS = 160;
export const MAX_TARGET_TOKENS = MAX_ANSWER_TOKENS;
/** Rows beyond these would make the similarity tensor large for no teaching purpose. */
export const MAX_KEY_POINTS = 24;
export const MAX_MISCONCEPTIONS = 24;

/** Target rows: the reference, the question, then key points, then misconception claims. */
export const REFERENCE_ROW = 0;
export const QUESTION_ROW = 1;
export const FIRST_KEY_POINT_ROW = 2;

export interface ModelInputs {
  answer: number[];
  /** Per answer token: QUESTION_WORD_WEIGHT for words the question already says, else 1. */
  answerWeights: number[];
  /** Row-major [rows, width] token ids, padded with PAD_ID. */
  targets: number[];
  /** Row-major [rows, width]: as answerWeights, for the target rows (the question row keeps 1). */
  targetWeights: number[];
  rows: number;
  width: number;
  keyPointMask: number[];
  misconceptionMask: number[];
  cues: number[];
}

/**
 * Words the question already contains say little when an answer repeats them ("dropout" in an answer
 * about dropout), so they count this much in alignment and similarity, as in the short-answer
 * literature's question demoting.
 */
export const QUESTION_WORD_WEIGHT = 0.2;

function demotion(tokens: readonly string[], questionWords: ReadonlySet<string>, width: number): number[] {
  const weights = tokens
    .slice(0, width)
    .map((token) => (isContentToken(token) && questionWords.has(stem(token)) ? QUESTION_WORD_WEIGHT : 1));
  return [...weights, ...new Array<number>(width - weights.length).fill(1)];
}

export function buildInputs(
  vocabulary: Vocabulary,
  question: GradableQuestion,
  answer: string,
  cues: Cues,
): ModelInputs {
  const keyPoints = question.keyPoints.slice(0, MAX_KEY_POINTS);
  const claims = question.misconceptions.slice(0, MAX_MISCONCEPTIONS).map((m) => m.claim);
  const texts = [question.reference, question.prompt, ...keyPoints, ...claims];
  const tokenized = texts.map((text) => tokenize(text, 4000));
  const encoded = tokenized.map((tokens) => vocabulary.encode(tokens, MAX_TARGET_TOKENS));
  const width = Math.max(...encoded.map((ids) => ids.length));
  const questionWords = new Set(contentStems(tokenized[QUESTION_ROW]!));
  const none = new Set<string>();
  const answerTokens = tokenize(answer);
  const answerIds = vocabulary.encode(answerTokens, MAX_ANSWER_TOKENS);
  const targets = encoded.flatMap((ids) => [...ids, ...new Array<number>(width - ids.length).fill(PAD_ID)]);
  const rowKind = texts.map((_, row) =>
    row < FIRST_KEY_POINT_ROW ? 'fixed' : row < FIRST_KEY_POINT_ROW + keyPoints.length ? 'keyPoint' : 'misconception',
  );
  return {
    answer: answerIds,
    answerWeights: demotion(answerTokens, questionWords, answerIds.length),
    targets,
    targetWeights: tokenized.flatMap((tokens, row) =>
      demotion(tokens, row === QUESTION_ROW ? none : questionWords, width),
    ),
    rows: texts.length,
    width,
    keyPointMask: rowKind.map((kind) => (kind === 'keyPoint' ? 1 : 0)),
    misconceptionMask: rowKind.map((kind) => (kind === 'misconception' ? 1 : 0)),
    cues: cueVector(cues),
  };
}
