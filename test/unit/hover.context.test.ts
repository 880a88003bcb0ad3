// Hovers with the real knowledge base: short enough to fit, links first, and aware of the surrounding code.
import { describe, expect, it } from 'vitest';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { validateContent } from '../../src/content/validation';
import { hoverAt } from '../../src/editor/hoverAt';
import { SHORT_HOVER_WORDS, type HoverLength } from '../../src/editor/hoverContent';
import { leadingSentences, splitSentences, wordCount } from '../../src/editor/wordBudget';
import { scanPython } from '../../src/scanner/scanner';

const index = new ConceptIndex(validateContent(readContentDirectory('content')).concepts);

/** The hover on the first occurrence of `needle` in the source. */
function hoverOn(source: string, needle: string, length: HoverLength = 'short'): string {
  const offset = source.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in source`);
  const before = source.slice(0, offset).split('\n');
  const hover = hoverAt(source, scanPython(source, index), index, before.length - 1, before.at(-1)!.length + 1, {
    length,
    canVisualise: () => true,
  });
  return hover?.markdown ?? '';
}

const ATTENTION = `import torch.nn as nn
import torch.nn.functional as F

class CausalSelfAttention(nn.Module):
    def forward(self, x):
        y = F.scaled_dot_product_attention(q, k, v, attn_mask=None, dropout_p=self.dropout if self.training else 0, is_causal=True)
        return y
`;

describe('short hovers', () => {
  it('scaled_dot_product_attention fits in about 80 words with its links on the first line', () => {
    const hover = hoverOn(ATTENTION, 'scaled_dot_product_attention');
    expect(hover.split('\n')[0]).toMatch(/^\[Explain\].*\[Quiz me\].*\[Visualise\]/);
    expect(wordCount(hover)).toBeLessThanOrEqual(SHORT_HOVER_WORDS + 5);
    expect(hover).toContain('dropout_p=self.dropout if self.training else 0`: Dropout follows the training flag');
    expect(hover).not.toContain('⚠️');
    expect(hover).not.toContain('attn_mask=None');
    expect(hover).toMatch(/\d more with the `dlTutor\.hover\.length` setting/);
  });
  it('the long setting shows the whole summary and every note', () => {
    const long = hoverOn(ATTENTION, 'scaled_dot_product_attention', 'long');
    expect(long).toContain(index.get('attention')!.summary);
    expect(long).toContain('`is_causal=True`');
    expect(long).toContain('Has no learned weights');
    expect(wordCount(long)).toBeGreaterThan(SHORT_HOVER_WORDS);
  });
  it('every concept summary shortens to at most two sentences', () => {
    for (const concept of index.concepts) {
      const short = leadingSentences(concept.summary, 2, 45);
      expect(splitSentences(short).length).toBeLessThanOrEqual(2);
      expect(concept.summary.startsWith(short)).toBe(true);
    }
  });
  it('a 2-D convolution reads a single kernel size as 3x3', () => {
    const hover = hoverOn('import torch.nn as nn\nconv = nn.Conv2d(1, 32, 3, 1)', 'Conv2d');
    expect(hover).toContain('`kernel_size=3`: Each output is computed from a 3x3 window of the input.');
  });
  it('Keras MultiHeadAttention gets no note on the dropout it does not pass', () => {
    const hover = hoverOn(
      'from tensorflow import keras\nmha = keras.layers.MultiHeadAttention(num_heads=4, key_dim=64)',
      'MultiHeadAttention',
    );
    expect(hover).not.toContain('dropout');
    expect(hover).not.toContain('keep_prob');
  });
});

describe('symbols with their own text', () => {
  it('log_softmax speaks of log-probabilities and nll_loss, not of the softmax', () => {
    const hover = hoverOn('import torch.nn.functional as F\ny = F.log_softmax(x, dim=1)', 'log_softmax');
    expect(hover).toContain('Log-softmax gives log-probabilities');
    expect(hover).toContain('nll_loss');
    expect(hover).not.toContain(index.get('softmax')!.summary.slice(0, 40));
  });
  it('global max pooling is described as global, not as a 2x2 window', () => {
    const hover = hoverOn(
      'from tensorflow import keras\nx = keras.layers.GlobalMaxPooling1D()(x)',
      'GlobalMaxPooling1D',
    );
    expect(hover).toContain('Global pooling reduces each channel to one number');
    expect(hover).not.toMatch(/2x2|2×2/);
  });
  it('a parameter description that starts with a name from code keeps its case', () => {
    expect(
      hoverOn('import flax.nnx as nnx\ng = nnx.value_and_grad(loss_fn, has_aux=True)', 'value_and_grad'),
    ).toContain('`has_aux=True`: f returns (value, aux)');
  });
});

describe('hovers aware of the surrounding code', () => {
  const kerasModel = (activation: string) => `from tensorflow import keras
model = keras.Sequential([keras.layers.Dense(16, activation='relu'), keras.layers.Dense(1${activation})])
model.compile(optimizer='adam', loss='binary_crossentropy')
`;
  it('no from_logits advice for "binary_crossentropy" after a sigmoid output', () => {
    const hover = hoverOn(kerasModel(", activation='sigmoid'"), "'binary_crossentropy'");
    expect(hover).toContain("The model's output applies sigmoid, so the default `from_logits=False` is right.");
    expect(hover).not.toContain('recommends from_logits=True');
  });
  it('a warning when the output has no activation', () => {
    expect(hoverOn(kerasModel(''), "'binary_crossentropy'")).toContain(
      "⚠️ The model's output has no activation (logits): pass `from_logits=True`.",
    );
  });
  it("AdamW's weight_decay default is not stated when param groups set it", () => {
    const groups = `import torch
groups = [{'params': decay, 'weight_decay': 0.1}, {'params': no_decay, 'weight_decay': 0.0}]
opt = torch.optim.AdamW(groups, lr=3e-4)
`;
    const hover = hoverOn(groups, 'AdamW', 'long');
    expect(hover).not.toContain('weight_decay (default');
    expect(hoverOn('import torch\nopt = torch.optim.AdamW(model.parameters(), lr=3e-4)', 'AdamW', 'long')).toContain(
      '`weight_decay (default 0.01)`',
    );
  });
  it('nothing at a position without a recognised use', () => {
    expect(hoverOn(ATTENTION, 'return y')).toBe('');
  });
});

describe('word budget helpers', () => {
  it('counts visible words, not link targets or list marks', () => {
    expect(wordCount('[Explain](command:x?%5B%22a%22%5D "Open it") · **Dropout**\n- `p=0.8`: drops 80%.')).toBe(5);
  });
  it('does not end sentences at abbreviations or decimals', () => {
    expect(splitSentences('Scale by 0.5, e.g. halve it. Then stop.')).toEqual([
      'Scale by 0.5, e.g. halve it.',
      'Then stop.',
    ]);
  });
});
