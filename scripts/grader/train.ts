// Fits the learned heads on featured examples. Deterministic: fixed initialisation seed, full-batch
// Adam for a fixed number of steps, so the same data always gives the same numbers.
import { rolesSwapped } from '../../src/grader/bindings';
import type { ContentQuestion } from '../../src/grader/contentQuestions';
import { decide, nonAnswer } from '../../src/grader/decision';
import type { Thresholds } from '../../src/grader/modelConfig';
import type { GradableQuestion, GradeResult } from '../../src/grader/types';
import type { FeaturedExample } from './dataset';
import { hiddenActivations, misconceptionProbability, rowProbability, scoreOf, sigmoid, standardise, type RowHead, type ScoreHead } from './head';
import { seededRandom } from '../../src/random';

export interface TrainedHeads {
  scoreHead: ScoreHead;
  keyPointHead: RowHead;
  misconceptionHead: RowHead;
  thresholds: Thresholds;
}

export interface TrainOptions {
  hiddenUnits: number;
  l2: number;
  steps: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { hiddenUnits: 8, l2: 3e-3, steps: 1500 };

interface Sample {
  x: number[];
  y: number;
  weight: number;
}

/** How much one example counts: human judgements most, the many generated traps less. */
export function exampleWeight(example: FeaturedExample): number {
  switch (example.source) {
    case 'human':
      return 1;
    case 'hostile':
      return 0.15;
    case 'one-key-point':
      return 0.3;
    default:
      return 0.5;
  }
}

/** Full-batch Adam on a flat parameter vector with a loss-and-gradient function. */
function adam(parameters: number[], lossGradient: (p: number[]) => number[], steps: number, rate = 0.02): number[] {
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
        const error = (weight * (sigmoid(x.reduce((sum, value, i) => sum + value * params[i]!, params[width]!)) - y)) / total;
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

function standardisation(rows: readonly number[][]): { mean: number[]; scale: number[] } {
  const width = rows[0]!.length;
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length);
  const scale = mean.map((mu, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j]! - mu) ** 2, 0) / rows.length) || 1);
  return { mean, scale: scale.map((s) => Math.max(s, 1e-3)) };
}

/** The score head: tanh hidden layer (or none) and a sigmoid output, trained on soft scores. */
export function fitScoreHead(samples: readonly Sample[], options: TrainOptions): ScoreHead {
  const { mean, scale } = standardisation(samples.map((s) => s.x));
  const inputs = samples.map((s) => ({ ...s, x: standardise({ mean, scale }, s.x) }));
  if (options.hiddenUnits === 0) {
    const linear = fitLogistic(inputs, options.l2, options.steps);
    return { mean, scale, output: linear };
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
        const error = (weight * (sigmoid(h.reduce((sum, value, u) => sum + value * head.output.weights[u]!, head.output.bias)) - y)) / total;
        for (let u = 0; u < units; u += 1) {
          gradient[units * width + units + u]! += error * h[u]!;
          const back = error * head.output.weights[u]! * (1 - h[u]! ** 2);
          for (let j = 0; j < width; j += 1) gradient[u * width + j]! += back * x[j]!;
          gradient[units * width + u]! += back;
        }
        gradient[units * width + 2 * units]! += error;
      }
      for (let i = 0; i < units * width; i += 1) gradient[i]! += options.l2 * params[i]!;
      for (let u = 0; u < units; u += 1) gradient[units * width + units + u]! += options.l2 * params[units * width + units + u]!;
      return gradient;
    },
    options.steps,
  );
  return unpack(p);
}

/** Key-point rows: stated when the answer is the reference or that key point, not when it is wrong. */
function keyPointSamples(examples: readonly FeaturedExample[]): Sample[] {
  return examples.flatMap((example) => {
    const label = (row: number): number | undefined => {
      if (example.source === 'one-key-point') return row === example.keyPoint ? 1 : 0;
      if (example.source === 'reference' || example.source === 'key-points') return 1;
      if (example.source === 'human' && example.verdict === 'correct') return 1;
      if (example.source === 'human' && example.verdict === 'incorrect') return 0;
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
  return samples.map((s) => ({ ...s, weight: s.y === 1 ? samples.length / (2 * positives) : samples.length / (2 * negatives) }));
}

function misconceptionSamples(examples: readonly FeaturedExample[], questions: readonly ContentQuestion[]): Sample[] {
  return balanced(
    examples
      .filter((example) => example.source === 'human' || example.source === 'misconception-claim' || example.source === 'reference')
      .flatMap((example) => {
        const ids = questions[example.question]!.gradable.misconceptions.map((m) => m.id);
        return example.misconceptionRows.map((x, row) => ({ x, y: ids[row] === example.misconceptionId ? 1 : 0, weight: 1 }));
      }),
  );
}

/** The probability above which a misconception is named, chosen to name the human samples' best. */
function fitMisconceptionCutoff(head: RowHead, examples: readonly FeaturedExample[], questions: readonly ContentQuestion[]): number {
  const human = examples.filter((example) => example.source === 'human');
  let best = { cutoff: 0.5, accuracy: -1 };
  for (let cutoff = 0.3; cutoff <= 0.96; cutoff += 0.02) {
    const right = human.filter((example) => {
      const ids = questions[example.question]!.gradable.misconceptions.map((m) => m.id);
      const probabilities = example.misconceptionRows.map((row) => misconceptionProbability(head, row));
      const top = probabilities.reduce((bestRow, p, row) => (p >= cutoff && (bestRow < 0 || p > probabilities[bestRow]!) ? row : bestRow), -1);
      return (top < 0 ? undefined : ids[top]) === example.misconceptionId;
    }).length;
    if (right > best.accuracy) best = { cutoff, accuracy: right };
  }
  return Math.round(best.cutoff * 100) / 100;
}

const VERDICT_INDEX = { incorrect: 0, partial: 1, correct: 2 } as const;

/** Chooses the partial and correct cut-offs that classify the human samples best. */
export function fitCutoffs(scored: readonly { score: number; verdict: keyof typeof VERDICT_INDEX }[]): { partial: number; correct: number } {
  let best = { partial: 0.3, correct: 0.7, accuracy: -1 };
  for (let partial = 0.1; partial <= 0.7; partial += 0.02) {
    for (let correct = partial + 0.04; correct <= 0.95; correct += 0.02) {
      const right = scored.filter(({ score, verdict }) => {
        const predicted = score >= correct ? 2 : score >= partial ? 1 : 0;
        return predicted === VERDICT_INDEX[verdict];
      }).length;
      const accuracy = right / Math.max(1, scored.length);
      if (accuracy > best.accuracy + 1e-9) best = { partial, correct, accuracy };
    }
  }
  return { partial: Math.round(best.partial * 100) / 100, correct: Math.round(best.correct * 100) / 100 };
}

export function trainHeads(examples: readonly FeaturedExample[], questions: readonly ContentQuestion[], options = DEFAULT_TRAIN_OPTIONS): TrainedHeads {
  const scoreHead = fitScoreHead(
    examples.map((example) => ({ x: example.features, y: example.score, weight: exampleWeight(example) })),
    options,
  );
  const keyPointHead = fitLogistic(balanced(keyPointSamples(examples)), 1e-3, 800);
  const misconceptionHead = fitLogistic(misconceptionSamples(examples, questions), 1e-3, 800);
  const human = examples.filter((example) => example.source === 'human');
  const cutoffs = fitCutoffs(human.map((example) => ({ score: scoreOf(scoreHead, example.features), verdict: example.verdict })));
  const misconception = fitMisconceptionCutoff(misconceptionHead, examples, questions);
  return { scoreHead, keyPointHead, misconceptionHead, thresholds: { ...cutoffs, keyPoint: 0.5, misconception } };
}

/** What the shipped grader would answer for a featured example, computed without the runtime. */
export function predict(heads: TrainedHeads, question: GradableQuestion, example: FeaturedExample): Omit<GradeResult, 'feedback'> {
  return decide(
    question,
    {
      score: scoreOf(heads.scoreHead, example.features),
      keyPointProbability: example.keyPointRows.map((row) => rowProbability(heads.keyPointHead, row)),
      misconceptionProbability: example.misconceptionRows.map((row) => misconceptionProbability(heads.misconceptionHead, row)),
    },
    heads.thresholds,
    nonAnswer(example.answer, example.cues),
    rolesSwapped(question, example.answer),
  );
}
