// Evaluates the `compute` expressions of numeric questions, so answers are derived, not typed.
// A small recursive-descent parser: numbers, + - * / % **, unary minus, parentheses and a few functions.

const FUNCTIONS: Readonly<Record<string, (...args: number[]) => number>> = {
  exp: Math.exp,
  log: Math.log,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sqrt: Math.sqrt,
  abs: Math.abs,
  min: Math.min,
  max: Math.max,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  tanh: Math.tanh,
};

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/%(),]))/y;

export function evaluateArithmetic(expression: string): number {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < expression.length) {
    if (/^\s*$/.test(expression.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(expression);
    if (!match) throw new Error(`unexpected '${expression.slice(position).trim()[0]}' at position ${position}`);
    tokens.push(match[1] ?? match[2] ?? match[3]!);
    position = TOKEN.lastIndex;
  }
  let index = 0;
  const peek = (): string | undefined => tokens[index];
  const expect = (token: string): void => {
    if (tokens[index] !== token) throw new Error(`expected '${token}' but found '${tokens[index] ?? 'end of input'}'`);
    index += 1;
  };

  const parseSum = (): number => {
    let value = parseProduct();
    while (peek() === '+' || peek() === '-') value = tokens[index++] === '+' ? value + parseProduct() : value - parseProduct();
    return value;
  };
  const parseProduct = (): number => {
    let value = parseUnary();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const operator = tokens[index++];
      const right = parseUnary();
      value = operator === '*' ? value * right : operator === '/' ? value / right : value % right;
    }
    return value;
  };
  const parseUnary = (): number => {
    if (peek() === '-') {
      index += 1;
      return -parseUnary();
    }
    if (peek() === '+') {
      index += 1;
      return parseUnary();
    }
    return parsePower();
  };
  // Right-associative, and binds tighter than unary minus on its left: -2**2 = -4, as in Python.
  const parsePower = (): number => {
    const base = parseAtom();
    if (peek() === '**') {
      index += 1;
      return base ** parseUnary();
    }
    return base;
  };
  const parseAtom = (): number => {
    const token = tokens[index++];
    if (token === undefined) throw new Error('unexpected end of expression');
    if (token === '(') {
      const value = parseSum();
      expect(')');
      return value;
    }
    if (/^[\d.]/.test(token)) return Number(token);
    const fn = FUNCTIONS[token];
    if (!fn) throw new Error(`unknown name '${token}'`);
    expect('(');
    const args = [parseSum()];
    while (peek() === ',') {
      index += 1;
      args.push(parseSum());
    }
    expect(')');
    return fn(...args);
  };

  const value = parseSum();
  if (index !== tokens.length) throw new Error(`unexpected '${tokens[index]}' after the end of the expression`);
  if (!Number.isFinite(value)) throw new Error('the expression does not evaluate to a finite number');
  return value;
}
