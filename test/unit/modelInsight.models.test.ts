// Whole models: totals, layer rows and shapes for PyTorch classes, Keras Sequential/functional/subclassed models.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseModels } from '../../src/modelInsight/modelAnalysis';
import { summaryRecords } from '../../src/modelInsight/summaryRecords';
import { formulaText } from '../../src/modelInsight/size';
import { scanPython } from '../../src/scanner/scanner';
import { emptyCatalogue } from './support/emptyCatalogue';

const scan = (path: string) => scanPython(readFileSync(path, 'utf8'), emptyCatalogue);
const torchRecords = summaryRecords(scan('test/fixtures/models/torch_models.py'));
const kerasRecords = summaryRecords(scan('test/fixtures/models/keras_models.py'));
const byName = (records: typeof torchRecords, name: string) => records.find((record) => record.name === name)!;

describe('PyTorch models', () => {
  it('counts the MNIST layout to 1,199,882 trainable parameters, with output shapes from an example input', () => {
    const net = byName(torchRecords, 'DigitNet');
    expect(net).toMatchObject({ line: 9, framework: 'pytorch', totalParams: 1_199_882 });
    expect(net.layers.map((layer) => [layer.line, layer.symbol, layer.params, layer.outputShape])).toEqual([
      [14, 'torch.nn.Conv2d', 320, '(1, 32, 26, 26)'],
      [15, 'torch.nn.Conv2d', 18_496, '(1, 64, 24, 24)'],
      [16, 'torch.nn.Dropout', 0, '(1, 64, 12, 12)'],
      [17, 'torch.nn.Dropout', 0, '(1, 128)'],
      [18, 'torch.nn.Linear', 1_179_776, '(1, 128)'],
      [19, 'torch.nn.Linear', 1_290, '(1, 10)'],
    ]);
  });

  it('counts a module of this file used as a layer with the arguments it is built with, times its copies', () => {
    // Block(32): LayerNorm 64, Linear 32*128+128 = 4,224, Linear 128*32+32 = 4,128: 8,416 each, three copies.
    expect(byName(torchRecords, 'Block').totalParams).toBeNull();
    const stack = byName(torchRecords, 'Stack');
    expect(stack.layers.map((layer) => [layer.symbol, layer.params])).toEqual([
      ['torch.nn.Embedding', 32_000],
      ['Block', 3 * 8_416],
      ['torch.nn.Linear', 528],
      ['torch.nn.ReLU', 0],
      ['torch.nn.BatchNorm1d', 32],
    ]);
    expect(stack.totalParams).toBe(32_000 + 3 * 8_416 + 528 + 32);
  });

  it('leaves a class whose sizes are constructor arguments without defaults as formulas', () => {
    const block = analyseModels(scan('test/fixtures/models/torch_models.py')).models.find(
      (model) => model.name === 'Block',
    )!;
    expect(formulaText(block.layers[1]!.params)).toBe('width*width*4 + width*4');
  });
});

describe('Keras models', () => {
  it('counts the MNIST convnet to 34,826 with Keras-style output shapes', () => {
    const convnet = byName(kerasRecords, 'convnet');
    expect(convnet).toMatchObject({ framework: 'keras', totalParams: 34_826 });
    expect(convnet.layers.map((layer) => layer.outputShape)).toEqual([
      '(None, 26, 26, 32)',
      '(None, 13, 13, 32)',
      '(None, 11, 11, 64)',
      '(None, 5, 5, 64)',
      '(None, 1600)',
      '(None, 1600)',
      '(None, 10)',
    ]);
  });

  it('still counts every other layer when the vocabulary size is a function argument', () => {
    const model = kerasRecords.find((record) => record.line === 28)!;
    expect(model.name).toBe('text_classifier');
    expect(model.totalParams).toBeNull();
    expect(model.layers.map((layer) => layer.params)).toEqual([
      null,
      2 * 4 * (64 * 32 + 32 * 32 + 32),
      64 * 64 + 64,
      65,
    ]);
    expect(model.layers[1]!.outputShape).toBe('(None, 64)');
  });

  it('reads a Sequential built with add() and input_shape on its first layer', () => {
    expect(byName(kerasRecords, 'stacked')).toMatchObject({ totalParams: 16 * 32 + 32 + 32 * 4 + 4 });
  });

  it('follows call() in a subclassed model: the second layer is sized by the first', () => {
    const residual = byName(kerasRecords, 'Residual');
    expect(residual.layers.map((layer) => layer.params)).toEqual([null, 64 * 64 + 64]);
    expect(residual.totalParams).toBeNull();
  });
});

describe('cli summary records', () => {
  it('have exactly the documented fields, 1-based lines, and null for unknown counts', () => {
    for (const record of [...torchRecords, ...kerasRecords]) {
      expect(Object.keys(record)).toEqual(['name', 'line', 'framework', 'totalParams', 'layers']);
      for (const layer of record.layers)
        expect(Object.keys(layer)).toEqual(['line', 'symbol', 'params', 'outputShape']);
    }
    expect(summaryRecords(scanPython('x = 1\n', emptyCatalogue))).toEqual([]);
  });
});

describe('what the analysis cannot count stays unknown', () => {
  it('counts nn.Parameter tensors from their shape, and not those that are not trained', () => {
    const scaled = byName(torchRecords, 'Scaled');
    expect(scaled.layers.map((layer) => [layer.symbol, layer.params])).toEqual([
      ['torch.nn.Parameter', 8],
      ['torch.nn.Parameter', 0],
      ['torch.nn.Linear', 72],
    ]);
    expect(scaled.totalParams).toBe(80);
  });

  it('marks modules from elsewhere, layers built in a branch or a helper, and a base layer class as unknown', () => {
    const uncertain = analyseModels(scan('test/fixtures/models/torch_models.py')).models.find(
      (model) => model.name === 'Uncertain',
    )!;
    expect(uncertain.layers.map((layer) => [layer.symbol, layer.params.value, formulaText(layer.params)])).toEqual([
      ['torchvision.models.resnet18', null, 'unknown'],
      ['torch.nn.Linear', 5_130, '512*10 + 10 = 5,130'],
      ['torch.nn.LayerNorm', null, '(0 or 1)*(10 + 10)'],
      ['torch.nn.Linear', null, 'calls*(width*width + width)'],
    ]);
    expect(byName(torchRecords, 'Uncertain').totalParams).toBeNull();
    expect(byName(torchRecords, 'Tied')).toMatchObject({
      totalParams: null,
      layers: [{ symbol: 'torch.nn.Linear', params: null }],
    });
  });
});

describe('a layer applied twice', () => {
  it('has no single output shape when its inputs differ (one pooling layer after two convolutions)', () => {
    const [cnn] = summaryRecords(scan('examples/pytorch_cnn.py'));
    expect(cnn).toMatchObject({ name: 'SmallCNN', totalParams: 421_834 });
    expect(cnn!.layers.find((layer) => layer.symbol === 'torch.nn.MaxPool2d')).toMatchObject({
      params: 0,
      outputShape: null,
    });
  });
});
