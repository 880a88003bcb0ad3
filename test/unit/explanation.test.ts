// Explanations: formulas converted to TeX that KaTeX typesets, references as links, the Back button.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { validateContent } from '../../src/content/validation';
import { renderConceptHtml } from '../../src/webviews/explain/conceptHtml';
import { formulaToTex } from '../../src/webviews/explain/formulaTex';
import { referenceLink } from '../../src/webviews/explain/referenceLinks';

const index = new ConceptIndex(validateContent(readContentDirectory('content')).concepts);

describe('formulas as TeX', () => {
  it.each([
    ['θₜ = θₜ₋₁ − α · m̂ₜ / (√v̂ₜ + ε)', 'θ_{t} = θ_{t-1} - α \\cdot \\hat{m}_{t} / (\\sqrt{\\hat{v}_{t}} + ε)'],
    ['softmax(z)_i = e^(z_i) / Σ_j e^(z_j)', '\\mathrm{softmax}(z)_{i} = e^{z_{i}} / \\sum _{j}\\ e^{z_{j}}'],
    ['δ^(l) = (W^(l+1)ᵀ δ^(l+1)) ⊙ φ′(z^(l))', "δ^{(l)} = (W^{(l+1)T} δ^{(l+1)}) \\odot φ'(z^{(l)})"],
    ['bytes = n_kv_heads · d_head', '\\mathrm{bytes} = n_{\\mathrm{kv\\_heads}} \\cdot d_{\\mathrm{head}}'],
    ['y = F(x, {Wᵢ}) + x   for 50% of x', 'y = F(x, \\{ W_{i}\\} ) + x\\quad \\mathrm{for}\\ 50\\% \\mathrm{of}\\ x'],
    ['f(x) = max_value if x ≥ 0', 'f(x) = \\mathrm{max\\_value}\\ \\mathrm{if}\\ x \\ge 0'],
  ])('%s', (expression, tex) => {
    expect(formulaToTex(expression)).toBe(tex);
  });

  it('every formula in the knowledge base typesets without a KaTeX error', () => {
    const failures = index.concepts.flatMap((concept) =>
      concept.formulas.flatMap((formula) => {
        try {
          katex.renderToString(formulaToTex(formula.expression), {
            throwOnError: true,
            strict: 'ignore',
            displayMode: true,
          });
          return [];
        } catch (error) {
          return [`${concept.id}: ${formula.expression}: ${String(error)}`];
        }
      }),
    );
    expect(failures).toEqual([]);
  });
});

describe('references as links', () => {
  it.each([
    [{ title: 'Kingma, Ba. Adam', where: 'ICLR 2015 (arXiv:1412.6980)' }, 'https://arxiv.org/abs/1412.6980'],
    [
      { title: 'Goodfellow, Bengio, Courville. Deep Learning', where: 'Section 8.5' },
      'https://www.deeplearningbook.org/',
    ],
    [
      { title: 'PyTorch documentation, torch.nn.Dropout' },
      'https://pytorch.org/docs/stable/generated/torch.nn.Dropout.html',
    ],
    [{ title: 'TensorFlow documentation, tf.math.tanh' }, 'https://www.tensorflow.org/api_docs/python/tf/math/tanh'],
    [{ title: 'Keras documentation, Adadelta optimizer' }, 'https://keras.io/api/'],
    [
      { title: 'Rubin. Inference and Missing Data', where: 'Biometrika 63(3), 1976' },
      'https://scholar.google.com/scholar?q=Rubin.%20Inference%20and%20Missing%20Data',
    ],
    [{ title: 'Anything', url: 'https://example.org/paper' }, 'https://example.org/paper'],
  ])('%o', (reference, link) => {
    expect(referenceLink(reference)).toBe(link);
  });
});

describe('explanation page', () => {
  const adam = index.get('adam')!;
  it('carries each formula as TeX for the webview, with the written form as the fallback', () => {
    const html = renderConceptHtml(adam, index, { canVisualise: true });
    expect(html.match(/class="formula" data-tex="/g)).toHaveLength(adam.formulas.length);
    expect(html).toContain('<a href="https://arxiv.org/abs/1412.6980">');
    expect(html).not.toContain('data-action="back"');
  });
  it('offers Back to the concept the learner came from, and keeps the trail for a reload', () => {
    const html = renderConceptHtml(index.get('adamw')!, index, {
      canVisualise: true,
      back: { id: 'adam', title: adam.title },
      history: ['sgd', 'adam'],
    });
    expect(html).toContain(`data-action="back" data-concept-id="adam">← Back to ${adam.title}</button>`);
    expect(html).toContain('data-history="sgd adam"');
  });
  it('escapes content that looks like markup in a formula', () => {
    const hostile = {
      ...adam,
      formulas: [{ name: 'x', expression: '<img src=x onerror=alert(1)> "q"', meaning: 'm' }],
    };
    const html = renderConceptHtml(hostile, index, { canVisualise: false });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
  });
});
