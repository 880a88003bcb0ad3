// Exports questions as a tab-separated file that Anki imports (File > Import): front, back, tags. Pure.
import { escapeHtml } from '../webviews/webviewDocument';
import { stableOrder } from './optionOrder';
import type { QuizItem } from './questionBank';
import { inlineText, richText, type Block, type Span } from './richText';

// Anki reads these header lines: tab separator, fields are HTML, third column holds the tags.
const HEADER = ['#separator:tab', '#html:true', '#tags column:3'];

export function ankiDeck(items: readonly QuizItem[]): string {
  const rows = items.map((item) => [front(item), back(item), tags(item)].map(field).join('\t'));
  return `${[...HEADER, ...rows].join('\n')}\n`;
}

function front(item: QuizItem): string {
  const { question, concept } = item;
  const parts = [`<p><i>${escapeHtml(concept.title)}</i></p>`, blocksHtml(richText(question.prompt))];
  if (question.type === 'choice') {
    const options = stableOrder(question.id, question.options.length).map((index) => question.options[index]!);
    parts.push(
      `<ol type="A">${options.map((option) => `<li>${spansHtml(inlineText(option.text))}</li>`).join('')}</ol>`,
    );
  }
  if (question.type === 'numeric' && question.unit) parts.push(`<p>(in ${escapeHtml(question.unit)})</p>`);
  return parts.join('');
}

function back(item: QuizItem): string {
  const { question } = item;
  const parts: string[] = [];
  if (question.type === 'choice') {
    // The deck is written anew on every export, so its option order must not change between exports.
    const shown = stableOrder(question.id, question.options.length);
    const index = shown.findIndex((option) => question.options[option]!.correct);
    const option = question.options[shown[index]!]!;
    parts.push(
      `<p><b>${String.fromCharCode(65 + index)}.</b> ${spansHtml(inlineText(option.text))}</p>`,
      `<p>${spansHtml(inlineText(option.why))}</p>`,
    );
  } else if (question.type === 'numeric') {
    const tolerance = question.tolerance > 0 ? ` (± ${question.tolerance})` : '';
    parts.push(
      `<p><b>${question.answer}</b>${escapeHtml(tolerance)}${question.unit ? ` ${escapeHtml(question.unit)}` : ''}</p>`,
      `<p><code>${escapeHtml(question.compute)}</code></p>`,
    );
  } else {
    parts.push(
      blocksHtml(richText(question.reference)),
      `<p>Key points:</p><ul>${question.keyPoints.map((point) => `<li>${spansHtml(inlineText(point))}</li>`).join('')}</ul>`,
    );
  }
  if (question.explanation) parts.push(blocksHtml(richText(question.explanation)));
  return parts.join('');
}

/** Anki tags are separated by spaces; topic and concept ids are kebab-case, so they are single tags. */
function tags(item: QuizItem): string {
  return ['dl-tutor', item.concept.topic, item.concept.id].map((tag) => tag.replace(/\s+/g, '-')).join(' ');
}

/** A field holds no tab or line break of its own; line breaks in the HTML are markup. */
function field(html: string): string {
  return html.replace(/\t/g, ' ').replace(/\r?\n/g, '<br>');
}

function blocksHtml(blocks: readonly Block[]): string {
  let html = '';
  let inList = false;
  for (const block of blocks) {
    if (block.kind === 'item' && !inList) html += '<ul>';
    if (block.kind !== 'item' && inList) html += '</ul>';
    inList = block.kind === 'item';
    if (block.kind === 'item') html += `<li>${spansHtml(block.spans)}</li>`;
    else if (block.kind === 'code')
      html += `<pre><code>${escapeHtml(block.spans.map((span) => span.text).join(''))}</code></pre>`;
    else html += `<p>${spansHtml(block.spans)}</p>`;
  }
  return inList ? `${html}</ul>` : html;
}

function spansHtml(spans: readonly Span[]): string {
  const tag = { code: 'code', strong: 'b', em: 'i' } as const;
  return spans
    .map((span) =>
      span.style ? `<${tag[span.style]}>${escapeHtml(span.text)}</${tag[span.style]}>` : escapeHtml(span.text),
    )
    .join('');
}
