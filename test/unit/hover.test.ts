import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainArguments, parseNumber, parseTuple } from '../../src/content/argumentNotes';
import { ConceptIndex } from '../../src/content/conceptIndex';
import type { Param } from '../../src/content/schema';
import { parseConceptFile } from '../../src/content/validation';
import { buildHoverMarkdown } from '../../src/editor/hoverContent';
import { inlineCode } from '../../src/editor/markdownText';
import { scanPython } from '../../src/scanner/scanner';

const dropout = parseConceptFile({
  name: 'content/dropout.yaml',
  text: readFileSync('content/dropout.yaml', 'utf8'),
}).concept!;
const index = new ConceptIndex([dropout]);

function hoverFor(source: string, options = { canVisualise: true }): string {
  const use = scanPython(source, index).uses[0]!;
  const match = index.findSymbol(use.canonicalSymbol)!;
  return buildHoverMarkdown(use, match.concept, match.api, options);
}

describe('dropout hovers', () => {
  it('puts the links first, then the concept, then what p=0.8 means for this call', () => {
    const hover = hoverFor('import torch.nn as nn\nd = nn.Dropout(p=0.8)');
    const lines = hover.split('\n');
    expect(lines[0]).toMatch(/^\[Explain\]\(command:dlTutor\.explainConcept\?.*\[Quiz me\].*\[Visualise\]/);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('**Dropout** · PyTorch `torch.nn.Dropout`');
    expect(hover).toContain(dropout.summary.split('. ')[0]);
    expect(hover).toContain(
      '`p=0.8`: In training each unit is zeroed with probability 0.8 (about 80%) and the rest scaled by 5; nothing is dropped at evaluation.',
    );
  });
  it('reads the probability from a positional argument', () => {
    expect(hoverFor('import torch.nn as nn\nd = nn.Dropout(0.3)')).toContain(
      '`p=0.3`: In training each unit is zeroed with probability 0.3 (about 30%)',
    );
  });
  it('states a default that is in effect, but not one that switches the feature off', () => {
    expect(hoverFor('import torch.nn as nn\nd = nn.Dropout()')).toContain(
      '`p (default 0.5)`: In training each unit is zeroed with probability 0.5',
    );
    const noDrop = explainArguments(
      [{ name: 'dropout', position: 3, kind: 'drop-probability', default: '0.0', meaning: 'dropout on the weights' }],
      { positional: ['8', '64'], keyword: {} },
    );
    expect(noDrop).toEqual([]);
  });
  it('explains Keras rate the same way', () => {
    const hover = hoverFor('from tensorflow.keras import layers\nd = layers.Dropout(rate=0.25)');
    expect(hover).toContain('Keras `tensorflow.keras.layers.Dropout`');
    expect(hover).toContain('`rate=0.25`: In training each unit is zeroed with probability 0.25 (about 25%)');
  });
  it('explains TF1 keep_prob as the opposite quantity', () => {
    const hover = hoverFor('import tensorflow as tf\ny = tf.compat.v1.nn.dropout(x, keep_prob=0.8)');
    expect(hover).toContain('`keep_prob=0.8`: Each unit is KEPT with probability 0.8, so about 20% are dropped');
    expect(hover).toContain("today's equivalent is rate=0.2");
  });
  it('warns about a rate of 0.9 or more and suggests the keep-probability reading', () => {
    const hover = hoverFor('import torch.nn as nn\nd = nn.Dropout(p=0.9)');
    expect(hover).toContain('⚠️ `p=0.9`');
    expect(hover).toContain('if a keep probability was meant, use 0.1');
  });
  it('falls back to the first clause of the parameter meaning for non-literal values', () => {
    expect(hoverFor('import torch.nn as nn\nd = nn.Dropout(p=cfg.drop)')).toContain(
      '`p=cfg.drop`: Probability that each element is zeroed during training.',
    );
  });
  it('a functional dropout tied to self.training is not second-guessed; one without a flag says it always applies', () => {
    const tied = hoverFor('import torch.nn.functional as F\ny = F.dropout(x, 0.2, training=self.training)');
    expect(tied).toContain('`p=0.2`: In training each unit is zeroed');
    expect(tied).not.toContain('⚠️');
    expect(hoverFor('import torch.nn.functional as F\ny = F.dropout(x, self.p if self.training else 0.0)')).toContain(
      'Dropout follows the training flag, so it is off at evaluation.',
    );
    expect(hoverFor('import torch.nn.functional as F\ny = F.dropout(x, 0.2)')).toContain(
      '`p=0.2`: On every call, evaluation included, each unit is zeroed',
    );
  });
  it('offers Visualise only when available', () => {
    const withVis = hoverFor('import torch.nn as nn\nd = nn.Dropout(0.5)');
    expect(withVis).toContain('[Explain](command:dlTutor.explainConcept?' + encodeURIComponent('["dropout"]'));
    expect(withVis).toContain('[Visualise](command:dlTutor.visualise?' + encodeURIComponent('["dropout","dropout"]'));
    expect(hoverFor('import torch.nn as nn\nd = nn.Dropout(0.5)', { canVisualise: false })).not.toContain('Visualise');
  });
  it('shows no argument notes for a reference that is not called', () => {
    expect(hoverFor('import torch.nn as nn\nlayer_type = nn.Dropout')).not.toContain('- `');
  });
  it('keeps backticks from user code from breaking out of code spans', () => {
    const hover = hoverFor('import torch.nn as nn\nd = nn.Dropout(p=f`x`)');
    expect(hover).toContain('`` p=f`x` ``');
  });
});

describe('argument notes for other parameter kinds', () => {
  const param = (kind: Param['kind'], extra: Partial<Param> = {}): Param => ({
    name: 'v',
    position: 0,
    kind,
    meaning: 'the value',
    ...extra,
  });
  const note = (kind: Param['kind'], value: string) =>
    explainArguments([param(kind)], { positional: [value], keyword: {} })[0]!;

  it('old and new names of one argument: one note per value, the keyword used names it', () => {
    const params: Param[] = [
      {
        name: 'negative_slope',
        position: 0,
        kind: 'negative-slope',
        default: '0.3',
        meaning: 'slope for negative inputs',
      },
      { name: 'alpha', position: 0, kind: 'negative-slope', default: '0.3', meaning: 'old name of the slope' },
    ];
    const labels = (args: { positional: string[]; keyword: Record<string, string> }) =>
      explainArguments(params, args).map((n) => n.label);
    expect(labels({ positional: ['0.2'], keyword: {} })).toEqual(['negative_slope=0.2']);
    expect(labels({ positional: [], keyword: { alpha: '0.1' } })).toEqual(['alpha=0.1']);
    expect(labels({ positional: [], keyword: {} })).toEqual(['negative_slope (default 0.3)']);
  });
  it('learning rate: flags implausible values', () => {
    expect(note('learning-rate', '1e-3')).toMatchObject({ warning: false });
    expect(note('learning-rate', '10').text).toContain('usually make training diverge');
    expect(note('learning-rate', '0').warning).toBe(true);
  });
  it('momentum: gives the averaging horizon', () => {
    expect(note('momentum', '0.9').text).toBe(
      'Each step keeps 90% of the previous value, averaging over roughly 10 recent steps.',
    );
  });
  it('betas: reads both decay rates', () => {
    expect(note('betas', '(0.9, 0.999)').text).toBe(
      'β1 = 0.9 averages the gradient over about 10 steps; β2 = 0.999 averages its square over about 1000 steps.',
    );
  });
  it('negative slope, clipping, kernel size, stride and padding', () => {
    expect(note('negative-slope', '0.01').text).toContain('keep 1% of their value');
    expect(
      explainArguments([param('kernel-size')], { positional: ['3'], keyword: {} }, { spatialDims: 2 })[0]!.text,
    ).toContain('3x3 window');
    expect(note('max-norm', '1.0').text).toContain('rescaled down to 1.0');
    expect(note('clip-value', '0.5').text).toContain('clamped to [−0.5, 0.5]');
    expect(note('kernel-size', '(3, 5)').text).toContain('3x5 window');
    expect(note('stride', '2').text).toContain('shrinking each spatial axis about 2-fold');
    expect(note('padding', "'same'").text).toContain(
      "'same' pads so that, at stride 1, the output keeps the input's spatial size",
    );
  });
  it('setting: picks the clause about the value passed, else states the whole meaning', () => {
    const meaning =
      "'default' balances the two; 'reduce-overhead' replays CUDA graphs, using more memory; 'max-autotune' compiles much longer";
    const setting = (value: string) =>
      explainArguments([param('setting', { meaning })], { positional: [value], keyword: {} })[0]!;
    expect(setting('"reduce-overhead"').text).toBe("'reduce-overhead' replays CUDA graphs, using more memory.");
    expect(setting("'max-autotune'").text).toBe("'max-autotune' compiles much longer.");
    expect(setting('chosen_mode')).toMatchObject({ text: `${meaning}.`, plain: false });
  });
  it('prefers the keyword over the position and ignores positions after a *args splat', () => {
    expect(
      explainArguments([param('drop-probability')], { positional: ['0.1'], keyword: { v: '0.2' } })[0]!.label,
    ).toBe('v=0.2');
    expect(explainArguments([param('plain', { position: 1 })], { positional: ['*args', '3'], keyword: {} })).toEqual(
      [],
    );
  });
  it('parses Python number and tuple literals', () => {
    expect([
      parseNumber('1e-3'),
      parseNumber('.5'),
      parseNumber('1_000'),
      parseNumber('lr'),
      parseNumber('0x10'),
    ]).toEqual([0.001, 0.5, 1000, undefined, undefined]);
    expect(parseTuple('[3, 3]')).toEqual([3, 3]);
    expect(parseTuple('(a, 3)')).toBeUndefined();
  });
  it('inline code handles text with and around backticks', () => {
    expect(inlineCode('a')).toBe('`a`');
    expect(inlineCode('`a`')).toBe('`` `a` ``');
    expect(inlineCode('x'.repeat(200)).length).toBeLessThan(90);
  });
});
