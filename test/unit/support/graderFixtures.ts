// What several grader tests share: a free-text question (why dropout needs evaluation mode) and cut-offs.
import type { Thresholds } from '../../../src/grader/modelConfig';
import type { GradableQuestion } from '../../../src/grader/types';

export const DROPOUT_EVAL_QUESTION: GradableQuestion = {
  prompt:
    'Why must you switch a PyTorch model to evaluation mode before measuring validation accuracy when it contains dropout?',
  reference:
    'model.eval() turns dropout off so every unit is used; left in training mode, units keep being dropped at random and accuracy is noisy.',
  keyPoints: [
    'in evaluation mode dropout is off and all units are used',
    'in training mode units are dropped at random so accuracy is noisy',
  ],
  misconceptions: [
    {
      id: 'dropout-active-at-inference',
      claim: 'Dropout also drops units at test time.',
      correction: 'Dropout is the identity at evaluation: every unit is kept and nothing is dropped.',
    },
  ],
};

/** Round cut-offs for tests of the decision logic, independent of the trained model's. */
export const EXAMPLE_THRESHOLDS: Thresholds = {
  partial: 0.3,
  unsure: 0.5,
  correct: 0.7,
  keyPoint: 0.5,
  evidence: 0.2,
  misconception: 0.5,
  relevance: 0.8,
};
