// Adapts the free-text questions of validated concepts to the grader's question shape. Pure.
import type { Concept, FreeTextQuestion } from '../content/schema';
import type { GradableQuestion } from './types';

export interface ContentQuestion {
  conceptId: string;
  question: FreeTextQuestion;
  gradable: GradableQuestion;
}

export function gradableQuestion(concept: Concept, question: FreeTextQuestion): GradableQuestion {
  // An answer may show any of the concept's misconceptions, not only those the question lists; the
  // listed ones and those the samples show come first, so they survive the model's row limit.
  const named = [
    ...question.misconceptions,
    ...question.samples.flatMap((s) => (s.misconception ? [s.misconception] : [])),
  ];
  const order = new Map(
    [...named, ...concept.misconceptions.map((m) => m.id)].map((id, index) => [id, index] as const).reverse(),
  );
  return {
    prompt: question.prompt,
    reference: question.reference,
    keyPoints: question.keyPoints,
    misconceptions: [...concept.misconceptions]
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((m) => ({ id: m.id, claim: m.claim, correction: m.correction })),
  };
}

export function contentQuestions(concepts: readonly Concept[]): ContentQuestion[] {
  return concepts.flatMap((concept) =>
    concept.questions.flatMap((question) =>
      question.type === 'free'
        ? [{ conceptId: concept.id, question, gradable: gradableQuestion(concept, question) }]
        : [],
    ),
  );
}
