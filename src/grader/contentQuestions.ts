// Adapts the free-text questions of validated concepts to the grader's question shape. Pure.
import type { Concept, FreeTextQuestion } from '../content/schema';
import type { GradableQuestion } from './types';

export interface ContentQuestion {
  conceptId: string;
  question: FreeTextQuestion;
  gradable: GradableQuestion;
}

export function gradableQuestion(concept: Concept, question: FreeTextQuestion): GradableQuestion {
  const byId = new Map(concept.misconceptions.map((m) => [m.id, m]));
  return {
    prompt: question.prompt,
    reference: question.reference,
    keyPoints: question.keyPoints,
    // Misconceptions the samples show count as relevant even if the question does not list them.
    misconceptions: [...new Set([...question.misconceptions, ...question.samples.flatMap((s) => (s.misconception ? [s.misconception] : []))])].flatMap((id) => {
      const found = byId.get(id);
      return found ? [{ id, claim: found.claim, correction: found.correction }] : [];
    }),
  };
}

export function contentQuestions(concepts: readonly Concept[]): ContentQuestion[] {
  return concepts.flatMap((concept) =>
    concept.questions.flatMap((question) =>
      question.type === 'free' ? [{ conceptId: concept.id, question, gradable: gradableQuestion(concept, question) }] : [],
    ),
  );
}
