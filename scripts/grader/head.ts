// The learned parts above the embeddings, as plain numbers: the same maths runs here for training
// and evaluation and inside the ONNX graph at grading time (a test checks they agree).

/** Logistic regression over a row's [similarity, coverage, precision, similarity minus the reference's]. */
export interface RowHead {
  weights: number[];
  bias: number;
}

/** Standardised features, an optional tanh hidden layer, a sigmoid output. */
export interface ScoreHead {
  mean: number[];
  scale: number[];
  hidden?: { weights: number[][]; bias: number[] };
  output: { weights: number[]; bias: number };
}

export const sigmoid = (value: number): number => 1 / (1 + Math.exp(-value));

export function rowProbability(head: RowHead, row: readonly number[]): number {
  return sigmoid(row.reduce((sum, value, index) => sum + value * head.weights[index]!, head.bias));
}

/**
 * How much closer to the reference than to a misconception's claim an answer may be and still be
 * said to show it; the reference itself often names what the claim gets wrong.
 */
export const MISCONCEPTION_MARGIN = 0.05;

/** The row's last feature is its similarity minus the reference's. */
export function misconceptionProbability(head: RowHead, row: readonly number[]): number {
  return row[row.length - 1]! > -MISCONCEPTION_MARGIN ? rowProbability(head, row) : 0;
}

export function standardise(head: Pick<ScoreHead, 'mean' | 'scale'>, features: readonly number[]): number[] {
  return features.map((value, index) => (value - head.mean[index]!) / head.scale[index]!);
}

export function hiddenActivations(head: ScoreHead, standardised: readonly number[]): number[] {
  if (!head.hidden) return [...standardised];
  const { weights, bias } = head.hidden;
  return weights.map((unit, index) => Math.tanh(unit.reduce((sum, w, j) => sum + w * standardised[j]!, bias[index]!)));
}

export function scoreOf(head: ScoreHead, features: readonly number[]): number {
  const hidden = hiddenActivations(head, standardise(head, features));
  return sigmoid(hidden.reduce((sum, value, index) => sum + value * head.output.weights[index]!, head.output.bias));
}

/**
 * The score of an answer to a question given with a reference alone: the mean of the score head's
 * probability and the linear reference head's (the graph's `reference_score`).
 */
export function referenceScoreOf(scoreHead: ScoreHead, referenceHead: ScoreHead, features: readonly number[]): number {
  return (scoreOf(scoreHead, features) + scoreOf(referenceHead, features)) / 2;
}
