// Renders a concept as HTML for the explanation webview. Markdown goes through markdown-it with raw HTML off.
import MarkdownIt from 'markdown-it';
import type { ConceptIndex } from '../../content/conceptIndex';
import type { Concept } from '../../content/schema';
import { frameworkOf } from '../../scanner/symbols';
import { formulaToTex } from './formulaTex';
import { referenceLink } from './referenceLinks';
import { escapeHtml } from '../webviewDocument';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// Links inside content may only point to web pages, and never run anything in the webview.
markdown.validateLink = (url: string): boolean => /^https?:\/\//i.test(url);

const FRAMEWORK_GROUPS: Record<string, string> = {
  pytorch: 'PyTorch',
  keras: 'Keras / TensorFlow',
  tensorflow: 'Keras / TensorFlow',
  jax: 'JAX / Flax / Optax',
  flax: 'JAX / Flax / Optax',
  optax: 'JAX / Flax / Optax',
};

export interface ConceptHtmlOptions {
  canVisualise: boolean;
  /** The concept the learner came from through a Related link, for the Back button. */
  back?: { id: string; title: string };
  /** The Back trail, kept by the webview so that a reload restores it. */
  history?: readonly string[];
}

export function renderConceptHtml(concept: Concept, index: ConceptIndex, options: ConceptHtmlOptions): string {
  const sections: string[] = [];
  sections.push('<header>');
  if (options.back) {
    sections.push(
      `<button class="link back" data-action="back" data-concept-id="${escapeHtml(options.back.id)}">← Back to ${escapeHtml(options.back.title)}</button>`,
    );
  }
  sections.push(`<h1>${escapeHtml(concept.title)}</h1>`);
  if (concept.aliases.length > 0)
    sections.push(`<p class="aliases">Also known as ${concept.aliases.map(escapeHtml).join(', ')}</p>`);
  sections.push('<div class="actions">');
  sections.push(`<button data-action="quiz" data-concept-id="${escapeHtml(concept.id)}">Quiz me</button>`);
  if (options.canVisualise && concept.visualisation) {
    sections.push(
      `<button data-action="visualise" data-visualisation-id="${escapeHtml(concept.visualisation)}" data-concept-id="${escapeHtml(concept.id)}">Visualise</button>`,
    );
  }
  sections.push('</div></header>');
  sections.push(`<section class="summary">${markdown.render(concept.summary)}</section>`);
  sections.push(`<section class="explanation">${markdown.render(concept.explanation)}</section>`);

  if (concept.formulas.length > 0) {
    sections.push('<section><h2>Formulas</h2><dl class="formulas">');
    for (const formula of concept.formulas) {
      // The webview typesets data-tex with KaTeX; the written form stays if it cannot.
      sections.push(
        `<dt>${escapeHtml(formula.name)}</dt><dd><div class="formula" data-tex="${escapeHtml(formulaToTex(formula.expression))}"><code>${escapeHtml(formula.expression)}</code></div>${markdown.render(formula.meaning)}</dd>`,
      );
    }
    sections.push('</dl></section>');
  }
  if (concept.pitfalls.length > 0) {
    sections.push(
      `<section><h2>Pitfalls</h2><ul>${concept.pitfalls.map((p) => `<li>${markdown.renderInline(p)}</li>`).join('')}</ul></section>`,
    );
  }
  if (concept.misconceptions.length > 0) {
    sections.push('<section><h2>Common misconceptions</h2><ul class="misconceptions">');
    for (const m of concept.misconceptions) {
      sections.push(
        `<li><p class="claim"><span class="label">Myth:</span> ${markdown.renderInline(m.claim)}</p><p class="correction"><span class="label">In fact:</span> ${markdown.renderInline(m.correction)}</p></li>`,
      );
    }
    sections.push('</ul></section>');
  }
  if (concept.apis.length > 0) {
    const groups = new Map<string, string[]>();
    for (const api of concept.apis) {
      const group = FRAMEWORK_GROUPS[frameworkOf(api.symbol) ?? ''] ?? 'Other';
      groups.set(group, [...(groups.get(group) ?? []), api.symbol]);
    }
    sections.push('<section><h2>In code</h2><dl class="apis">');
    for (const [group, symbols] of groups)
      sections.push(
        `<dt>${escapeHtml(group)}</dt><dd>${symbols.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}</dd>`,
      );
    sections.push('</dl></section>');
  }
  const related = concept.related.map((id) => index.get(id)).filter((c): c is Concept => c !== undefined);
  if (related.length > 0) {
    sections.push('<section><h2>Related</h2><ul class="related">');
    for (const r of related)
      sections.push(
        `<li><button class="link" data-action="open" data-concept-id="${escapeHtml(r.id)}">${escapeHtml(r.title)}</button></li>`,
      );
    sections.push('</ul></section>');
  }
  sections.push('<section><h2>References</h2><ul class="references">');
  for (const ref of concept.references) {
    sections.push(
      `<li><a href="${escapeHtml(referenceLink(ref))}">${escapeHtml(ref.title)}</a>${ref.where ? `, ${escapeHtml(ref.where)}` : ''}</li>`,
    );
  }
  sections.push('</ul></section>');
  const history = options.history?.length ? ` data-history="${escapeHtml(options.history.join(' '))}"` : '';
  return `<main class="concept" data-concept-id="${escapeHtml(concept.id)}"${history}>${sections.join('\n')}</main>`;
}
