// Reads a call's arguments from tokens, as source text, across lines and without comments.
// Nested brackets are stepped over through their partners, so every token is read by its own call
// only and nested calls cost linear time however deep they go.
import type { Token } from './tokenizer';

export interface CallArguments {
  positional: string[];
  keyword: Record<string, string>;
}

/** A run of a statement's tokens: `start` inclusive, `end` exclusive. */
export interface TokenSpan {
  start: number;
  end: number;
}

export interface ParsedCall {
  args: CallArguments;
  /** The tokens of the statement the call is in; the spans below index into them. */
  tokens: readonly Token[];
  /** Each keyword argument's value (empty when nothing follows the `=`), for callers that interpret literals. */
  keywordSpans: Record<string, TokenSpan>;
  /** Each positional argument, in order. */
  positionalSpans: TokenSpan[];
  /** Index of the closing parenthesis, or of the last token read when the call is unterminated. */
  closeIndex: number;
  closed: boolean;
}

/** Argument text longer than this is cut short with an ellipsis: no check or hover reads further. */
export const MAX_ARGUMENT_TEXT = 500;

const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);
const partnerCache = new WeakMap<readonly Token[], Int32Array>();

/**
 * For each opening bracket in a statement's tokens, the index of the bracket that closes it (-1 when
 * unclosed); closing brackets point back at their opener. Computed once per token array.
 */
export function bracketPartners(tokens: readonly Token[]): Int32Array {
  let partners = partnerCache.get(tokens);
  if (partners) return partners;
  partners = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.kind !== 'op') continue;
    if (OPENING.has(token.text)) open.push(i);
    else if (CLOSING.has(token.text) && open.length > 0) {
      const opener = open.pop()!;
      partners[opener] = i;
      partners[i] = opener;
    }
  }
  partnerCache.set(tokens, partners);
  return partners;
}

/** The index after the bracket group opened at `index` (the end of the tokens when unclosed), or index + 1 for any other token. */
export function skipGroup(tokens: readonly Token[], index: number): number {
  const token = tokens[index]!;
  if (token.kind !== 'op' || !OPENING.has(token.text)) return index + 1;
  const close = bracketPartners(tokens)[index]!;
  return close >= 0 ? close + 1 : tokens.length;
}

/** Parses the arguments of the call whose '(' is at `openIndex`. */
export function parseCallArguments(source: string, tokens: readonly Token[], openIndex: number): ParsedCall {
  const partners = bracketPartners(tokens);
  const close = partners[openIndex]!;
  const end = close >= 0 ? close : tokens.length;
  const closed = close >= 0 && tokens[close]!.text === ')';
  const call: ParsedCall = {
    args: { positional: [], keyword: {} },
    tokens,
    keywordSpans: {},
    positionalSpans: [],
    closeIndex: closed ? close : end - 1,
    closed,
  };
  let argumentStart = openIndex + 1;
  for (let index = openIndex + 1; index < end;) {
    const token = tokens[index]!;
    if (token.text === ',') {
      addArgument(source, call, argumentStart, index);
      argumentStart = index + 1;
      index += 1;
    } else if (token.kind === 'op' && OPENING.has(token.text)) {
      // A nested bracket group is stepped over through its partner.
      const partner = partners[index]!;
      index = partner >= 0 ? partner + 1 : tokens.length;
    } else index += 1;
  }
  addArgument(source, call, argumentStart, end);
  return call;
}

/** Adds the argument written by tokens[start..stop) to the call, as a keyword or a positional argument. */
function addArgument(source: string, call: ParsedCall, start: number, stop: number): void {
  if (stop <= start) return;
  const { tokens, args } = call;
  const isKeyword = stop - start >= 2 && tokens[start]!.kind === 'name' && tokens[start + 1]!.text === '=';
  if (isKeyword) {
    const value = { start: start + 2, end: stop };
    call.keywordSpans[tokens[start]!.text] = value;
    args.keyword[tokens[start]!.text] = joinTokens(source, tokens, value);
  } else {
    const value = { start, end: stop };
    call.positionalSpans.push(value);
    args.positional.push(joinTokens(source, tokens, value));
  }
}

function cut(text: string): string {
  return text.length > MAX_ARGUMENT_TEXT ? `${text.slice(0, MAX_ARGUMENT_TEXT)}…` : text;
}

/** True when source[from..to) holds a line break, a comment sign or a backslash (the joined text would differ). */
function hasBreakOrComment(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const code = source.charCodeAt(i);
    if (code === 10 || code === 13 || code === 35 || code === 92) return true;
  }
  return false;
}

/** The tokens of a span. */
export function spanTokens(call: ParsedCall, span: TokenSpan): readonly Token[] {
  return call.tokens.slice(span.start, span.end);
}

/**
 * Joins a span's tokens with the source's own spacing, folding line breaks (and the comments they hid)
 * into single spaces; text beyond MAX_ARGUMENT_TEXT characters is cut short with an ellipsis.
 */
export function joinTokens(source: string, tokens: readonly Token[], span: TokenSpan): string {
  if (span.end - span.start === 1) return cut(tokens[span.start]!.text);
  // Most arguments are short and on one line: their text is the source's, cut once instead of joined.
  if (span.end > span.start) {
    const from = tokens[span.start]!.start;
    const to = tokens[span.end - 1]!.end;
    if (to - from <= MAX_ARGUMENT_TEXT && !hasBreakOrComment(source, from, to)) return source.slice(from, to);
  }
  let text = '';
  for (let i = span.start; i < span.end; i += 1) {
    const token = tokens[i]!;
    if (i > span.start) {
      const previous = tokens[i - 1]!;
      const gap = source.slice(previous.end, token.start);
      if (gap.length > MAX_ARGUMENT_TEXT || /[\r\n#\\]/.test(gap)) {
        text += '([{'.includes(previous.text) || ')]}'.includes(token.text) || token.text === ',' ? '' : ' ';
      } else text += gap;
    }
    if (text.length + token.text.length > MAX_ARGUMENT_TEXT)
      return `${text}${token.text.slice(0, Math.max(0, MAX_ARGUMENT_TEXT - text.length))}…`;
    text += token.text;
  }
  return text;
}
