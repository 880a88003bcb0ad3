// Relevance: whether an answer is about this question at all, by the model's relevance head and, in the
// word-overlap fallback, by the answer's words; and how the head's training rows and cut-off are chosen.
import { describe, expect, it } from 'vitest';
import { computeCues, type Cues } from '../../src/grader/cues';
import { decide } from '../../src/grader/decision';
import { headFindsOffTopic, OFF_TOPIC_MIN_WORDS, offTopic, offTopicByWords } from '../../src/grader/relevance';
import { isContentToken, tokenize } from '../../src/grader/text';
import type { GradableQuestion } from '../../src/grader/types';
import { buildInputs } from '../../src/grader/modelInputs';
import { readModelFiles } from '../../src/grader/modelFiles';
import { GraderSession } from '../../src/grader/onnxSession';
import { Vocabulary } from '../../src/grader/vocabulary';
import { readContent } from '../../scripts/grader/readContent';
import type { FeaturedExample } from '../../scripts/grader/dataset';
import {
  FALSE_ALARM_BUDGET,
  fitRelevanceCutoff,
  RELEVANCE_FEATURES,
  relevanceSamples,
  type RelevanceScored,
} from '../../scripts/grader/relevance';
import { DROPOUT_EVAL_QUESTION, EXAMPLE_THRESHOLDS } from './support/graderFixtures';

const question: GradableQuestion = { ...DROPOUT_EVAL_QUESTION, misconceptions: [] };
const thresholds = EXAMPLE_THRESHOLDS;
const adam =
  'Adam keeps moving averages of the gradient and of its square and divides the step by the root of the second.';
const short = 'when the reading jumps from 0 to 1.5 V';

describe('off topic by the relevance output', () => {
  const cues = (answer: string) => computeCues(question, answer, () => true);
  // Shares "unit" with the reference, so only the head can find it off topic.
  const sgd = 'Stochastic gradient descent updates the weights of each unit after every mini-batch of examples.';

  it('flags a long answer from the cut-off up, and its verdict is then at most incorrect', () => {
    expect(cues(sgd).weightedSpecificPrecision).toBeGreaterThan(0);
    expect(headFindsOffTopic(0.9, 0.8, sgd)).toBe(true);
    expect(offTopic(question, 0.8, 0.8, cues(sgd), sgd)).toBe(true);
    expect(offTopic(question, 0.79, 0.8, cues(sgd), sgd)).toBe(false);
    const judgement = { score: 0.9, keyPointProbability: [0.9, 0.9], misconceptionProbability: [] };
    expect(decide(question, judgement, thresholds, undefined, adam, false, true).verdict).toBe('incorrect');
    expect(decide(question, judgement, thresholds, undefined, adam, false, false).verdict).toBe('correct');
  });

  it('never flags an answer of fewer content words than the minimum, however sure the head is', () => {
    expect(tokenize(short).filter(isContentToken).length).toBeLessThan(OFF_TOPIC_MIN_WORDS);
    expect(headFindsOffTopic(1, 0.5, short)).toBe(false);
    expect(offTopic(question, 1, 0.5, cues(short), short)).toBe(false);
  });

  it("finds an everyday sentence that states none of the reference's terms off topic, whatever the head says", () => {
    const bakery = 'The bakery opens at seven and sells fresh rolls and bread until the early afternoon.';
    expect(offTopic(question, 0, 0.8, cues(bakery), bakery)).toBe(true);
    expect(offTopic(question, 0, 0.8, cues(question.reference), question.reference)).toBe(false);
    const paraphrase = 'Switching to eval() stops dropout, so every unit is used and accuracy stops being noisy.';
    expect(offTopic(question, 0, 0.8, cues(paraphrase), paraphrase)).toBe(false);
  });
});

describe('off topic by words (the fallback, and questions with a reference alone)', () => {
  const cues = (answer: string, asked = question) => computeCues(asked, answer, () => true);
  const voltage: GradableQuestion = {
    prompt: 'How would you know that you have found the burned out bulb in the string?',
    reference: 'When there is a change in voltage you have found the damaged bulb.',
    keyPoints: ['When there is a change in voltage you have found the damaged bulb.'],
    misconceptions: [],
  };

  it('finds an answer about something else off topic, and not the reference or a paraphrase of it', () => {
    expect(offTopicByWords(cues(adam), adam)).toBe(true);
    const paraphrase = 'eval() switches dropout off so every unit is used and the accuracy is not noisy.';
    expect(offTopicByWords(cues(paraphrase), paraphrase)).toBe(false);
    expect(offTopicByWords(cues(question.reference), question.reference)).toBe(false);
  });

  it('does not judge a short answer off topic for sharing no word with the reference', () => {
    expect(cues(short, voltage).novelWords).toBeGreaterThanOrEqual(0.85);
    expect(offTopicByWords(cues(short, voltage), short)).toBe(false);
    expect(offTopicByWords(cues(adam, voltage), adam)).toBe(true);
  });

  it('judges a question given with a reference alone, which the head never learned on, whatever the head says', () => {
    const right = 'The voltage reading changes across the damaged bulb, so that is the bulb you have found.';
    expect(offTopic(voltage, 1, 0.8, cues(right, voltage), right)).toBe(false);
    expect(offTopic(voltage, 0, 0.8, cues(adam, voltage), adam)).toBe(true);
    // The same head output on a question with key points of its own decides.
    expect(offTopic(question, 1, 0.8, cues(right), right)).toBe(true);
  });
});

describe('training the relevance head', () => {
  const example = (source: FeaturedExample['source'], verdict: FeaturedExample['verdict'], label?: 'correct') =>
    ({
      question: 0,
      answer: adam,
      score: 0,
      verdict,
      source,
      ...(label ? { label } : {}),
      cues: {} as Cues,
      features: [0.5],
      keyPointRows: [],
      misconceptionRows: [],
    }) satisfies FeaturedExample;

  it("learns other questions' references as off topic and right or partly right answers as on topic", () => {
    const rows = relevanceSamples([
      example('other-reference', 'incorrect'),
      example('human', 'correct'),
      example('human', 'partial'),
      example('semeval', 'correct', 'correct'),
      // Wrong answers are neither: an answer can be wrong about this very question.
      example('human', 'incorrect'),
      example('semeval', 'incorrect'),
      example('negation', 'incorrect'),
      // A copy without the question's misconception list repeats the same answer to the same question.
      { ...example('other-reference', 'incorrect'), unlisted: true },
      { ...example('human', 'correct'), unlisted: true },
    ]);
    expect(rows.map((row) => row.y)).toEqual([1, 0, 0, 0]);
  });

  it('reads what an answer is about, not misconception rows or contradiction cues', () => {
    expect(RELEVANCE_FEATURES).toContain('referenceSimilarity');
    expect(RELEVANCE_FEATURES).toContain('novelWords');
    for (const name of RELEVANCE_FEATURES) {
      expect(name).not.toMatch(/^misconception|^negation|swapped|rolesSwapped/);
    }
  });
});

describe('the relevance cut-off', () => {
  const answers = (origin: RelevanceScored['origin'], relevances: number[], answer = adam): RelevanceScored[] =>
    relevances.map((relevance) => ({ relevance, answer, origin }));

  it('is the lowest that flags no more right answers than the budget allows', () => {
    // 200 answers: the budget of 1.5% allows three to be flagged, so all but the three highest must pass.
    const human = answers('human', [...new Array<number>(197).fill(0.1), 0.7, 0.85, 0.9]);
    expect(FALSE_ALARM_BUDGET.human * 200).toBe(3);
    expect(fitRelevanceCutoff(human)).toBe(0.11);
    // Short answers are never flagged, so they do not hold the cut-off up.
    expect(fitRelevanceCutoff([...human, ...answers('human', [0.95, 0.97], short)])).toBe(0.11);
  });

  it("keeps each origin within its own budget, SemEval's right answers too", () => {
    const human = answers('human', new Array<number>(200).fill(0.1));
    // 100 answers and a budget of 1%: one may be flagged, not two.
    const semEval = answers('semeval', [...new Array<number>(98).fill(0.2), 0.5, 0.6]);
    expect(fitRelevanceCutoff([...human, ...semEval])).toBe(0.51);
    expect(fitRelevanceCutoff(answers('semeval', [0.99, 0.99]))).toBe(1);
  });
});

describe('the committed model', () => {
  it("never judges a content question's own reference, or its key points together, off topic", async () => {
    const files = readModelFiles('models');
    const session = await GraderSession.load(files.model);
    const vocabulary = Vocabulary.fromWordList(files.config.words, files.config.hashBuckets);
    const flagged: string[] = [];
    for (const { question: asked, gradable } of readContent('content').questions) {
      for (const answer of [gradable.reference, gradable.keyPoints.join(' ')]) {
        const cues = computeCues(
          gradable,
          answer,
          (token) => vocabulary.isKnown(token),
          (token) => vocabulary.weight(token),
        );
        const { relevance } = await session.run(buildInputs(vocabulary, gradable, answer, cues));
        if (offTopic(gradable, relevance, files.config.thresholds.relevance, cues, answer)) flagged.push(asked.id);
      }
    }
    await session.release();
    expect(flagged).toEqual([]);
  });
});
