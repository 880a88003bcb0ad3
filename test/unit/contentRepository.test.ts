// Checks the real content/ directory: it validates, and every numeric answer follows from its working.
import { describe, expect, it } from 'vitest';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { evaluateArithmetic } from '../../src/content/arithmetic';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { formatContentError, validateContent } from '../../src/content/validation';
import { scanPython } from '../../src/scanner/scanner';

const { concepts, errors } = validateContent(readContentDirectory('content'));

describe('content/', () => {
  it('validates without errors', () => {
    expect(errors.map(formatContentError)).toEqual([]);
    expect(concepts.length).toBeGreaterThan(0);
  });

  it('explains API spellings common in real training code', () => {
    const source = [
      'import torch, torch.nn as nn, torch.nn.functional as F',
      'from torchvision.transforms import v2 as T',
      'import tensorflow.compat.v1 as tf1',
      'import keras',
      'from flax import nnx',
      'blocks = nn.ModuleList([nn.Linear(4, 4)])',
      'class Clip(torch.autograd.Function): pass',
      'h = F.hardsigmoid(x)',
      'aug = T.RandomPhotometricDistort(p=0.5)',
      'flat = tf1.layers.flatten(x)',
      'init = tf1.truncated_normal_initializer(stddev=0.02)',
      'pool = keras.layers.GlobalMaxPool2D()',
      'mask = nnx.make_causal_mask(tokens)',
    ].join('\n');
    const found = scanPython(source, new ConceptIndex(concepts)).uses.map(
      (use) => `${use.canonicalSymbol} ${use.conceptId}`,
    );
    expect(found).toEqual([
      'torch.nn.ModuleList neural-network',
      'torch.nn.Linear fully-connected-layer',
      'torch.autograd.Function backpropagation',
      'torch.nn.functional.hardsigmoid sigmoid',
      'torchvision.transforms.RandomPhotometricDistort data-augmentation',
      'tensorflow.compat.v1.layers.flatten cnn',
      'tensorflow.compat.v1.truncated_normal_initializer weight-initialisation',
      'keras.layers.GlobalMaxPool2D pooling',
      'flax.nnx.make_causal_mask attention',
    ]);
    const modes = scanPython('import torch\nmodel.train()\nmodel.eval()', new ConceptIndex(concepts)).uses.map(
      (use) => use.conceptId,
    );
    expect(modes).toEqual(['train-eval-mode', 'train-eval-mode']);
  });

  const numeric = concepts.flatMap((concept) =>
    concept.questions.flatMap((question) => (question.type === 'numeric' ? [{ concept: concept.id, question }] : [])),
  );
  it.each(numeric.map((entry) => [`${entry.concept}/${entry.question.id}`, entry.question] as const))(
    'numeric answer of %s equals its computed working',
    (_name, question) => {
      const computed = evaluateArithmetic(question.compute);
      expect(Math.abs(computed - question.answer)).toBeLessThanOrEqual(Math.max(question.tolerance, 1e-9));
    },
  );
});
