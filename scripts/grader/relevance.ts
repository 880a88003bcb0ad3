// Fits the relevance head (is the answer about another question?) and its cut-off: a logistic
// regression that tells other questions' references, given as answers, from right and partly right
// answers, and the lowest cut-off that keeps its false alarms on those answers within a small budget.
import { CUE_NAMES } from '../../src/grader/cues';
import { headFindsOffTopic } from '../../src/grader/relevance';
import type { FeaturedExample } from './dataset';
import { GRAPH_FEATURE_NAMES } from './graderGraph';
import { scoreOf, type ScoreHead } from './head';
import type { TrainOptions } from './train';

/**
 * What the head reads: what the answer is about (its overlap with the question, the reference and the
 * key points, exact and through word vectors). Misconception rows are left out, so the judgement does not
 * depend on whether the question lists any, and so are the contradiction and form cues (negation,
 * swapped roles, keyword lists), which say whether an answer is wrong about this question, not whether
 * it is about it.
 */
export const RELEVANCE_FEATURES = [...GRAPH_FEATURE_NAMES, ...CUE_NAMES].filter(
  (name) =>
    !name.startsWith('misconception') &&
    ![
      'negationUnmatched',
      'negationDropped',
      'swappedPairs',
      'displacedWords',
      'rolesSwapped',
      'questionCopy',
      'keywordList',
    ].includes(name),
);

/**
 * The head is linear over those features and lightly regularised; its features overlap much, so full-batch
 * Adam needs many steps to settle (with 800 it stopped short and caught fewer other questions' references).
 */
export const RELEVANCE_HEAD_OPTIONS: Pick<TrainOptions, 'features' | 'hiddenUnits' | 'l2' | 'steps'> = {
  features: RELEVANCE_FEATURES,
  hiddenUnits: 0,
  l2: 1e-4,
  steps: 12_000,
};

/** The answers a right or partly right answer would be, which the head must not flag. */
function onTopic(example: FeaturedExample): boolean {
  if (example.unlisted) return false;
  if (example.source === 'human') return example.verdict === 'correct' || example.verdict === 'partial';
  return example.source === 'semeval' && example.label === 'correct';
}

/**
 * The head's training rows: other concepts' references are off topic, right and partly right answers are
 * not (filler text as a further off-topic kind caught fewer references on held-out questions). A copy of an
 * example without its question's misconception list is left out: the head does not read those rows, so it
 * would only count the same answer twice.
 */
export function relevanceSamples(examples: readonly FeaturedExample[]): { x: number[]; y: number; weight: number }[] {
  return examples.flatMap((example) =>
    example.source === 'other-reference' && !example.unlisted
      ? [{ x: example.features, y: 1, weight: 1 }]
      : onTopic(example)
        ? [{ x: example.features, y: 0, weight: 1 }]
        : [],
  );
}

/**
 * Shares of right or partly right answers an off-topic judgement may wrongly refuse: the content's
 * human-graded ones, and SemEval's right ones (outside questions, often answered in other words).
 */
export const FALSE_ALARM_BUDGET = { human: 0.015, semeval: 0.01 } as const;

export interface RelevanceScored {
  relevance: number;
  answer: string;
  origin: keyof typeof FALSE_ALARM_BUDGET;
}

/** The lowest cut-off (in hundredths) at which the flagged share of each origin stays within its budget. */
export function fitRelevanceCutoff(onTopicAnswers: readonly RelevanceScored[]): number {
  const origins = Object.keys(FALSE_ALARM_BUDGET) as (keyof typeof FALSE_ALARM_BUDGET)[];
  const within = (cutoff: number) =>
    origins.every((origin) => {
      const answers = onTopicAnswers.filter((answer) => answer.origin === origin);
      const flagged = answers.filter((answer) => headFindsOffTopic(answer.relevance, cutoff, answer.answer)).length;
      return answers.length === 0 || flagged / answers.length <= FALSE_ALARM_BUDGET[origin];
    });
  let hundredths = 100;
  while (hundredths > 1 && within((hundredths - 1) / 100)) hundredths -= 1;
  return hundredths / 100;
}

/** The relevance of each right or partly right training answer, for choosing the cut-off. */
export function relevanceScored(head: ScoreHead, examples: readonly FeaturedExample[]): RelevanceScored[] {
  return examples.filter(onTopic).map((example) => ({
    relevance: scoreOf(head, example.features),
    answer: example.answer,
    origin: example.source === 'semeval' ? 'semeval' : 'human',
  }));
}
