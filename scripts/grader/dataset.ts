// The training and evaluation examples: the content's human-graded samples plus generated
// answers, each run through the model's feature graph once.
import { computeCues, type Cues } from '../../src/grader/cues';
import type { ContentQuestion } from '../../src/grader/contentQuestions';
import { buildInputs, FIRST_KEY_POINT_ROW, MAX_KEY_POINTS } from '../../src/grader/modelInputs';
import type { GraderSession } from '../../src/grader/onnxSession';
import type { Verdict } from '../../src/grader/types';
import { fnv1a, type Vocabulary } from '../../src/grader/vocabulary';
import { generateAnswers, type GeneratedKind } from './traps';

export interface Example {
  question: number;
  answer: string;
  /** Human score, or the score a generated answer deserves. */
  score: number;
  verdict: Verdict;
  source: 'human' | GeneratedKind;
  misconceptionId?: string;
  keyPoint?: number;
}

export interface FeaturedExample extends Example {
  cues: Cues;
  features: number[];
  keyPointRows: number[][];
  misconceptionRows: number[][];
}

const VERDICT_OF_GRADE = { correct: 'correct', partial: 'partial', wrong: 'incorrect', misconception: 'incorrect' } as const;

function verdictOfScore(score: number): Verdict {
  return score >= 0.75 ? 'correct' : score >= 0.3 ? 'partial' : 'incorrect';
}

export function buildExamples(questions: readonly ContentQuestion[]): Example[] {
  return questions.flatMap(({ question, gradable }, index) => [
    ...question.samples.map((sample) => ({
      question: index,
      answer: sample.answer,
      score: sample.score,
      verdict: VERDICT_OF_GRADE[sample.grade],
      source: 'human' as const,
      ...(sample.misconception ? { misconceptionId: sample.misconception } : {}),
    })),
    ...generateAnswers(gradable, fnv1a(question.id)).map((generated) => ({
      question: index,
      answer: generated.answer,
      score: generated.score,
      verdict: verdictOfScore(generated.score),
      source: generated.kind,
      ...(generated.misconceptionId ? { misconceptionId: generated.misconceptionId } : {}),
      ...(generated.keyPoint !== undefined ? { keyPoint: generated.keyPoint } : {}),
    })),
  ]);
}

export async function featurise(
  session: GraderSession,
  vocabulary: Vocabulary,
  questions: readonly ContentQuestion[],
  examples: readonly Example[],
): Promise<FeaturedExample[]> {
  const featured: FeaturedExample[] = [];
  for (const example of examples) {
    const question = questions[example.question]!.gradable;
    const cues = computeCues(question, example.answer, (token) => vocabulary.isKnown(token));
    const outputs = await session.run(buildInputs(vocabulary, question, example.answer, cues));
    const firstMisconceptionRow = FIRST_KEY_POINT_ROW + Math.min(question.keyPoints.length, MAX_KEY_POINTS);
    featured.push({
      ...example,
      cues,
      features: outputs.features,
      keyPointRows: outputs.rowFeatures.slice(FIRST_KEY_POINT_ROW, firstMisconceptionRow),
      misconceptionRows: outputs.rowFeatures.slice(firstMisconceptionRow),
    });
  }
  return featured;
}
