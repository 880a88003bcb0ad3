// Lays out one (question, answer) pair as the model's input tensors. Pure.
import { cueVector, type Cues } from './cues';
import { tokenize } from './text';
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
  /** Row-major [rows, width] token ids, padded with PAD_ID. */
  targets: number[];
  rows: number;
  width: number;
  keyPointMask: number[];
  misconceptionMask: number[];
  cues: number[];
}

export function buildInputs(vocabulary: Vocabulary, question: GradableQuestion, answer: string, cues: Cues): ModelInputs {
  const keyPoints = question.keyPoints.slice(0, MAX_KEY_POINTS);
  const claims = question.misconceptions.slice(0, MAX_MISCONCEPTIONS).map((m) => m.claim);
  const texts = [question.reference, question.prompt, ...keyPoints, ...claims];
  const encoded = texts.map((text) => vocabulary.encode(tokenize(text, 4000), MAX_TARGET_TOKENS));
  const width = Math.max(...encoded.map((ids) => ids.length));
  const targets = encoded.flatMap((ids) => [...ids, ...new Array<number>(width - ids.length).fill(PAD_ID)]);
  const rowKind = texts.map((_, row) =>
    row < FIRST_KEY_POINT_ROW ? 'fixed' : row < FIRST_KEY_POINT_ROW + keyPoints.length ? 'keyPoint' : 'misconception',
  );
  return {
    answer: vocabulary.encode(tokenize(answer), MAX_ANSWER_TOKENS),
    targets,
    rows: texts.length,
    width,
    keyPointMask: rowKind.map((kind) => (kind === 'keyPoint' ? 1 : 0)),
    misconceptionMask: rowKind.map((kind) => (kind === 'misconception' ? 1 : 0)),
    cues: cueVector(cues),
  };
}
