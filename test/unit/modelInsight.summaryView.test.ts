// The model summary page and the CodeLens title, from the analysis of real model code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lensTitle } from '../../src/modelInsight/insightText';
import { analyseModels } from '../../src/modelInsight/modelAnalysis';
import { scanPython } from '../../src/scanner/scanner';
import { renderModelSummaryHtml } from '../../src/webviews/modelSummary/modelSummaryHtml';
import { emptyCatalogue } from './support/emptyCatalogue';

const models = analyseModels(
  scanPython(readFileSync('test/fixtures/models/keras_models.py', 'utf8'), emptyCatalogue),
).models;
const convnet = models.find((model) => model.name === 'convnet')!;
const text = models.find((model) => model.name === 'text_classifier')!;

describe('model summary page', () => {
  it('lists each layer with its output shape, count and formula, and the total', () => {
    const html = renderModelSummaryHtml('keras_models.py', models, convnet.line, 'file:///keras_models.py');
    expect(html).toContain('<h1>convnet</h1>');
    expect(html).toMatch(
      /Conv2D<\/button><\/td>\s*<td><code>\(None, 26, 26, 32\)<\/code><\/td>\s*<td class="count">320<\/td>\s*<td class="formula"><code>3\*3\*1\*32 \+ 32<\/code>/,
    );
    expect(html).toContain('<dd class="total">34,826</dd>');
    expect(html.match(/<option /g)).toHaveLength(models.length);
  });

  it('marks unknown counts and says how much was counted (24,832 + 4,160 + 65)', () => {
    const html = renderModelSummaryHtml('keras_models.py', models, text.line, 'file:///keras_models.py');
    expect(html).toContain('<span class="unknown" title="vocab_size*64">unknown</span>');
    expect(html).toContain('<dd>29,057 in 3 of 4 layers; 1 depends on sizes the file does not fix</dd>');
  });

  it('escapes text from the file and says when there is no model', () => {
    expect(renderModelSummaryHtml('<b>x</b>.py', [], 0, 'file:///x')).toContain(
      'No model found in &#60;b&#62;x&#60;/b&#62;.py.',
    );
  });
});

describe('CodeLens titles', () => {
  it('give the trainable total, or how far the count got', () => {
    expect(lensTitle(convnet)).toBe('34,826 trainable parameters · model summary');
    expect(lensTitle(text)).toBe('Trainable parameters unknown (29,057 in 3 of 4 layers) · model summary');
  });
});
