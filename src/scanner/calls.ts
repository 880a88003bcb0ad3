// Reads a call's arguments from tokens, as source text, across lines and without comments.
import type { Token } from './tokenizer';

export interface CallArguments {
  positional: string[];
  keyword: Record<string, string>;
}

export interface ParsedCall {
  args: CallArguments;
  /** The tokens of each keyword argument's value, for callers that interpret literals. */
  keywordTokens: Record<string, Token[]>;
  /** The tokens of each positional argument, in order. */
  positionalTokens: Token[][];
  /** Index of the closing parenthesis, or of the last token read when the call is unterminated. */
  closeIndex: number;
  closed: boolean;
}

/** Parses the arguments of the call whose '(' is at `openIndex`. */
export function parseCallArguments(source: string, tokens: readonly Token[], openIndex: number): ParsedCall {
  const open = tokens[openIndex]!;
  const argumentDepth = open.depth + 1;
  const args: CallArguments = { positional: [], keyword: {} };
  const keywordTokens: Record<string, Token[]> = {};
  const positionalTokens: Token[][] = [];
  let current: Token[] = [];
  let index = openIndex + 1;

  const flush = (): void => {
    if (current.length === 0) return;
    const isKeyword = current.length >= 2 && current[0]!.kind === 'name' && current[1]!.text === '=';
    if (isKeyword) {
      keywordTokens[current[0]!.text] = current.slice(2);
      args.keyword[current[0]!.text] = joinTokens(source, current.slice(2));
    }
    else {
      positionalTokens.push(current);
      args.positional.push(joinTokens(source, current));
    }
    current = [];
  };

  for (; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.depth < argumentDepth) break;
    if (token.depth === argumentDepth && token.text === ',') flush();
    else current.push(token);
  }
  const closed = tokens[index]?.text === ')' && tokens[index]!.depth === open.depth;
  flush();
  return { args, keywordTokens, positionalTokens, closeIndex: closed ? index : index - 1, closed };
}

/** Joins tokens with the source's own spacing, folding line breaks (and the comments they hid) into single spaces. */
export function joinTokens(source: string, tokens: readonly Token[]): string {
  let text = '';
  tokens.forEach((token, i) => {
    if (i > 0) {
      const gap = source.slice(tokens[i - 1]!.end, token.start);
      if (/[\r\n#\\]/.test(gap)) {
        const previous = tokens[i - 1]!.text;
        text += '([{'.includes(previous) || ')]}'.includes(token.text) || token.text === ',' ? '' : ' ';
      } else text += gap;
    }
    text += token.text;
  });
  return text;
}
