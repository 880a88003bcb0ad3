// Parameter counts per layer configuration, each expected value worked out by hand from the framework's
// documented weight shapes (PyTorch's are also compared with PyTorch itself in modelInsight.torch.test.ts).
import { describe, expect, it } from 'vitest';
import { analyseModels } from '../../src/modelInsight/modelAnalysis';
import { describeShape } from '../../src/modelInsight/shapes';
import { formulaText } from '../../src/modelInsight/size';
import { scanPython } from '../../src/scanner/scanner';
import { emptyCatalogue } from './support/emptyCatalogue';
import { TORCH_CASES } from './support/torchLayerCases';

/** The count of the layer built on the line marked `# <-` (0 when the layer is in no model). */
function layerOn(source: string) {
  const lines = source.split('\n');
  const line = lines.findIndex((text) => text.includes('# <-'));
  const column = lines[line]!.search(/\S/) + (lines[line]!.trimStart().startsWith('x = ') ? 4 : 0);
  const column2 = lines[line]!.search(/(?:nn|nnx|layers)\.[A-Z]/);
  const row = analyseModels(scanPython(source, emptyCatalogue)).layerAt(line, column2 >= 0 ? column2 : column);
  if (!row) throw new Error(`no layer on line ${line + 1}`);
  return row;
}

const TORCH = (layer: string) =>
  `import torch.nn as nn\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.layer = ${layer}  # <-\n`;

const KERAS = (shape: string, layer: string) =>
  `from tensorflow import keras\nfrom tensorflow.keras import layers\n\nmodel = keras.Sequential([\n    keras.Input(shape=${shape}),\n    ${layer},  # <-\n])\n`;

const KERAS_CASES: [string, string, number][] = [
  ['(784,)', 'layers.Dense(64)', 50_240],
  ['(28, 28, 1)', 'layers.Conv2D(32, 3)', 320],
  ['(32, 32, 16)', 'layers.SeparableConv2D(64, 3)', 1_232],
  ['(32, 32, 16)', 'layers.DepthwiseConv2D(3, depth_multiplier=2)', 320],
  ['(7, 7, 16)', 'layers.Conv2DTranspose(8, 3)', 1_160],
  ['(20,)', 'layers.Embedding(1000, 64)', 64_000],
  ['(10, 8)', 'layers.LSTM(32)', 5_248],
  ['(10, 8)', 'layers.GRU(32)', 4_032],
  ['(10, 8)', 'layers.GRU(32, reset_after=False)', 3_936],
  ['(10, 8)', 'layers.SimpleRNN(16)', 400],
  ['(10, 8)', 'layers.Bidirectional(layers.LSTM(16))', 3_200],
  ['(64,)', 'layers.BatchNormalization()', 128],
  ['(10, 64)', 'layers.LayerNormalization()', 128],
  ['(10, 32)', 'layers.Dense(8, use_bias=False)', 256],
];

const FLAX_LINEN = (shape: string, layer: string) =>
  `import jax.numpy as jnp\nimport flax.linen as nn\n\nclass M(nn.Module):\n    @nn.compact\n    def __call__(self, x):\n        x = ${layer}(x)  # <-\n        return x\n\nmodel = M()\nparams = model.init(key, jnp.ones(${shape}))\n`;

const FLAX_CASES: [string, string, number][] = [
  ['(1, 784)', 'nn.Dense(features=10)', 7_850],
  ['(1, 28, 28, 1)', 'nn.Conv(features=32, kernel_size=(3, 3))', 320],
  ['(1, 20)', 'nn.Embed(num_embeddings=1000, features=64)', 64_000],
  ['(1, 64)', 'nn.LayerNorm()', 128],
  ['(1, 64)', 'nn.BatchNorm(use_running_average=True)', 128],
];

const NNX = (layer: string) =>
  `from flax import nnx\n\nclass M(nnx.Module):\n    def __init__(self, rngs):\n        self.layer = ${layer}  # <-\n`;

const NNX_CASES: [string, number][] = [
  ['nnx.Linear(784, 10, rngs=rngs)', 7_850],
  ['nnx.Conv(1, 32, kernel_size=(3, 3), rngs=rngs)', 320],
  ['nnx.Embed(1000, 64, rngs=rngs)', 64_000],
  ['nnx.LSTMCell(8, 32, rngs=rngs)', 5_248],
  ['nnx.GRUCell(8, 32, rngs=rngs)', 3_968],
];

describe('parameter counts per layer', () => {
  it.each(TORCH_CASES)('PyTorch %s has %i parameters', (layer, expected) => {
    expect(layerOn(TORCH(layer)).params.value).toBe(expected);
  });
  it.each(KERAS_CASES)('Keras on input %s: %s has %i parameters', (shape, layer, expected) => {
    expect(layerOn(KERAS(shape, layer)).params.value).toBe(expected);
  });
  it.each(FLAX_CASES)('Flax linen on input %s: %s has %i parameters', (shape, layer, expected) => {
    expect(layerOn(FLAX_LINEN(shape, layer)).params.value).toBe(expected);
  });
  it.each(NNX_CASES)('Flax NNX %s has %i parameters', (layer, expected) => {
    expect(layerOn(NNX(layer)).params.value).toBe(expected);
  });

  it('shows the formula filled in, and running statistics apart from trainable parameters', () => {
    expect(formulaText(layerOn(TORCH('nn.Conv2d(3, 32, 3)')).params)).toBe('3*32*3*3 + 32 = 896');
    const norm = layerOn(TORCH('nn.BatchNorm2d(64)'));
    expect([norm.params.value, norm.nonTrainable?.value]).toEqual([128, 128]);
    const kerasNorm = layerOn(KERAS('(64,)', 'layers.BatchNormalization()'));
    expect([kerasNorm.params.value, kerasNorm.nonTrainable?.value]).toEqual([128, 128]);
  });

  it('keeps an unknown size as a named formula instead of guessing', () => {
    const row = layerOn(
      `import torch.nn as nn\n\nclass M(nn.Module):\n    def __init__(self, vocab):\n        super().__init__()\n        self.e = nn.Embedding(vocab, 32)  # <-\n`,
    );
    expect(row.params.value).toBeNull();
    expect(formulaText(row.params)).toBe('vocab*32');
    const dense = layerOn(
      `from tensorflow.keras import layers\n\nclass M(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.d = layers.Dense(16)  # <-\n`,
    );
    expect(formulaText(dense.params)).toBe('in_features*16 + 16');
  });

  it('reads sizes from file-level names, default argument values and arithmetic', () => {
    const source = `import torch.nn as nn\n\nHIDDEN = 64\n\nclass M(nn.Module):\n    def __init__(self, classes=10, scale=2):\n        super().__init__()\n        self.fc = nn.Linear(HIDDEN * scale, classes)  # <-\n`;
    expect(formulaText(layerOn(source).params)).toBe('128*10 + 10 = 1,290');
  });

  it('computes output shapes through convolution and pooling', () => {
    const row = layerOn(KERAS('(28, 28, 1)', 'layers.Conv2D(8, 5, strides=2, padding="same")'));
    expect(describeShape(row.outputShape)).toBe('(None, 14, 14, 8)');
  });
});
