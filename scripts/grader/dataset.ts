// The training and evaluation examples: the content's human-graded samples, generated answers and
// the SemEval-2013 training answers, each run through the model's feature graph once.
import { computeCues, type Cues } from '../../src/grader/cues';
import type { ContentQuestion } from '../../src/grader/contentQuestions';
import type { GradableQuestion } from '../../src/grader/types';
import type { OutsideAnswer, SemEvalLabel } from './outsideData';
import { buildInputs, FIRST_KEY_POINT_ROW, MAX_KEY_POINTS } from '../../src/grader/modelInputs';
import type { GraderSession } from '../../src/grader/onnxSession';
import type { Verdict } from '../../src/grader/types';
import { seededRandom } from '../../src/random';
import { fnv1a, type Vocabulary } from '../../src/grader/vocabulary';
import { generateAnswers, type GeneratedKind } from './traps';

/** A question examples refer to by index: one of the content's, or one of SemEval's. */
export interface TrainingQuestion {
  /** Folds are drawn from it; a question's copy without its misconception list shares it. */
  key: string;
  origin: 'content' | 'semeval';
  gradable: GradableQuestion;
}

export function trainingQuestions(questions: readonly ContentQuestion[]): TrainingQuestion[] {
  return questions.map(({ question, gradable }) => ({ key: question.id, origin: 'content', gradable }));
}

export interface Example {
  question: number;
  answer: string;
  /** Human score, or the score a generated answer deserves. */
  score: number;
  verdict: Verdict;
  source: 'human' | 'semeval' | GeneratedKind;
  /** SemEval's 3-way label. */
  label?: SemEvalLabel;
  misconceptionId?: string;
  keyPoint?: number;
  /** Featured against its question with the misconception list left out. */
  unlisted?: true;
}

export interface FeaturedExample extends Example {
  cues: Cues;
  features: number[];
  keyPointRows: number[][];
  misconceptionRows: number[][];
}

const VERDICT_OF_GRADE = {
  correct: 'correct',
  partial: 'partial',
  wrong: 'incorrect',
  misconception: 'incorrect',
} as const;

function verdictOfScore(score: number): Verdict {
  return score >= 0.75 ? 'correct' : score >= 0.3 ? 'partial' : 'incorrect';
}

/** Right answers to other concepts' questions: relevant-sounding, and wrong here. */
const OTHER_REFERENCES = 3;

function otherReferences(questions: readonly ContentQuestion[], index: number): Example[] {
  const { conceptId, question } = questions[index]!;
  const random = seededRandom(fnv1a(`other:${question.id}`));
  const others = questions.filter((other) => other.conceptId !== conceptId);
  return Array.from({ length: Math.min(OTHER_REFERENCES, others.length) }, () => ({
    question: index,
    answer: others[Math.floor(random() * others.length)]!.gradable.reference,
    score: 0,
    verdict: 'incorrect' as const,
    source: 'other-reference' as const,
  }));
}

export function buildExamples(questions: readonly ContentQuestion[]): Example[] {
  return questions.flatMap(({ question, gradable }, index) => [
    ...otherReferences(questions, index),
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

/**
 * Lines given to the command line often list no misconceptions, and the score must not depend on whether
 * they are listed: every content example is also featured against a copy of its question without its
 * misconception list (appended to `questions`, which this extends).
 */
export function withoutMisconceptionLists(examples: readonly Example[], questions: TrainingQuestion[]): Example[] {
  const copies = new Map<number, number>();
  return examples.flatMap((example) => {
    const original = questions[example.question]!;
    if (original.origin !== 'content' || original.gradable.misconceptions.length === 0) return [];
    if (!copies.has(example.question)) {
      copies.set(example.question, questions.length);
      questions.push({ ...original, gradable: { ...original.gradable, misconceptions: [] } });
    }
    const { misconceptionId: _shown, ...rest } = example;
    return [{ ...rest, question: copies.get(example.question)!, unlisted: true as const }];
  });
}

/**
 * SemEval training answers as examples of new questions appended to `questions` (which this extends):
 * correct scores 1; contradictory and incorrect (which includes partly right) score 0.
 */
export function semEvalExamples(rows: readonly OutsideAnswer[], questions: TrainingQuestion[]): Example[] {
  const index = new Map<string, number>();
  return rows.map((row) => {
    const key = `semeval:${row.qid}`;
    if (!index.has(key)) {
      index.set(key, questions.length);
      questions.push({ key, origin: 'semeval', gradable: row.question });
    }
    const correct = row.label === 'correct';
    return {
      question: index.get(key)!,
      answer: row.answer,
      score: correct ? 1 : 0,
      verdict: correct ? 'correct' : 'incorrect',
      source: 'semeval',
      label: row.label!,
    };
  });
}

export async function featurise(
  session: GraderSession,
  vocabulary: Vocabulary,
  questions: readonly TrainingQuestion[],
  examples: readonly Example[],
): Promise<FeaturedExample[]> {
  const featured: FeaturedExample[] = [];
  for (const example of examples) {
    const question = questions[example.question]!.gradable;
    const cues = computeCues(
      question,
      example.answer,
      (token) => vocabulary.isKnown(token),
      (token) => vocabulary.weight(token),
    );
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
