// Every question of the knowledge base, addressable by question id (one spaced-repetition card each). Pure.
import type { Concept, Question } from '../content/schema';

export interface QuizItem {
  question: Question;
  concept: Concept;
  /** Position of the question within its concept, for interleaving concepts. */
  questionIndex: number;
  /** Position of the concept in the knowledge base, for a stable order. */
  conceptIndex: number;
}

export class QuestionBank {
  readonly items: readonly QuizItem[];
  private readonly byId: ReadonlyMap<string, QuizItem>;

  constructor(concepts: readonly Concept[]) {
    this.items = concepts.flatMap((concept, conceptIndex) =>
      concept.questions.map((question, questionIndex) => ({ question, concept, questionIndex, conceptIndex })),
    );
    this.byId = new Map(this.items.map((item) => [item.question.id, item]));
  }

  get(questionId: string): QuizItem | undefined {
    return this.byId.get(questionId);
  }
}
