// The layer hover's one line with the parameter count (formula filled in) and the output shape.
import { describe, expect, it } from 'vitest';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { validateContent } from '../../src/content/validation';
import { hoverAt } from '../../src/editor/hoverAt';
import { scanPython } from '../../src/scanner/scanner';

const index = new ConceptIndex(validateContent(readContentDirectory('content')).concepts);

function hoverOn(source: string, symbol: string): string | undefined {
  const lines = source.split('\n');
  const line = lines.findIndex((text) => text.includes(symbol));
  return hoverAt(source, scanPython(source, index), index, line, lines[line]!.indexOf(symbol) + 1, {
    length: 'short',
    canVisualise: () => true,
  })?.markdown;
}

describe('layer hovers', () => {
  it('show the count with its formula and the output shape on one line', () => {
    const source =
      'from tensorflow import keras\nfrom tensorflow.keras import layers\n\nmodel = keras.Sequential([\n    keras.Input(shape=(32, 32, 3)),\n    layers.Conv2D(32, 3),\n])\n';
    const lines = hoverOn(source, 'layers.Conv2D')!
      .split('\n')
      .filter((line) => line.startsWith('**Parameters:**'));
    expect(lines).toEqual(['**Parameters:** `3*3*3*32 + 32 = 896` · output `(None, 30, 30, 32)`']);
  });

  it('name what is unknown instead of guessing, and keep running statistics apart', () => {
    const source =
      'import torch.nn as nn\n\nclass M(nn.Module):\n    def __init__(self, vocab):\n        super().__init__()\n        self.e = nn.Embedding(vocab, 32)\n        self.n = nn.BatchNorm1d(32)\n';
    expect(hoverOn(source, 'nn.Embedding')).toContain('**Parameters:** `vocab*32` (not all sizes are known here)');
    expect(hoverOn(source, 'nn.BatchNorm1d')).toContain(
      '**Parameters:** `2*32 = 64` · `2*32 = 64` running statistics, not trained',
    );
  });

  it('add nothing to hovers on calls that are not layers', () => {
    const source = 'import torch\nimport torch.nn.functional as F\nx = torch.randn(2, 3)\ny = F.softmax(x, dim=1)\n';
    expect(hoverOn(source, 'F.softmax')).not.toContain('Parameters');
  });
});
