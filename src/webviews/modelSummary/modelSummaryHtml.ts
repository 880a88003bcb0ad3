// Renders the model summary: one table per model like torchinfo or Keras' model.summary(), with the
// formula behind every count and unknown parts marked. All text from the source file is escaped.
import type { ModelSummary } from '../../modelInsight/modelSummary';
import { describeShape } from '../../modelInsight/shapes';
import { formulaText, groupDigits, isKnown, type Size } from '../../modelInsight/size';
import { escapeHtml } from '../webviewDocument';

const FRAMEWORK_LABELS = { pytorch: 'PyTorch', keras: 'Keras', flax: 'Flax' } as const;

export function renderModelSummaryHtml(
  fileName: string,
  models: readonly ModelSummary[],
  selectedLine: number,
  uri: string,
): string {
  if (models.length === 0) {
    return `<main class="model-summary" data-uri="${escapeHtml(uri)}" data-line="-1"><h1>Model summary</h1><p>No model found in ${escapeHtml(fileName)}.</p></main>`;
  }
  const selected = models.find((model) => model.line === selectedLine) ?? models[0]!;
  const parts = [`<main class="model-summary" data-uri="${escapeHtml(uri)}" data-line="${selected.line}">`];
  parts.push(`<h1>${escapeHtml(selected.name)}</h1>`);
  parts.push(
    `<p class="meta">${FRAMEWORK_LABELS[selected.framework]} · ${escapeHtml(fileName)}, line ${selected.line + 1}</p>`,
  );
  if (models.length > 1) {
    const options = models.map(
      (model) =>
        `<option value="${model.line}"${model === selected ? ' selected' : ''}>${escapeHtml(model.name)} (line ${model.line + 1})</option>`,
    );
    parts.push(
      `<p><label for="model-select">Model in this file</label> <select id="model-select">${options.join('')}</select></p>`,
    );
  }
  parts.push(table(selected));
  parts.push(totals(selected));
  parts.push(
    '<p class="note">Counts come from the code as written; a name in a formula is a size the file does not fix (a function argument, a value read at run time). Nothing is run.</p>',
  );
  parts.push('</main>');
  return parts.join('\n');
}

function table(model: ModelSummary): string {
  if (model.layers.length === 0) return '<p>No layers found.</p>';
  const rows = model.layers.map((layer) => {
    const shape = describeShape(layer.outputShape);
    const label = layer.name
      ? `${escapeHtml(layer.name)} <span class="symbol">${escapeHtml(shortName(layer.symbol))}</span>`
      : escapeHtml(shortName(layer.symbol));
    const copies = layer.copies ? ` <span class="copies">×${escapeHtml(layer.copies.text)}</span>` : '';
    return `<tr>
      <td><button class="link" data-line="${layer.line}" title="Go to line ${layer.line + 1}">${label}</button>${copies}</td>
      <td>${shape ? `<code>${escapeHtml(shape)}</code>` : '<span class="unknown">unknown</span>'}</td>
      <td class="count">${count(layer.params)}</td>
      <td class="formula">${isKnown(layer.params) && String(layer.params.value) === layer.params.text ? '' : `<code>${escapeHtml(layer.params.text)}</code>`}</td>
    </tr>`;
  });
  return `<table>
    <caption class="visually-hidden">Layers of ${escapeHtml(model.name)}</caption>
    <thead><tr><th scope="col">Layer</th><th scope="col">Output shape</th><th scope="col">Parameters</th><th scope="col">Formula</th></tr></thead>
    <tbody>${rows.join('')}</tbody>
  </table>`;
}

function totals(model: ModelSummary): string {
  const unknownLayers = model.layers.filter((layer) => !isKnown(layer.params)).length;
  const lines = [`<dt>Trainable parameters</dt><dd class="total">${count(model.total)}</dd>`];
  if (unknownLayers > 0) {
    const knownSum = model.layers.reduce((total, layer) => total + (layer.params.value ?? 0), 0);
    lines.push(
      `<dt>Counted so far</dt><dd>${groupDigits(knownSum)} in ${model.layers.length - unknownLayers} of ${model.layers.length} layers; ${unknownLayers} ${unknownLayers === 1 ? 'depends' : 'depend'} on sizes the file does not fix</dd>`,
    );
  }
  if (model.nonTrainable.value !== 0)
    lines.push(`<dt>Not trained (running statistics)</dt><dd>${count(model.nonTrainable)}</dd>`);
  return `<dl class="totals">${lines.join('')}</dl>`;
}

function count(size: Size): string {
  return isKnown(size)
    ? groupDigits(size.value)
    : `<span class="unknown" title="${escapeHtml(formulaText(size))}">unknown</span>`;
}

/** `torch.nn.Conv2d` → `Conv2d`; a class of the file keeps its name. */
function shortName(symbol: string): string {
  return symbol.split('.').pop()!;
}
