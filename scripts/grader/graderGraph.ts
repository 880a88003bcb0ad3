// The grader as an ONNX graph: int8 embedding table dequantised per gathered row, SIF-weighted
// sentence vectors, token-alignment coverage, aggregates over key points and misconceptions,
// and the learned heads. Token ids and the string cues are computed in TypeScript.
import { DataType, type ModelValue } from './onnxProto';
import { GraphBuilder, tensorInfo } from './graphBuilder';
import { MISCONCEPTION_MARGIN, type RowHead, type ScoreHead } from './head';

export const GRAPH_FEATURE_NAMES = [
  'referenceSimilarity',
  'referenceCoverage',
  'referencePrecision',
  'questionSimilarity',
  'questionCoverage',
  'questionPrecision',
  'keyPointCoverageMean',
  'keyPointCoverageMin',
  'keyPointCoverageMax',
  'keyPointSimilarityMean',
  'misconceptionSimilarityMax',
  'misconceptionCoverageMax',
  'misconceptionPrecisionMax',
  'misconceptionMargin',
] as const;

/** Per target row: similarity, coverage, precision, similarity minus the reference's. */
export const ROW_FEATURE_COUNT = 4;

export interface EmbeddingTable {
  dimensions: number;
  rows: number;
  quantised: Int8Array;
  scales: Float32Array;
  weights: Float32Array;
}

export interface GraderParameters {
  table: EmbeddingTable;
  cueCount: number;
  /** Token cosines below this count as no match; above it they rise linearly to 1. */
  matchFloor: number;
  keyPointHead: RowHead;
  misconceptionHead: RowHead;
  scoreHead: ScoreHead;
  /** A linear head for questions given with a reference alone, trained on SemEval's training answers. */
  referenceHead: ScoreHead;
  /** A linear head: how likely the answer is about another question (see relevance.ts). */
  relevanceHead: ScoreHead;
}

const EPSILON = 1e-6;

export function buildGraderModel(parameters: GraderParameters, metadata: Record<string, string>): ModelValue {
  const g = new GraphBuilder();
  const { table } = parameters;
  const featureCount = GRAPH_FEATURE_NAMES.length + parameters.cueCount;

  g.int8s('embedding_q', [table.rows, table.dimensions], table.quantised);
  g.floats('embedding_scale', [table.rows], table.scales);
  g.floats('token_weight', [table.rows], table.weights);
  const eps = g.scalar('eps', EPSILON);
  const one = g.scalar('one', 1);
  const ten = g.scalar('ten', 10);
  const floor = g.scalar('match_floor', parameters.matchFloor);
  const span = g.scalar('match_span', 1 - parameters.matchFloor);
  const axisLast = g.int64s('axis_last', [-1]);
  const axis0 = g.int64s('axis_0', [0]);
  const axis1 = g.int64s('axis_1', [1]);
  const row0 = g.int64s('row_reference', [0]);
  const row1 = g.int64s('row_question', [1]);

  const embed = (ids: string, demotion: string): { vectors: string; weights: string } => {
    const quantised = g.op('Cast', [g.op('Gather', ['embedding_q', ids])], { to: DataType.FLOAT });
    const scales = g.op('Unsqueeze', [g.op('Gather', ['embedding_scale', ids]), axisLast]);
    return {
      vectors: g.op('Mul', [quantised, scales]),
      weights: g.op('Mul', [g.op('Gather', ['token_weight', ids]), demotion]),
    };
  };
  const normalise = (x: string): string =>
    g.op('Div', [
      x,
      g.op('Add', [g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [x, x]), axisLast], { keepdims: 1 })]), eps]),
    ]);
  const pool = (vectors: string, weights: string): string =>
    g.op('ReduceSum', [g.op('Mul', [vectors, g.op('Unsqueeze', [weights, axisLast])]), axis1], { keepdims: 0 });
  const weightedMean = (values: string, weights: string): string =>
    g.op('Div', [
      g.op('ReduceSum', [g.op('Mul', [values, weights]), axisLast], { keepdims: 0 }),
      g.op('Add', [g.op('ReduceSum', [weights, axisLast], { keepdims: 0 }), eps]),
    ]);

  const answer = embed('answer', 'answer_weight'); // [1, La, D], [1, La]
  const targets = embed('targets', 'target_weight'); // [T, Lt, D], [T, Lt]

  // Sentence similarity of the answer to every target row.
  const answerSentence = normalise(pool(answer.vectors, answer.weights)); // [1, D]
  const targetSentences = normalise(pool(targets.vectors, targets.weights)); // [T, D]
  const similarity = g.op('Squeeze', [
    g.op('MatMul', [targetSentences, g.op('Transpose', [answerSentence], { perm: [1, 0] })]),
    axis1,
  ]); // [T]

  // Token alignment: each target token's best match among the answer's tokens, and vice versa.
  const answerTokens = g.op('Transpose', [g.op('Squeeze', [normalise(answer.vectors), axis0])], { perm: [1, 0] }); // [D, La]
  const cosines = g.op('MatMul', [normalise(targets.vectors), answerTokens]); // [T, Lt, La]
  const matches = g.op('Div', [g.op('Relu', [g.op('Sub', [cosines, floor])]), span]);
  const coverage = weightedMean(g.op('ReduceMax', [matches], { axes: [2], keepdims: 0 }), targets.weights); // [T]
  const precision = weightedMean(g.op('ReduceMax', [matches], { axes: [1], keepdims: 0 }), answer.weights); // [T]

  const referenceSimilarity = g.op('Gather', [similarity, row0]); // [1]
  const rowFeatures = g.op(
    'Concat',
    [similarity, coverage, precision, g.op('Sub', [similarity, referenceSimilarity])].map((x) =>
      g.op('Unsqueeze', [x, axisLast]),
    ),
    { axis: 1 },
    'row_features',
  ); // [T, 4]

  const keyPoints = 'key_point_mask';
  const misconceptions = 'misconception_mask';
  const keyPointCount = g.op('Add', [g.op('ReduceSum', [keyPoints, axis0], { keepdims: 1 }), eps]);
  const maskedMean = (x: string): string =>
    g.op('Div', [g.op('ReduceSum', [g.op('Mul', [x, keyPoints]), axis0], { keepdims: 1 }), keyPointCount]);
  const outside = (mask: string): string => g.op('Mul', [g.op('Sub', [one, mask]), ten]);
  const maskedMax = (x: string, mask: string): string =>
    g.op('Relu', [g.op('ReduceMax', [g.op('Sub', [x, outside(mask)])], { axes: [0], keepdims: 1 })]);
  const keyPointMin = g.op('ReduceMin', [g.op('Add', [coverage, outside(keyPoints)])], { axes: [0], keepdims: 1 });
  const misconceptionSimilarity = maskedMax(similarity, misconceptions);

  const graphFeatures = [
    referenceSimilarity,
    g.op('Gather', [coverage, row0]),
    g.op('Gather', [precision, row0]),
    g.op('Gather', [similarity, row1]),
    g.op('Gather', [coverage, row1]),
    g.op('Gather', [precision, row1]),
    maskedMean(coverage),
    keyPointMin,
    maskedMax(coverage, keyPoints),
    maskedMean(similarity),
    misconceptionSimilarity,
    maskedMax(coverage, misconceptions),
    maskedMax(precision, misconceptions),
    g.op('Sub', [misconceptionSimilarity, referenceSimilarity]),
  ];
  const features = g.op(
    'Concat',
    [g.op('Unsqueeze', [g.op('Concat', graphFeatures, { axis: 0 }), axis0]), 'cues'],
    { axis: 1 },
    'features',
  ); // [1, F]

  // Per-row logistic heads: which key points are stated, which misconceptions are shown.
  const rowHead = (name: string, head: RowHead, mask: string, output: string): string => {
    const logits = g.op('Add', [
      g.op('MatMul', [rowFeatures, g.floats(`${name}_w`, [ROW_FEATURE_COUNT, 1], head.weights)]),
      g.scalar(`${name}_b`, head.bias),
    ]);
    return g.op('Mul', [g.op('Squeeze', [g.op('Sigmoid', [logits]), axis1]), mask], {}, output);
  };
  rowHead('key_point_head', parameters.keyPointHead, keyPoints, 'key_point_probability');
  // A misconception's claim must be about as close to the answer as the reference is.
  const closer = g.op(
    'Cast',
    [g.op('Greater', [g.op('Sub', [similarity, referenceSimilarity]), g.scalar('margin', -MISCONCEPTION_MARGIN)])],
    { to: DataType.FLOAT },
  );
  rowHead(
    'misconception_head',
    parameters.misconceptionHead,
    g.op('Mul', [misconceptions, closer]),
    'misconception_probability',
  );

  // The score heads: one for the product's questions; questions with a reference alone take the mean of
  // its probability and a linear head's. The relevance head is linear too.
  const scoreHead = (prefix: string, head: ScoreHead, output?: string): string => {
    let x = g.op('Div', [
      g.op('Sub', [features, g.floats(`${prefix}feature_mean`, [featureCount], head.mean)]),
      g.floats(`${prefix}feature_scale`, [featureCount], head.scale),
    ]);
    let width = featureCount;
    if (head.hidden) {
      const units = head.hidden.weights.length;
      const transposed = Array.from({ length: featureCount }, (_, j) =>
        head.hidden!.weights.map((unit) => unit[j]!),
      ).flat();
      x = g.op('Tanh', [
        g.op('Add', [
          g.op('MatMul', [x, g.floats(`${prefix}hidden_w`, [featureCount, units], transposed)]),
          g.floats(`${prefix}hidden_b`, [units], head.hidden.bias),
        ]),
      ]);
      width = units;
    }
    const logit = g.op('Add', [
      g.op('MatMul', [x, g.floats(`${prefix}output_w`, [width, 1], head.output.weights)]),
      g.scalar(`${prefix}output_b`, head.output.bias),
    ]);
    return g.op('Sigmoid', [logit], {}, output);
  };
  const score = scoreHead('', parameters.scoreHead, 'score');
  const linear = scoreHead('reference_', parameters.referenceHead);
  g.op('Mul', [g.op('Add', [score, linear]), g.scalar('half', 0.5)], {}, 'reference_score');
  scoreHead('relevance_', parameters.relevanceHead, 'relevance');

  return {
    ir_version: 8,
    producer_name: 'dl-tutor-build-model',
    producer_version: '1',
    doc_string: 'DL Tutor free-text answer grader',
    opset_import: [{ domain: '', version: 17 }],
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'answer_grader',
      node: g.nodes,
      initializer: g.initializers,
      input: [
        tensorInfo('answer', DataType.INT64, [1, 'answer_tokens']),
        tensorInfo('answer_weight', DataType.FLOAT, [1, 'answer_tokens']),
        tensorInfo('targets', DataType.INT64, ['rows', 'target_tokens']),
        tensorInfo('target_weight', DataType.FLOAT, ['rows', 'target_tokens']),
        tensorInfo('key_point_mask', DataType.FLOAT, ['rows']),
        tensorInfo('misconception_mask', DataType.FLOAT, ['rows']),
        tensorInfo('cues', DataType.FLOAT, [1, parameters.cueCount]),
      ],
      output: [
        tensorInfo('score', DataType.FLOAT, [1, 1]),
        tensorInfo('reference_score', DataType.FLOAT, [1, 1]),
        tensorInfo('relevance', DataType.FLOAT, [1, 1]),
        tensorInfo('key_point_probability', DataType.FLOAT, ['rows']),
        tensorInfo('misconception_probability', DataType.FLOAT, ['rows']),
        tensorInfo('features', DataType.FLOAT, [1, featureCount]),
        tensorInfo('row_features', DataType.FLOAT, ['rows', ROW_FEATURE_COUNT]),
      ],
    },
  };
}
