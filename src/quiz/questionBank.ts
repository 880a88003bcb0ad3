// Every question of the knowledge base, addressable by question id (one spaced-repetition card each). Pure.
import type { Concept, Question } from '../content/schema';

export interface QuizItem {
  question: Question;
  concept: Concept;
  /** Position of the question within its concept, for interleaving concepts. */
  questionIndex: number;
  /** Position of the concept in the knowledge base, for a stable order. */
  conceptIndex: number;
  /** Worked out from the learner's file for this session: answered, but not kept as a review card. */
  computed?: boolean;
}

export class QuestionBank {
  readonly items: readonly QuizItem[];
  private readonly byId: ReadonlyMap<string, QuizItem>;

  /** `sessionItems` are found by id but are not among `items`: they are not the knowledge base's to schedule. */
  constructor(
    private readonly concepts: readonly Concept[],
    sessionItems: readonly QuizItem[] = [],
  ) {
    this.items = concepts.flatMap((concept, conceptIndex) =>
      concept.questions.map((question, questionIndex) => ({ question, concept, questionIndex, conceptIndex })),
    );
    this.byId = new Map([...this.items, ...sessionItems].map((item) => [item.question.id, item]));
  }

  /** This bank plus questions made for one session, such as those computed from the learner's file. */
  including(sessionItems: readonly QuizItem[]): QuestionBank {
    return sessionItems.length === 0 ? this : new QuestionBank(this.concepts, sessionItems);
  }

  get(questionId: string): QuizItem | undefined {
    return this.byId.get(questionId);
  }
}
