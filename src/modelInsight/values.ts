// Evaluates the Python expressions that size a model: literals, tuples, arithmetic, and names looked up
// where Python would find them (assignments before the use, parameter defaults, `self.x` set in the
// constructor, dataclass fields). What cannot be known stays an unknown Size named as written.
import type { Scope, Statement } from '../scanner/statements';
import type { Token } from '../scanner/tokenizer';
import { dottedName, parseExpression, parseStatement, type Expression, type SimpleStatement } from './expressions';
import { floorDivide, isKnown, known, product, sum, unknown, type Size } from './size';

export type Value =
  | { kind: 'size'; size: Size }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'none' }
  | { kind: 'tuple'; items: Value[] }
  /** A tensor made by `torch.zeros(2, 3)` and the like: only its shape matters here. */
  | { kind: 'tensor'; dims: Size[] }
  | { kind: 'unknown'; text: string };

export const UNKNOWN_VALUE: Value = { kind: 'unknown', text: '?' };

export interface Parameter {
  name: string;
  /** Tokens of the default value, when there is one. */
  defaultTokens?: Token[];
}

/** The statements of a file, parsed once, with the lookups name resolution needs. */
export class FileStatements {
  private readonly parsed = new Map<number, SimpleStatement>();

  constructor(readonly statements: readonly Statement[]) {}

  parse(statement: Statement): SimpleStatement {
    let result = this.parsed.get(statement.index);
    if (!result) this.parsed.set(statement.index, (result = parseStatement(statement.tokens)));
    return result;
  }

  /** The statements that run directly in a scope (not in the functions and classes nested in it). */
  bodyOf(scope: Scope): Statement[] {
    const body: Statement[] = [];
    for (let i = scope.firstStatement; i <= scope.lastStatement && i < this.statements.length; i += 1) {
      if (this.statements[i]!.scope === scope) body.push(this.statements[i]!);
    }
    return body;
  }

  /** The `def`/`class` statement that opens a scope. */
  headerOf(scope: Scope): Statement | undefined {
    return scope.kind === 'module' ? undefined : this.statements[scope.firstStatement - 1];
  }

  parameters(scope: Scope): Parameter[] {
    const header = this.headerOf(scope);
    return header && scope.kind === 'function' ? readParameters(header.tokens) : [];
  }
}

function readParameters(tokens: readonly Token[]): Parameter[] {
  const open = tokens.findIndex((token) => token.text === '(');
  if (open < 0) return [];
  const depth = tokens[open]!.depth + 1;
  const parameters: Parameter[] = [];
  let current: Token[] = [];
  const flush = (): void => {
    const name = current[0];
    if (name?.kind === 'name') {
      const equals = current.findIndex((token) => token.text === '=' && token.depth === depth);
      parameters.push({
        name: name.text,
        defaultTokens: equals >= 0 && equals < current.length - 1 ? current.slice(equals + 1) : undefined,
      });
    }
    current = [];
  };
  for (let i = open + 1; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.depth < depth) break;
    if (token.depth === depth && token.text === ',') flush();
    else if (!(current.length === 0 && /^(?:\*|\*\*|\/)$/.test(token.text))) current.push(token);
    // `*args` and `**kwargs` take no default and are skipped with their name.
    else if (token.text !== '/') current.push({ ...token, kind: 'op' });
  }
  flush();
  return parameters;
}

/** Values bound for one analysis: the constructor arguments a model was built with, if known. */
export interface Bindings {
  /** Parameters of this function scope take these values (by name). */
  readonly functionScope?: Scope;
  /** Attributes of `self` (dataclass fields of Flax modules) take these values. */
  readonly classScope?: Scope;
  readonly values: ReadonlyMap<string, Value>;
}

export const NO_BINDINGS: Bindings = { values: new Map() };

const MAX_DEPTH = 12;
/** `torch.zeros(1, n, d)`, `torch.empty(size=(a, b))`, `torch.Tensor(a, b)`: tensors whose shape is in the call. */
const TENSOR_MAKERS = /^torch\.(?:zeros|ones|empty|randn|rand|Tensor|FloatTensor)$/;

export class Evaluator {
  constructor(
    readonly file: FileStatements,
    readonly bindings: Bindings = NO_BINDINGS,
  ) {}

  /** Evaluates an expression written in `statement`. */
  evaluate(expression: Expression, statement: Statement, depth = 0): Value {
    if (depth > MAX_DEPTH) return UNKNOWN_VALUE;
    switch (expression.type) {
      case 'number':
        return Number.isInteger(expression.value) && !/[.eE]/.test(expression.first.text)
          ? { kind: 'size', size: known(expression.value) }
          : { kind: 'float', value: expression.value };
      case 'string':
        return { kind: 'string', value: expression.value };
      case 'tuple':
      case 'list':
        return { kind: 'tuple', items: expression.items.map((item) => this.evaluate(item, statement, depth + 1)) };
      case 'name':
        return this.lookup(expression.id, statement, depth + 1);
      case 'attribute': {
        const name = dottedName(expression);
        if (name?.startsWith('self.') && name.split('.').length === 2)
          return this.selfAttribute(expression.name, statement, depth + 1);
        return { kind: 'unknown', text: name ?? '?' };
      }
      case 'unary': {
        const operand = this.evaluate(expression.operand, statement, depth + 1);
        if (expression.operator === 'not' && operand.kind === 'bool') return { kind: 'bool', value: !operand.value };
        if (expression.operator === '-' && operand.kind === 'float') return { kind: 'float', value: -operand.value };
        if (expression.operator === '-' && operand.kind === 'size' && isKnown(operand.size))
          return { kind: 'size', size: known(-operand.size.value) };
        return expression.operator === '+' ? operand : { kind: 'unknown', text: '?' };
      }
      case 'binary':
        return this.binary(
          expression.operator,
          this.evaluate(expression.left, statement, depth + 1),
          this.evaluate(expression.right, statement, depth + 1),
        );
      case 'subscript': {
        const object = this.evaluate(expression.object, statement, depth + 1);
        const index = this.evaluate(expression.index, statement, depth + 1);
        if (object.kind === 'tuple' && index.kind === 'size' && isKnown(index.size)) {
          const at = index.size.value < 0 ? object.items.length + index.size.value : index.size.value;
          return object.items[at] ?? UNKNOWN_VALUE;
        }
        return UNKNOWN_VALUE;
      }
      case 'call':
        return this.call(expression, statement, depth);
      default:
        return UNKNOWN_VALUE;
    }
  }

  /** A size argument: an integer, or the unknown named as written. */
  size(value: Value, fallbackName: string): Size {
    if (value.kind === 'size') return value.size;
    if (value.kind === 'unknown') return unknown(value.text === '?' ? fallbackName : value.text);
    return unknown(fallbackName);
  }

  private call(expression: Extract<Expression, { type: 'call' }>, statement: Statement, depth: number): Value {
    const callee = dottedName(expression.callee);
    const args = expression.positional.map((argument) => this.evaluate(argument, statement, depth + 1));
    const sizes = args.map((arg) =>
      arg.kind === 'size' && isKnown(arg.size) ? arg.size.value : arg.kind === 'float' ? arg.value : undefined,
    );
    const allKnown = sizes.length > 0 && sizes.every((value) => value !== undefined);
    if (callee && TENSOR_MAKERS.test(callee)) {
      const sizeArgument = expression.keyword['size'];
      const [first] = args;
      const shape = sizeArgument
        ? this.evaluate(sizeArgument, statement, depth + 1)
        : args.length === 1 && first?.kind === 'tuple'
          ? first
          : { kind: 'tuple' as const, items: args };
      return shape.kind === 'tuple'
        ? { kind: 'tensor', dims: shape.items.map((item, i) => this.size(item, `dim${i}`)) }
        : UNKNOWN_VALUE;
    }
    switch (callee) {
      case 'int':
        if (args[0]?.kind === 'size') return args[0];
        return allKnown ? { kind: 'size', size: known(Math.trunc(sizes[0]!)) } : UNKNOWN_VALUE;
      case 'float':
        return allKnown ? { kind: 'float', value: sizes[0]! } : UNKNOWN_VALUE;
      case 'max':
      case 'min':
        if (!allKnown) return UNKNOWN_VALUE;
        return numberValue(
          callee === 'max' ? Math.max(...sizes.map(Number)) : Math.min(...sizes.map(Number)),
          args.every((arg) => arg.kind === 'size'),
        );
      case 'len':
        return args[0]?.kind === 'tuple' ? { kind: 'size', size: known(args[0].items.length) } : UNKNOWN_VALUE;
      case 'tuple':
      case 'list':
        return args[0]?.kind === 'tuple' ? args[0] : UNKNOWN_VALUE;
      default:
        return UNKNOWN_VALUE;
    }
  }

  private binary(operator: string, left: Value, right: Value): Value {
    if (left.kind === 'tuple' && right.kind === 'tuple' && operator === '+')
      return { kind: 'tuple', items: [...left.items, ...right.items] };
    if (
      left.kind === 'tuple' &&
      right.kind === 'size' &&
      operator === '*' &&
      isKnown(right.size) &&
      right.size.value >= 0 &&
      right.size.value < 64
    ) {
      return { kind: 'tuple', items: Array.from({ length: right.size.value }, () => left.items).flat() };
    }
    const a = numeric(left);
    const b = numeric(right);
    if (a === undefined || b === undefined) return UNKNOWN_VALUE;
    const integer = left.kind !== 'float' && right.kind !== 'float';
    if (a.value !== null && b.value !== null) {
      const x = a.value;
      const y = b.value;
      switch (operator) {
        case '+':
          return numberValue(x + y, integer);
        case '-':
          return numberValue(x - y, integer);
        case '*':
          return numberValue(x * y, integer);
        case '/':
          return y === 0 ? UNKNOWN_VALUE : { kind: 'float', value: x / y };
        case '//':
          return y === 0 ? UNKNOWN_VALUE : numberValue(Math.floor(x / y), integer);
        case '%':
          return y === 0 ? UNKNOWN_VALUE : numberValue(((x % y) + y) % y, integer);
        case '**':
          return numberValue(x ** y, integer && y >= 0);
        default:
          return UNKNOWN_VALUE;
      }
    }
    // Keep the formula when a part is unknown: `hidden*2` stays readable.
    if (!integer) return UNKNOWN_VALUE;
    switch (operator) {
      case '*':
        return { kind: 'size', size: product(a, b) };
      case '+':
        return { kind: 'size', size: sum(a, b) };
      case '//':
        return { kind: 'size', size: floorDivide(a, b) };
      case '-':
        return { kind: 'size', size: unknown(`${a.text} - ${b.precedence < 2 ? `(${b.text})` : b.text}`) };
      default:
        return UNKNOWN_VALUE;
    }
  }

  /** A name used in `statement`, looked up through the scopes Python would search. */
  lookup(name: string, statement: Statement, depth: number): Value {
    if (name === 'True' || name === 'False') return { kind: 'bool', value: name === 'True' };
    if (name === 'None') return { kind: 'none' };
    for (let scope: Scope | undefined = statement.scope; scope; scope = scope.parent) {
      if (scope.kind === 'class' && scope !== statement.scope) continue;
      const found = this.lookupIn(scope, name, statement, depth);
      if (found) return found;
    }
    return { kind: 'unknown', text: name };
  }

  private lookupIn(scope: Scope, name: string, use: Statement, depth: number): Value | undefined {
    const assignment = this.latestAssignment(scope, name, use);
    if (assignment === 'ambiguous') return { kind: 'unknown', text: name };
    if (assignment) return this.evaluate(assignment.value, assignment.statement, depth + 1);
    if (scope.kind !== 'function') return undefined;
    const parameter = this.file.parameters(scope).find((candidate) => candidate.name === name);
    if (!parameter) return undefined;
    if (this.bindings.functionScope === scope && this.bindings.values.has(name)) return this.bindings.values.get(name)!;
    const header = this.file.headerOf(scope)!;
    return parameter.defaultTokens
      ? this.evaluate(parseExpression(parameter.defaultTokens), header, depth + 1)
      : { kind: 'unknown', text: name };
  }

  /**
   * The assignment of `name` in `scope` in effect at `use`: the latest one before it in the same scope, or
   * the latest anywhere when the use is in a function defined inside (it runs after the module is loaded).
   * An assignment made inside a branch or loop makes the value depend on the run: 'ambiguous'.
   */
  private latestAssignment(
    scope: Scope,
    name: string,
    use: Statement,
  ): { value: Expression; statement: Statement } | 'ambiguous' | undefined {
    const body = this.file.bodyOf(scope);
    const baseIndent = body[0]?.indent ?? 0;
    const limit = use.scope === scope ? use.index : Number.POSITIVE_INFINITY;
    let latest: { value: Expression; statement: Statement } | 'ambiguous' | undefined;
    for (const statement of body) {
      if (statement.index >= limit) break;
      const parsed = this.file.parse(statement);
      const assigned = assignedValue(parsed, name);
      if (assigned === undefined) {
        if (bindsLoopTarget(statement.tokens, name)) latest = 'ambiguous';
        continue;
      }
      latest = statement.indent > baseIndent || assigned === 'unpacked' ? 'ambiguous' : { value: assigned, statement };
    }
    return latest;
  }

  /** `self.name` in a method: set in the class's methods (the constructor first), or a class-level field. */
  selfAttribute(name: string, statement: Statement, depth: number): Value {
    const classScope = enclosingClass(statement.scope);
    if (!classScope) return { kind: 'unknown', text: `self.${name}` };
    if (this.bindings.classScope === classScope && this.bindings.values.has(name))
      return this.bindings.values.get(name)!;
    const assignments: { value: Expression; statement: Statement; constructor: boolean }[] = [];
    for (let i = classScope.firstStatement; i <= classScope.lastStatement && i < this.file.statements.length; i += 1) {
      const candidate = this.file.statements[i]!;
      const method =
        candidate.scope.kind === 'function' && candidate.scope.parent === classScope ? candidate.scope : undefined;
      if (!method && candidate.scope !== classScope) continue;
      const parsed = this.file.parse(candidate);
      const value = assignedValue(parsed, method ? `self.${name}` : name);
      if (value === undefined || value === 'unpacked') continue;
      assignments.push({
        value,
        statement: candidate,
        constructor: !method || /^(?:__init__|setup)$/.test(method.name),
      });
    }
    const chosen = assignments.filter((assignment) => assignment.constructor);
    const pick =
      chosen.length === 1 ? chosen[0] : chosen.length === 0 && assignments.length === 1 ? assignments[0] : undefined;
    if (!pick) return { kind: 'unknown', text: `self.${name}` };
    return this.evaluate(pick.value, pick.statement, depth + 1);
  }
}

function numberValue(value: number, integer: boolean): Value {
  return integer && Number.isInteger(value) ? { kind: 'size', size: known(value) } : { kind: 'float', value };
}

function numeric(value: Value): Size | undefined {
  if (value.kind === 'size') return value.size;
  if (value.kind === 'float') return { text: String(value.value), value: value.value, precedence: 3 };
  if (value.kind === 'unknown' && value.text !== '?') return unknown(value.text);
  return undefined;
}

/** The value assigned to `target` by a statement; 'unpacked' for tuple targets (`a, b = f()`). */
function assignedValue(statement: SimpleStatement, target: string): Expression | 'unpacked' | undefined {
  if (statement.kind === 'augmented') return dottedName(statement.target) === target ? 'unpacked' : undefined;
  if (statement.kind !== 'assign') return undefined;
  for (const candidate of statement.targets) {
    if (dottedName(candidate) === target) return statement.value;
    if (candidate.type === 'tuple' || candidate.type === 'list') {
      const at = candidate.items.findIndex((item) => dottedName(item) === target);
      if (at < 0) continue;
      const value = statement.value;
      return (value.type === 'tuple' || value.type === 'list') && value.items.length === candidate.items.length
        ? value.items[at]!
        : 'unpacked';
    }
  }
  return undefined;
}

function bindsLoopTarget(tokens: readonly Token[], name: string): boolean {
  const forIndex = tokens.findIndex((token) => token.text === 'for' && token.depth === tokens[0]!.depth);
  if (forIndex < 0) return false;
  for (let i = forIndex + 1; i < tokens.length && tokens[i]!.text !== 'in'; i += 1)
    if (tokens[i]!.text === name) return true;
  return false;
}

export function enclosingClass(scope: Scope): Scope | undefined {
  for (let current: Scope | undefined = scope; current; current = current.parent)
    if (current.kind === 'class') return current;
  return undefined;
}
