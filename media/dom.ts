// Builds DOM nodes for the webviews. Text always becomes text nodes, never markup, so nothing from
// content or from the learner can inject HTML.
import type { Block, Span } from '../src/quiz/richText';

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

const SPAN_TAGS = { code: 'code', strong: 'strong', em: 'em' } as const;

export function spanNodes(spans: readonly Span[]): Node[] {
  return spans.map((span) =>
    span.style ? h(SPAN_TAGS[span.style], {}, span.text) : document.createTextNode(span.text),
  );
}

/** Paragraphs, bulleted items (consecutive items share one list) and code blocks. */
export function blockNodes(blocks: readonly Block[]): Node[] {
  const nodes: Node[] = [];
  let list: HTMLUListElement | undefined;
  for (const block of blocks) {
    if (block.kind === 'item') {
      if (!list) nodes.push((list = h('ul')));
      list.append(h('li', {}, ...spanNodes(block.spans)));
      continue;
    }
    list = undefined;
    if (block.kind === 'code') nodes.push(h('pre', {}, h('code', {}, block.spans.map((span) => span.text).join(''))));
    else nodes.push(h('p', {}, ...spanNodes(block.spans)));
  }
  return nodes;
}
