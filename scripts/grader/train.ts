// Fits the learned heads on featured examples. Deterministic: fixed initialisation seed, full-batch
// Adam for a fixed number of steps, so the same data always gives the same numbers.
import { findContradiction } from '../../src/grader/contradiction';
import { decide, nonAnswer, referenceOnly } from '../../src/grader/decision';
import { offTopic } from '../../src/grader/relevance';
import type { Thresholds } from '../../src/grader/modelConfig';
import type { GradableQuestion, GradeResult, Verdict } from '../../src/grader/types';
import type { FeaturedExample, TrainingQuestion } from './dataset';
import {
  hiddenActivations,
  misconceptionProbability,
  referenceScoreOf,
  rowProbability,
  scoreOf,
  sigmoid,
  standardise,
  type RowHead,
  type ScoreHead,
} from './head';
import { seededRandom } from '../../src/random';
import { weightedF1 } from './metrics';
import { CUE_NAMES } from '../../src/grader/cues';
import { GRAPH_FEATURE_NAMES } from './graderGraph';
import { fitRelevanceCutoff, RELEVANCE_HEAD_OPTIONS, relevanceSamples, relevanceScored } from './relevance';

export const FEATURE_NAMES = [...GRAPH_FEATURE_NAMES, ...CUE_NAMES];
export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface TrainedHeads {
  scoreHead: ScoreHead;
  /**
   * Linear, trained on SemEval's training answers only; questions given with a reference alone are
   * scored by its mean with the score head.
   */
  referenceHead: ScoreHead;
  /** Linear: how likely an answer is about another question. */
  relevanceHead: ScoreHead;
  keyPointHead: RowHead;
  misconceptionHead: RowHead;
  thresholds: Thresholds;
}

export interface TrainOptions {
  hiddenUnits: number;
  /** Weight of one SemEval training answer next to one of the content's human-graded samples. */
  semEvalWeight: number;
  /** The features the score head reads; the others get zero weight. */
  features: readonly FeatureName[];
  l2: number;
  steps: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  hiddenUnits: 8,
  semEvalWeight: 0.2,
  features: FEATURE_NAMES,
  l2: 3e-3,
  steps: 600,
};

interface Sample {
  x: number[];
  y: number;
  weight: number;
}

/** How much one example counts: human judgements most, the many generated traps less. */
export function exampleWeight(example: FeaturedExample, options: TrainOptions): number {
  // A copy without the misconception list counts half: the human judgements are the same ones.
  return (example.unlisted ? 0.5 : 1) * sourceWeight(example, options);
}

function sourceWeight(example: FeaturedExample, options: TrainOptions): number {
  switch (example.source) {
    case 'human':
      return 1;
    case 'semeval':
      return options.semEvalWeight;
    case 'hostile':
      return 0.15;
    case 'one-key-point':
      return 0.3;
    // Fluent denials of the reference: what the human samples show too rarely.
    case 'negation':
      return 1;
    default:
      return 0.5;
  }
}

/** Full-batch Adam on a flat parameter vector with a loss-and-gradient function. */
function adam(parameters: number[], lossGradient: (p: number[]) => number[], steps: number, rate = 0.03): number[] {
  const p = [...parameters];
  const m = new Array<number>(p.length).fill(0);
  const v = new Array<number>(p.length).fill(0);
  for (let step = 1; step <= steps; step += 1) {
    const gradient = lossGradient(p);
    for (let i = 0; i < p.length; i += 1) {
      m[i] = 0.9 * m[i]! + 0.1 * gradient[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * gradient[i]! ** 2;
      p[i] = p[i]! - (rate * (m[i]! / (1 - 0.9 ** step))) / (Math.sqrt(v[i]! / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  return p;
}

/** Logistic regression with soft targets, cross-entropy and L2 on the weights. */
export function fitLogistic(samples: readonly Sample[], l2: number, steps: number): RowHead {
  const width = samples[0]?.x.length ?? 0;
  const total = samples.reduce((sum, s) => sum + s.weight, 0) || 1;
  const p = adam(
    new Array<number>(width + 1).fill(0),
    (params) => {
      const gradient = new Array<number>(width + 1).fill(0);
      for (const { x, y, weight } of samples) {
        const error =
          (weight * (sigmoid(x.reduce((sum, value, i) => sum + value * params[i]!, params[width]!)) - y)) / total;
        x.forEach((value, i) => (gradient[i]! += error * value));
        gradient[width]! += error;
      }
      for (let i = 0; i < width; i += 1) gradient[i]! += l2 * params[i]!;
      return gradient;
    },
    steps,
  );
  return { weights: p.slice(0, width), bias: p[width]! };
}

export function standardisation(rows: readonly number[][]): { mean: number[]; scale: number[] } {
  const width = rows[0]!.length;
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length);
  const scale = mean.map(
    (mu, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j]! - mu) ** 2, 0) / rows.length) || 1,
  );
  return { mean, scale: scale.map((s) => Math.max(s, 1e-3)) };
}

/** The score head: tanh hidden layer (or none) and a sigmoid output, trained on soft scores. */
export function fitScoreHead(samples: readonly Sample[], options: TrainOptions): ScoreHead {
  const { mean, scale } = standardisation(samples.map((s) => s.x));
  const used = FEATURE_NAMES.map((name) => (options.features.includes(name) ? 1 : 0));
  const inputs = samples.map((s) => ({
    ...s,
    x: standardise({ mean, scale }, s.x).map((value, j) => value * used[j]!),
  }));
  if (options.hiddenUnits === 0) {
    const linear = fitLogistic(inputs, options.l2, options.steps);
    return { mean, scale, output: { ...linear, weights: linear.weights.map((w, j) => w * used[j]!) } };
  }
  const width = mean.length;
  const units = options.hiddenUnits;
  const random = seededRandom(12345);
  const initial = Array.from({ length: units * width + units + units + 1 }, () => (random() - 0.5) * 0.6);
  const unpack = (p: number[]): ScoreHead => ({
    mean,
    scale,
    hidden: {
      weights: Array.from({ length: units }, (_, u) => p.slice(u * width, (u + 1) * width)),
      bias: p.slice(units * width, units * width + units),
    },
    output: { weights: p.slice(units * width + units, units * width + 2 * units), bias: p[units * width + 2 * units]! },
  });
  const total = inputs.reduce((sum, s) => sum + s.weight, 0) || 1;
  const p = adam(
    initial,
    (params) => {
      const head = unpack(params);
      const gradient = new Array<number>(params.length).fill(0);
      for (const { x, y, weight } of inputs) {
        const h = hiddenActivations(head, x);
        const error =
          (weight *
            (sigmoid(h.reduce((sum, value, u) => sum + value * head.output.weights[u]!, head.output.bias)) - y)) /
          total;
        for (let u = 0; u < units; u += 1) {
          gradient[units * width + units + u]! += error * h[u]!;
          const back = error * head.output.weights[u]! * (1 - h[u]! ** 2);
          for (let j = 0; j < width; j += 1) gradient[u * width + j]! += back * x[j]!;
          gradient[units * width + u]! += back;
        }
        gradient[units * width + 2 * units]! += error;
      }
      for (let i = 0; i < units * width; i += 1) gradient[i]! += options.l2 * params[i]!;
      for (let u = 0; u < units; u += 1)
        gradient[units * width + units + u]! += options.l2 * params[units * width + units + u]!;
      return gradient;
    },
    options.steps,
  );
  const head = unpack(p);
  return {
    ...head,
    hidden: { ...head.hidden!, weights: head.hidden!.weights.map((unit) => unit.map((w, j) => w * used[j]!)) },
  };
}

/** Key-point rows: stated when the answer is the reference or that key point, not when it is wrong. */
function keyPointSamples(examples: readonly FeaturedExample[]): Sample[] {
  // A copy without the misconception list has the same key-point rows.
  return examples
    .filter((example) => !example.unlisted)
    .flatMap((example) => {
      const label = (row: number): number | undefined => {
        if (example.source === 'one-key-point') return row === example.keyPoint ? 1 : 0;
        if (example.source === 'reference' || example.source === 'key-points') return 1;
        if (example.source === 'human' && example.verdict === 'correct') return 1;
        if (example.source === 'human' && example.verdict === 'incorrect') return 0;
        if (example.source === 'semeval')
          return example.label === 'correct' ? 1 : example.label === 'contradictory' ? 0 : undefined;
        if (example.source === 'misconception-claim') return 0;
        return undefined;
      };
      return example.keyPointRows.flatMap((x, row) => {
        const y = label(row);
        return y === undefined ? [] : [{ x, y, weight: 1 }];
      });
    });
}

/** Gives the positive and negative rows equal total weight: shown misconceptions are rare. */
function balanced(samples: Sample[]): Sample[] {
  const positives = samples.filter((s) => s.y === 1).length;
  const negatives = samples.length - positives;
  if (positives === 0 || negatives === 0) return samples;
  return samples.map((s) => ({
    ...s,
    weight: s.y === 1 ? samples.length / (2 * positives) : samples.length / (2 * negatives),
  }));
}

function misconceptionSamples(examples: readonly FeaturedExample[], questions: readonly TrainingQuestion[]): Sample[] {
  return balanced(
    examples
      .filter(
        (example) =>
          example.source === 'human' || example.source === 'misconception-claim' || example.source === 'reference',
      )
      .flatMap((example) => {
        const ids = questions[example.question]!.gradable.misconceptions.map((m) => m.id);
        return example.misconceptionRows.map((x, row) => ({
          x,
          y: ids[row] === example.misconceptionId ? 1 : 0,
          weight: 1,
        }));
      }),
  );
}

/** The probability above which a misconception is named, chosen to name the human samples' best. */
function fitMisconceptionCutoff(
  head: RowHead,
  examples: readonly FeaturedExample[],
  questions: readonly TrainingQuestion[],
): number {
  const human = examples.filter((example) => example.source === 'human');
  let best = { cutoff: 0.5, accuracy: -1 };
  for (let cutoff = 0.3; cutoff <= 0.96; cutoff += 0.02) {
    const right = human.filter((example) => {
      const ids = questions[example.question]!.gradable.misconceptions.map((m) => m.id);
      const probabilities = example.misconceptionRows.map((row) => misconceptionProbability(head, row));
      const top = probabilities.reduce(
        (bestRow, p, row) => (p >= cutoff && (bestRow < 0 || p > probabilities[bestRow]!) ? row : bestRow),
        -1,
      );
      return (top < 0 ? undefined : ids[top]) === example.misconceptionId;
    }).length;
    if (right > best.accuracy) best = { cutoff, accuracy: right };
  }
  return Math.round(best.cutoff * 100) / 100;
}

type HumanVerdict = 'correct' | 'partial' | 'incorrect';
type Cutoffs = Pick<Thresholds, 'partial' | 'unsure' | 'correct'>;

/** A graded answer for choosing cut-offs: `twoWay` marks SemEval's, which only tell correct from not. */
export interface ScoredAnswer {
  score: number;
  verdict: HumanVerdict;
  weight: number;
  twoWay?: boolean;
}

/**
 * What each mistake costs a learner, by human verdict (rows) and grader verdict (columns): a wrong
 * answer called correct is the worst, a right answer called incorrect the next; "unsure" costs a
 * little less than a wrong verdict, since the learner then compares with the model answer. SemEval's
 * answers only say whether an answer is correct, so for them the verdicts below "correct" barely differ,
 * and its two errors cost the same, as in SemEval's own measure (a higher cost there pushed the cut-off
 * for "correct" above where the training answers put it).
 */
const COST: Record<HumanVerdict, Record<Verdict, number>> = {
  correct: { correct: 0, unsure: 0.6, partial: 0.6, incorrect: 2 },
  partial: { correct: 1, unsure: 0.7, partial: 0, incorrect: 1 },
  incorrect: { correct: 3, unsure: 0.9, partial: 1, incorrect: 0 },
};
const TWO_WAY_COST: Record<'correct' | 'incorrect', Record<Verdict, number>> = {
  correct: { correct: 0, unsure: 1, partial: 1, incorrect: 1 },
  incorrect: { correct: 1, unsure: 0.2, partial: 0, incorrect: 0 },
};

const verdictAt = (score: number, cutoffs: Cutoffs): Verdict =>
  score >= cutoffs.correct
    ? 'correct'
    : score >= cutoffs.unsure
      ? 'unsure'
      : score >= cutoffs.partial
        ? 'partial'
        : 'incorrect';

function costOf(answer: ScoredAnswer, cutoffs: Cutoffs): number {
  const verdict = verdictAt(answer.score, cutoffs);
  return (
    answer.weight *
    (answer.twoWay
      ? TWO_WAY_COST[answer.verdict === 'correct' ? 'correct' : 'incorrect'][verdict]
      : COST[answer.verdict][verdict])
  );
}

const CUTOFF_GRID = Array.from({ length: 46 }, (_, i) => Math.round((0.05 + i * 0.02) * 100) / 100);

/** Chooses the partial, unsure and correct cut-offs on a grid with the least cost. */
export function fitCutoffs(scored: readonly ScoredAnswer[], allowUnsure = true): Cutoffs {
  // Answers between two grid points share every verdict, so they are counted per interval once.
  const intervals = new Map<string, ScoredAnswer>();
  for (const answer of scored) {
    const interval = CUTOFF_GRID.filter((point) => answer.score >= point).length;
    const key = `${interval}|${answer.verdict}|${answer.twoWay ? 1 : 0}`;
    const held = intervals.get(key);
    intervals.set(
      key,
      held
        ? { ...held, weight: held.weight + answer.weight }
        : { ...answer, score: interval === 0 ? 0 : CUTOFF_GRID[interval - 1]! },
    );
  }
  const groups = [...intervals.values()];
  let best = { cutoffs: { partial: 0.3, unsure: 0.6, correct: 0.7 }, cost: Infinity };
  for (const partial of CUTOFF_GRID) {
    for (const unsure of CUTOFF_GRID.filter((u) => u >= partial)) {
      for (const correct of allowUnsure
        ? CUTOFF_GRID.filter((c) => c > unsure || (c === unsure && c > partial))
        : unsure > partial
          ? [unsure]
          : []) {
        const cutoffs = { partial, unsure, correct };
        const cost = groups.reduce((sum, answer) => sum + costOf(answer, cutoffs), 0);
        if (cost < best.cost - 1e-9) best = { cutoffs, cost };
      }
    }
  }
  return best.cutoffs;
}

/**
 * The cut-off for "correct" on questions with only a reference, where the answers are only right or
 * not: the grid point with the best 2-way weighted F1 (SemEval's measure) on those answers.
 */
export function fitReferenceOnlyCutoff(scored: readonly { score: number; correct: boolean }[]): number | undefined {
  if (scored.length === 0) return undefined;
  const gold = scored.map((answer) => answer.correct);
  let best = { cutoff: 0.5, f1: -1 };
  for (const cutoff of CUTOFF_GRID) {
    const f1 = weightedF1(
      gold,
      scored.map((answer) => answer.score >= cutoff),
    );
    if (f1 > best.f1 + 1e-9) best = { cutoff, f1 };
  }
  return best.cutoff;
}

const REFERENCE_HEAD_L2 = 1e-3;
const REFERENCE_HEAD_STEPS = 800;

/**
 * Features the reference-only head leaves out. On such questions the key points restate the reference
 * and there are no misconceptions, so those features only repeat the reference's or are empty. How much
 * an answer shares with the question, and its style (function words, known words, words new to question
 * and reference), say nothing of what it states of the reference: their weights, learned on SemEval's
 * science questions, need not hold for other subjects (cross-validated by question on the training
 * answers, the head without them did as well: mean fold AUC 0.758 against 0.754, 0.748 against 0.746
 * averaged with the score head).
 */
const NOT_REFERENCE_HEAD_FEATURES: readonly FeatureName[] = [
  'questionSimilarity',
  'questionCoverage',
  'questionPrecision',
  'questionOverlap',
  'functionWordRatio',
  'knownWordRate',
  'novelWords',
];

/** What the reference-only head reads: the answer's alignment with the reference and the contradiction cues. */
export const REFERENCE_HEAD_FEATURES = FEATURE_NAMES.filter(
  (name) =>
    !name.startsWith('keyPoint') && !name.startsWith('misconception') && !NOT_REFERENCE_HEAD_FEATURES.includes(name),
);

/**
 * The head for questions with only a reference: a logistic regression fitted on SemEval's training
 * answers to such questions alone (right or not), which combines the overlap features better there
 * than the shared hidden layer does.
 */
export function fitReferenceHead(answers: readonly FeaturedExample[], options: TrainOptions): ScoreHead {
  return fitScoreHead(
    answers.map((example) => ({ x: example.features, y: example.verdict === 'correct' ? 1 : 0, weight: 1 })),
    {
      ...options,
      features: REFERENCE_HEAD_FEATURES,
      hiddenUnits: 0,
      l2: REFERENCE_HEAD_L2,
      steps: REFERENCE_HEAD_STEPS,
    },
  );
}
/** Probabilities a key point must reach to count as stated, and to count as evidence for "correct". */
const KEY_POINT_CUTOFF = 0.5;
const EVIDENCE_CUTOFF = 0.2;

export function trainHeads(
  examples: readonly FeaturedExample[],
  questions: readonly TrainingQuestion[],
  options = DEFAULT_TRAIN_OPTIONS,
): TrainedHeads {
  const scoreHead = fitScoreHead(
    examples.map((example) => ({ x: example.features, y: example.score, weight: exampleWeight(example, options) })),
    options,
  );
  const keyPointHead = fitLogistic(balanced(keyPointSamples(examples)), 1e-3, 800);
  const misconceptionHead = fitLogistic(misconceptionSamples(examples, questions), 1e-3, 800);
  // Cut-offs serve both: the content's human grades and SemEval's, each half of the total weight.
  const human = examples.filter((example) => example.source === 'human');
  const semEval = examples.filter((example) => example.source === 'semeval');
  const semEvalWeight = semEval.length === 0 ? 0 : human.length / semEval.length;
  const cutoffs = fitCutoffs([
    ...human.map((example) => ({
      score: scoreOf(scoreHead, example.features),
      verdict: example.verdict as HumanVerdict,
      weight: 1,
    })),
    ...semEval.map((example) => ({
      score: scoreOf(scoreHead, example.features),
      verdict: example.verdict as HumanVerdict,
      weight: semEvalWeight,
      twoWay: true,
    })),
  ]);
  const misconception = fitMisconceptionCutoff(misconceptionHead, examples, questions);
  const referenceOnlyAnswers = semEval.filter((example) => referenceOnly(questions[example.question]!.gradable));
  const referenceHead = fitReferenceHead(referenceOnlyAnswers, options);
  const referenceOnlyCutoff = fitReferenceOnlyCutoff(
    referenceOnlyAnswers.map((example) => ({
      score: referenceScoreOf(scoreHead, referenceHead, example.features),
      correct: example.verdict === 'correct',
    })),
  );
  const relevanceHead = fitScoreHead(relevanceSamples(examples), { ...options, ...RELEVANCE_HEAD_OPTIONS });
  return {
    scoreHead,
    referenceHead,
    relevanceHead,
    keyPointHead,
    misconceptionHead,
    thresholds: {
      ...cutoffs,
      keyPoint: KEY_POINT_CUTOFF,
      evidence: EVIDENCE_CUTOFF,
      misconception,
      relevance: fitRelevanceCutoff(relevanceScored(relevanceHead, examples)),
      ...(referenceOnlyCutoff === undefined ? {} : { referenceOnly: referenceOnlyCutoff }),
    },
  };
}

/** What the shipped grader would answer for a featured example, computed without the runtime. */
export function predict(
  heads: TrainedHeads,
  question: GradableQuestion,
  example: FeaturedExample,
): Omit<GradeResult, 'feedback'> {
  const refused = nonAnswer(example.answer, example.cues);
  return decide(
    question,
    {
      score: referenceOnly(question)
        ? referenceScoreOf(heads.scoreHead, heads.referenceHead, example.features)
        : scoreOf(heads.scoreHead, example.features),
      keyPointProbability: example.keyPointRows.map((row) => rowProbability(heads.keyPointHead, row)),
      misconceptionProbability: example.misconceptionRows.map((row) =>
        misconceptionProbability(heads.misconceptionHead, row),
      ),
    },
    heads.thresholds,
    refused,
    example.answer,
    !refused && findContradiction(question, example.answer) !== undefined,
    offTopic(
      question,
      scoreOf(heads.relevanceHead, example.features),
      heads.thresholds.relevance,
      example.cues,
      example.answer,
    ),
  );
}
