// Content Markdown reduced to plain-text pieces (paragraphs, list items, code; inline code, bold, italic)
// with markdown-it, raw HTML off. The quiz webview builds them with textContent, so no content string is
// ever parsed as HTML there. Pure.
import MarkdownIt from 'markdown-it';

export interface Span {
  text: string;
  style?: 'code' | 'strong' | 'em';
}

export interface Block {
  kind: 'paragraph' | 'item' | 'code';
  spans: Span[];
}

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// A link keeps only its text, so nothing in content can make the webview navigate.
markdown.validateLink = (): boolean => false;

export function richText(source: string): Block[] {
  const blocks: Block[] = [];
  let listDepth = 0;
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') listDepth += 1;
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') listDepth -= 1;
    else if (token.type === 'inline')
      blocks.push({ kind: listDepth > 0 ? 'item' : 'paragraph', spans: inlineSpans(token.children ?? []) });
    else if (token.type === 'fence' || token.type === 'code_block')
      blocks.push({ kind: 'code', spans: [{ text: token.content.replace(/\n$/, '') }] });
  }
  return blocks;
}

/** One line of Markdown (an option, a `why`) as spans; block structure is flattened into it. */
export function inlineText(source: string): Span[] {
  return richText(source).flatMap((block, index) => (index === 0 ? block.spans : [{ text: ' ' }, ...block.spans]));
}

export function plainText(spans: readonly Span[]): string {
  return spans.map((span) => span.text).join('');
}

function inlineSpans(children: readonly Token[]): Span[] {
  const spans: Span[] = [];
  let strong = 0;
  let em = 0;
  const push = (text: string, style?: Span['style']): void => {
    const last = spans.at(-1);
    if (last && last.style === style) last.text += text;
    else spans.push(style ? { text, style } : { text });
  };
  for (const child of children) {
    if (child.type === 'strong_open') strong += 1;
    else if (child.type === 'strong_close') strong -= 1;
    else if (child.type === 'em_open') em += 1;
    else if (child.type === 'em_close') em -= 1;
    else if (child.type === 'code_inline') push(child.content, 'code');
    else if (child.type === 'softbreak' || child.type === 'hardbreak')
      push(' ', strong ? 'strong' : em ? 'em' : undefined);
    else if (child.type === 'text' || child.type === 'image')
      push(child.content, strong ? 'strong' : em ? 'em' : undefined);
  }
  return spans;
}
