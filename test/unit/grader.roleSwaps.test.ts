// Swapped roles in contrast questions ("batch norm uses per-example statistics, layer norm the batch")
// and swapped opposites ("too small diverges, too large is slow").
import { beforeAll, describe, expect, it } from 'vitest';
import { oppositesSwapped } from '../../src/grader/antonymSwaps';
import { rolesSwapped, swappedBindings } from '../../src/grader/roleSwaps';
import { LexicalGrader } from '../../src/grader/lexicalGrader';
import { readModelFiles } from '../../src/grader/modelFiles';
import { OnnxGrader } from '../../src/grader/onnxGrader';
import { readContent } from '../../scripts/grader/readContent';

const { questions } = readContent('content');
const normalisation = questions.find((q) => q.question.id === 'batch-vs-layer-normalisation-explain')!.gradable;
const SWAPPED = [
  'Batch norm uses per-example statistics, layer norm uses the batch.',
  'Layer norm normalises each feature using statistics over the batch, while batch norm normalises each example over its own features.',
];
const FAITHFUL = [
  'Batch norm computes statistics per feature over the batch; layer norm normalises over the features of each example.',
  'Batch norm averages each feature across the examples of the mini-batch, layer norm averages each example across its features, so only batch norm depends on the batch size.',
];

describe('swapped bindings', () => {
  it('finds the subjects of a contrast swapped', () => {
    for (const answer of SWAPPED) expect(rolesSwapped(normalisation, answer)).toBe(true);
  });

  it('accepts the same contrast stated the right way round, in other words', () => {
    for (const answer of FAITHFUL) expect(rolesSwapped(normalisation, answer)).toBe(false);
    expect(rolesSwapped(normalisation, normalisation.reference)).toBe(false);
  });

  it('needs two subjects: with one there is nothing to swap', () => {
    expect(swappedBindings(['Dropout zeroes each unit with probability p.'], 'Dropout zeroes each weight.')).toBe(0);
  });

  it('never fires on an answer the human graders marked correct, nor on any reference', () => {
    const flagged = questions.flatMap(({ question, gradable }) => [
      ...question.samples
        .filter((sample) => sample.grade === 'correct' && rolesSwapped(gradable, sample.answer))
        .map((sample) => `${question.id}: ${sample.answer}`),
      ...(rolesSwapped(gradable, gradable.reference) ? [`${question.id}: reference`] : []),
    ]);
    expect(flagged).toEqual([]);
  });
});

describe('swapped opposites', () => {
  const sources = [
    'A learning rate that is too large makes the loss diverge; one that is too small makes training slow.',
  ];

  it('finds two opposites that traded places', () => {
    expect(
      oppositesSwapped(sources, 'If the rate is too small the loss diverges, and if it is too large training is slow.'),
    ).toBe(true);
  });

  it('accepts the same statement reordered or in other words, and a new detail next to one opposite', () => {
    expect(
      oppositesSwapped(
        sources,
        'Training is slow with a rate that is too small, and the loss diverges when it is too large.',
      ),
    ).toBe(false);
    expect(oppositesSwapped(sources, 'Too large a rate diverges; a small batch also adds noise.')).toBe(false);
  });
});

describe('graders on swapped roles', () => {
  let onnx: OnnxGrader;
  beforeAll(async () => {
    onnx = await OnnxGrader.load(readModelFiles('models'));
  });

  it('the model grades a swapped contrast at best partly right, and says to check which is which', async () => {
    for (const answer of SWAPPED) {
      const result = await onnx.grade(normalisation, answer);
      expect(result.verdict).not.toBe('correct');
      expect(result.feedback).toContain('Check which is which');
    }
  });

  it('the fallback grader does the same', async () => {
    for (const answer of SWAPPED)
      expect((await new LexicalGrader().grade(normalisation, answer)).verdict).not.toBe('correct');
  });
});
