// FALLBACK ONLY: a word-overlap grader for when onnxruntime-node or the model cannot load.
// It cannot recognise paraphrases, so its feedback says it is the fallback.
import { findContradiction } from './contradiction';
import { computeCues } from './cues';
import { decide, nonAnswer } from './decision';
import { buildFeedback } from './feedback';
import { cosine, recall } from './lexical';
import type { Thresholds } from './modelConfig';
import { offTopicByWords } from './relevance';
import type { AnswerGrader, GradableQuestion, GradeResult } from './types';

const THRESHOLDS: Thresholds = {
  correct: 0.55,
  unsure: 0.55,
  partial: 0.25,
  keyPoint: 0.5,
  evidence: 0.3,
  misconception: 0.5,
  // No relevance output here: offTopicByWords judges instead.
  relevance: 1,
};
const UNIFORM = (): number => 1;

export const FALLBACK_NOTICE =
  '(Graded by the simple word-overlap fallback, because the answer model could not be loaded.)';

export class LexicalGrader implements AnswerGrader {
  readonly kind = 'lexical';

  async grade(question: GradableQuestion, answer: string): Promise<GradeResult> {
    const cues = computeCues(question, answer, () => true);
    const keyPointRecall = question.keyPoints.map((point) => recall(point, answer));
    const coverage = keyPointRecall.reduce((sum, value) => sum + value, 0) / question.keyPoints.length;
    const similarity = cosine(answer, question.reference, UNIFORM);
    const penalty = 1 - 0.6 * Math.max(cues.negationUnmatched, cues.negationDropped, cues.swappedPairs);
    const score = Math.min(1, 0.6 * coverage + 0.6 * similarity) * penalty;
    const misconceptionProbability = question.misconceptions.map((m) => {
      const claim = cosine(answer, m.claim, UNIFORM);
      return claim > similarity && claim >= 0.35 ? 1 : 0;
    });
    const refused = nonAnswer(answer, cues);
    const contradiction = refused ? undefined : findContradiction(question, answer);
    const result = decide(
      question,
      { score, keyPointProbability: keyPointRecall, misconceptionProbability },
      THRESHOLDS,
      refused,
      answer,
      contradiction !== undefined,
      offTopicByWords(cues, answer),
    );
    return {
      ...result,
      feedback: `${buildFeedback(question, result, answer, refused, contradiction)} ${FALLBACK_NOTICE}`,
    };
  }
}
