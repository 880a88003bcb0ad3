// A small, tolerant parser of Python expressions and simple statements over the scanner's tokens:
// enough to read layer arguments, constants and the plain data flow of forward()/call().
import type { Token } from '../scanner/tokenizer';

export type Expression =
  | { type: 'number'; value: number; first: Token }
  | { type: 'string'; value: string; first: Token }
  | { type: 'name'; id: string; first: Token }
  | { type: 'attribute'; object: Expression; name: string; first: Token }
  | {
      type: 'call';
      callee: Expression;
      positional: Expression[];
      keyword: Record<string, Expression>;
      starred: Expression[];
      first: Token;
    }
  | { type: 'subscript'; object: Expression; index: Expression; first: Token }
  | { type: 'tuple' | 'list'; items: Expression[]; first: Token }
  | { type: 'comprehension'; element: Expression; target: string; iterable: Expression; first: Token }
  | { type: 'binary'; operator: string; left: Expression; right: Expression; first: Token }
  | { type: 'unary'; operator: string; operand: Expression; first: Token }
  | { type: 'other'; first: Token };

export type SimpleStatement =
  | { kind: 'assign'; targets: Expression[]; value: Expression }
  | { kind: 'augmented'; target: Expression; value: Expression }
  | { kind: 'return'; value: Expression | undefined }
  | { kind: 'expression'; value: Expression }
  | { kind: 'other' };

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  '==': 4,
  '!=': 4,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  in: 4,
  is: 4,
  '|': 5,
  '^': 6,
  '&': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '//': 10,
  '%': 10,
  '@': 10,
};
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '|=', '&=']);

class Parser {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.index >= this.tokens.length;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private take(): Token {
    return this.tokens[this.index++]!;
  }

  private takeIf(text: string): boolean {
    if (this.peek()?.text !== text) return false;
    this.index += 1;
    return true;
  }

  /** Skips to the end of the current bracket level, for constructs this parser does not model. */
  private skipToClose(): void {
    let depth = 0;
    while (!this.done) {
      const text = this.peek()!.text;
      if ('([{'.includes(text) && text.length === 1) depth += 1;
      else if (')]}'.includes(text) && text.length === 1) {
        if (depth === 0) return;
        depth -= 1;
      } else if (depth === 0 && (text === ',' || text === ':' || text === '=' || AUGMENTED.has(text))) return;
      this.index += 1;
    }
  }

  /** An expression list: `a, b` is a tuple. */
  expressionList(): Expression {
    const first = this.peek()!;
    const items = [this.expression()];
    let isTuple = false;
    while (this.peek()?.text === ',') {
      isTuple = true;
      this.index += 1;
      if (this.done || /^[)\]}=:]$/.test(this.peek()!.text)) break;
      items.push(this.expression());
    }
    return isTuple ? { type: 'tuple', items, first } : items[0]!;
  }

  expression(): Expression {
    const first = this.peek();
    if (!first) throw new Error('end of input');
    if (first.text === 'lambda' || first.text === 'yield' || first.text === 'await') {
      this.skipToClose();
      return { type: 'other', first };
    }
    const value = this.binary(1);
    if (this.peek()?.text === 'if' && this.peek()!.depth === first.depth) {
      // A conditional expression: its value depends on a run-time test.
      this.skipToClose();
      return { type: 'other', first };
    }
    return value;
  }

  private binary(minimum: number): Expression {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      let operator = token?.text ?? '';
      if (operator === 'not' && this.peek(1)?.text === 'in') operator = 'in';
      const precedence =
        token && (token.kind === 'op' || /^(?:and|or|in|is)$/.test(operator)) ? BINARY_PRECEDENCE[operator] : undefined;
      if (precedence === undefined || precedence < minimum) return left;
      this.index += token!.text === 'not' || (operator === 'is' && this.peek(1)?.text === 'not') ? 2 : 1;
      const right = this.binary(precedence + 1);
      left = { type: 'binary', operator, left, right, first: left.first };
    }
  }

  private unary(): Expression {
    const token = this.peek()!;
    if (token.text === '-' || token.text === '+' || token.text === '~' || token.text === 'not') {
      this.index += 1;
      return { type: 'unary', operator: token.text, operand: this.unary(), first: token };
    }
    return this.power();
  }

  private power(): Expression {
    const base = this.postfix();
    if (this.peek()?.text === '**') {
      this.index += 1;
      return { type: 'binary', operator: '**', left: base, right: this.unary(), first: base.first };
    }
    return base;
  }

  private postfix(): Expression {
    let value = this.atom();
    for (;;) {
      const token = this.peek();
      if (token?.text === '.' && this.peek(1)?.kind === 'name') {
        this.index += 1;
        value = { type: 'attribute', object: value, name: this.take().text, first: value.first };
      } else if (token?.text === '(') {
        this.index += 1;
        value = this.callArguments(value);
      } else if (token?.text === '[') {
        this.index += 1;
        const index = this.sliceOrIndex();
        this.expectClose(']');
        value = { type: 'subscript', object: value, index, first: value.first };
      } else return value;
    }
  }

  private sliceOrIndex(): Expression {
    const first = this.peek()!;
    if (first.text === ']') return { type: 'other', first };
    const parts: Expression[] = [];
    let isSlice = false;
    while (!this.done && this.peek()!.text !== ']') {
      if (this.takeIf(':')) {
        isSlice = true;
        continue;
      }
      if (this.takeIf(',')) continue;
      parts.push(this.expression());
    }
    return isSlice || parts.length !== 1 ? { type: 'other', first } : parts[0]!;
  }

  private callArguments(callee: Expression): Expression {
    const positional: Expression[] = [];
    const keyword: Record<string, Expression> = {};
    const starred: Expression[] = [];
    while (!this.done && this.peek()!.text !== ')') {
      const token = this.peek()!;
      if (token.text === '*' || token.text === '**') {
        this.index += 1;
        starred.push(this.expression());
      } else if (token.kind === 'name' && this.peek(1)?.text === '=') {
        this.index += 2;
        keyword[token.text] = this.expression();
      } else {
        const value = this.expression();
        if (this.peek()?.text === 'for') positional.push(this.comprehensionTail(value));
        else positional.push(value);
      }
      if (!this.takeIf(',')) break;
    }
    this.expectClose(')');
    return { type: 'call', callee, positional, keyword, starred, first: callee.first };
  }

  private comprehensionTail(element: Expression): Expression {
    this.index += 1; // for
    const targetToken = this.peek()!;
    while (!this.done && this.peek()!.text !== 'in') this.index += 1;
    this.index += 1; // in
    const iterable = this.binary(5);
    this.skipToClose();
    return { type: 'comprehension', element, target: targetToken.text, iterable, first: element.first };
  }

  private expectClose(close: string): void {
    this.skipToClose();
    if (!this.takeIf(close)) throw new Error(`expected ${close}`);
  }

  private atom(): Expression {
    const token = this.take();
    if (!token) throw new Error('end of input');
    if (token.kind === 'number') {
      const value = Number(token.text.replace(/_/g, '').replace(/[jJ]$/, ''));
      return Number.isFinite(value) && !/[jJ]$/.test(token.text)
        ? { type: 'number', value, first: token }
        : { type: 'other', first: token };
    }
    if (token.kind === 'string') {
      let text = stringValue(token.text);
      // Adjacent literals concatenate.
      while (this.peek()?.kind === 'string') {
        const next = stringValue(this.take().text);
        text = text !== undefined && next !== undefined ? text + next : undefined;
      }
      return text === undefined ? { type: 'other', first: token } : { type: 'string', value: text, first: token };
    }
    if (token.kind === 'name') return { type: 'name', id: token.text, first: token };
    if (token.text === '(' || token.text === '[') {
      const close = token.text === '(' ? ')' : ']';
      if (this.takeIf(close)) return { type: token.text === '(' ? 'tuple' : 'list', items: [], first: token };
      const inner = this.expression();
      if (this.peek()?.text === 'for') {
        const comprehension = this.comprehensionTail(inner);
        this.expectClose(close);
        return comprehension;
      }
      const items = [inner];
      let isTuple = token.text === '[';
      while (this.takeIf(',')) {
        isTuple = true;
        if (this.peek()?.text === close) break;
        items.push(this.expression());
      }
      this.expectClose(close);
      if (!isTuple) return inner;
      return { type: token.text === '(' ? 'tuple' : 'list', items, first: token };
    }
    if (token.text === '{') {
      this.skipToClose();
      this.takeIf('}');
      return { type: 'other', first: token };
    }
    if (token.text === '...') return { type: 'other', first: token };
    throw new Error(`unexpected ${token.text}`);
  }
}

/** The value of a plain string literal; undefined for f-strings and bytes, whose value is not plain text. */
function stringValue(text: string): string | undefined {
  const match = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/.exec(text);
  if (!match) return undefined;
  return match[1]!.toLowerCase() === 'r' ? match[3]! : match[3]!.replace(/\\(['"\\])/g, '$1');
}

/** Parses one whole expression; `other` when the tokens are not an expression this parser reads. */
export function parseExpression(tokens: readonly Token[]): Expression {
  if (tokens.length === 0) throw new Error('parseExpression needs at least one token');
  try {
    const parser = new Parser(tokens);
    const value = parser.expressionList();
    return parser.done ? value : { type: 'other', first: tokens[0]! };
  } catch {
    return { type: 'other', first: tokens[0]! };
  }
}

/** Parses a statement that is an assignment, an augmented assignment, a return or an expression. */
export function parseStatement(tokens: readonly Token[]): SimpleStatement {
  const first = tokens[0];
  if (!first) return { kind: 'other' };
  if (first.text === 'return')
    return { kind: 'return', value: tokens.length > 1 ? parseExpression(tokens.slice(1)) : undefined };
  if (
    first.kind === 'name' &&
    /^(?:if|elif|else|for|while|with|try|except|finally|def|class|async|import|from|raise|assert|del|pass|global|nonlocal|break|continue|yield|lambda)$/.test(
      first.text,
    )
  ) {
    return { kind: 'other' };
  }
  const depth = first.depth;
  const parts: Token[][] = [[]];
  let augmented = false;
  for (const token of tokens) {
    const topLevel = token.depth === depth;
    if (topLevel && token.text === '=') parts.push([]);
    else if (topLevel && AUGMENTED.has(token.text) && parts.length === 1 && !augmented) {
      augmented = true;
      parts.push([]);
    } else parts[parts.length - 1]!.push(token);
  }
  // An annotation (`x: int = 3`) is not part of the target.
  const colon = parts[0]!.findIndex((token) => token.depth === depth && token.text === ':');
  const annotated = colon >= 0;
  if (annotated) parts[0] = parts[0]!.slice(0, colon);
  if (parts.some((part) => part.length === 0)) return { kind: 'other' };
  const expressions = parts.map(parseExpression);
  if (expressions.length === 1) return annotated ? { kind: 'other' } : { kind: 'expression', value: expressions[0]! };
  if (augmented) return { kind: 'augmented', target: expressions[0]!, value: expressions[1]! };
  return { kind: 'assign', targets: expressions.slice(0, -1), value: expressions[expressions.length - 1]! };
}

/** `self.conv1` → "self.conv1"; undefined for anything that is not a dotted name. */
export function dottedName(expression: Expression): string | undefined {
  if (expression.type === 'name') return expression.id;
  if (expression.type === 'attribute') {
    const object = dottedName(expression.object);
    return object === undefined ? undefined : `${object}.${expression.name}`;
  }
  return undefined;
}

/** Where an expression starts, as the scanner's call sites record it. */
export function positionKey(token: Token): string {
  return `${token.line}:${token.column}`;
}
