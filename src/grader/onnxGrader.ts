// The trained grader: string cues in TypeScript, everything learned in the ONNX graph.
import { findContradiction } from './contradiction';
import { computeCues } from './cues';
import { decide, nonAnswer, referenceOnly } from './decision';
import { buildFeedback } from './feedback';
import type { ModelFiles } from './modelFiles';
import type { Thresholds } from './modelConfig';
import { buildInputs, FIRST_KEY_POINT_ROW, MAX_KEY_POINTS } from './modelInputs';
import { GraderSession } from './onnxSession';
import { offTopic } from './relevance';
import type { AnswerGrader, GradableQuestion, GradeResult } from './types';
import { Vocabulary } from './vocabulary';

export class OnnxGrader implements AnswerGrader {
  readonly kind = 'onnx';

  constructor(
    private readonly session: GraderSession,
    private readonly vocabulary: Vocabulary,
    private readonly thresholds: Thresholds,
  ) {}

  static async load(files: ModelFiles): Promise<OnnxGrader> {
    const session = await GraderSession.load(files.model);
    return new OnnxGrader(
      session,
      Vocabulary.fromWordList(files.config.words, files.config.hashBuckets),
      files.config.thresholds,
    );
  }

  async grade(question: GradableQuestion, answer: string): Promise<GradeResult> {
    const cues = computeCues(
      question,
      answer,
      (token) => this.vocabulary.isKnown(token),
      (token) => this.vocabulary.weight(token),
    );
    const outputs = await this.session.run(buildInputs(this.vocabulary, question, answer, cues));
    const keyPointRows = Math.min(question.keyPoints.length, MAX_KEY_POINTS);
    const firstMisconceptionRow = FIRST_KEY_POINT_ROW + keyPointRows;
    const refused = nonAnswer(answer, cues);
    const contradiction = refused ? undefined : findContradiction(question, answer);
    const result = decide(
      question,
      {
        score: referenceOnly(question) ? outputs.referenceScore : outputs.score,
        keyPointProbability: outputs.keyPointProbability.slice(FIRST_KEY_POINT_ROW, firstMisconceptionRow),
        misconceptionProbability: outputs.misconceptionProbability.slice(firstMisconceptionRow),
      },
      this.thresholds,
      refused,
      answer,
      contradiction !== undefined,
      offTopic(question, outputs.relevance, this.thresholds.relevance, cues, answer),
    );
    return { ...result, feedback: buildFeedback(question, result, answer, refused, contradiction) };
  }
}
