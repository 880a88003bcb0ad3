// Runs the grader model with onnxruntime-node. The runtime is imported on first use only, so
// loading the extension never pays for it and a missing native binary surfaces as an error here.
import type * as Ort from 'onnxruntime-node';
import type { ModelInputs } from './modelInputs';

export interface ModelOutputs {
  score: number;
  /** The score for a question given with a reference alone. */
  referenceScore: number;
  /** How likely the answer is about something else (see relevance.ts). */
  relevance: number;
  keyPointProbability: number[];
  misconceptionProbability: number[];
  features: number[];
  rowFeatures: number[][];
}

export class GraderSession {
  private constructor(
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
  ) {}

  static async load(model: Uint8Array): Promise<GraderSession> {
    const ort = await import('onnxruntime-node');
    // One thread: the graph is tiny, and thread hand-offs would cost more than they save.
    const session = await ort.InferenceSession.create(model, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new GraderSession(ort, session);
  }

  async run(inputs: ModelInputs): Promise<ModelOutputs> {
    const { Tensor } = this.ort;
    const int64 = (values: number[], dims: number[]) =>
      new Tensor(
        'int64',
        BigInt64Array.from(values, (v) => BigInt(v)),
        dims,
      );
    const results = await this.session.run({
      answer: int64(inputs.answer, [1, inputs.answer.length]),
      answer_weight: new Tensor('float32', Float32Array.from(inputs.answerWeights), [1, inputs.answer.length]),
      targets: int64(inputs.targets, [inputs.rows, inputs.width]),
      target_weight: new Tensor('float32', Float32Array.from(inputs.targetWeights), [inputs.rows, inputs.width]),
      key_point_mask: new Tensor('float32', Float32Array.from(inputs.keyPointMask), [inputs.rows]),
      misconception_mask: new Tensor('float32', Float32Array.from(inputs.misconceptionMask), [inputs.rows]),
      cues: new Tensor('float32', Float32Array.from(inputs.cues), [1, inputs.cues.length]),
    });
    const values = (name: string): number[] => Array.from(results[name]!.data as Float32Array);
    const rows = values('row_features');
    const width = rows.length / inputs.rows;
    return {
      score: values('score')[0]!,
      referenceScore: values('reference_score')[0]!,
      relevance: values('relevance')[0]!,
      keyPointProbability: values('key_point_probability'),
      misconceptionProbability: values('misconception_probability'),
      features: values('features'),
      rowFeatures: Array.from({ length: inputs.rows }, (_, row) => rows.slice(row * width, (row + 1) * width)),
    };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
