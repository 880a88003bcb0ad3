// Follows tensors through a function body in order (forward, call, __call__, or the statements that build a
// Keras functional model): which layer each tensor passes through and with what shape. Statements inside
// branches and loops make the names they assign unknown rather than guessed.
import type { Statement } from '../scanner/statements';
import { dottedName, type Expression, type SimpleStatement } from './expressions';
import type { LayerInstance } from './layerInstance';
import type { Shape } from './shapes';
import { isKnown, type Size } from './size';
import { functionOutput, methodOutput } from './tensorFunctions';
import type { Evaluator } from './values';

export interface Tensor {
  kind: 'tensor';
  shape: Shape | undefined;
  /** The layers this tensor has passed through, for a functional model's layer list. */
  sources: ReadonlySet<LayerInstance>;
}

export type FlowValue =
  Tensor | { kind: 'layer'; instance: LayerInstance } | { kind: 'tuple'; items: FlowValue[] } | { kind: 'other' };

const OTHER: FlowValue = { kind: 'other' };

export function tensor(shape: Shape | undefined, sources: ReadonlySet<LayerInstance> = new Set()): Tensor {
  return { kind: 'tensor', shape, sources };
}

/** What the flow needs from the model analysis. */
export interface FlowHost {
  evaluator: Evaluator;
  /** The canonical symbol a call's callee resolves to (by the scanner), if any. */
  symbolAt(call: Extract<Expression, { type: 'call' }>): string | undefined;
  /** A layer constructed by this call expression, if it constructs one. */
  instanceFor(call: Extract<Expression, { type: 'call' }>, statement: Statement): LayerInstance | undefined;
  /** The layer stored in `self.<name>`, if any. */
  attribute(name: string): LayerInstance | undefined;
  /** A tensor made by a call that is not a layer (`keras.Input(shape=...)`), if this call makes one. */
  source(call: Extract<Expression, { type: 'call' }>, statement: Statement): Tensor | undefined;
  /** Applies a layer to tensors: records the input and returns the output. */
  apply(instance: LayerInstance, inputs: readonly Tensor[], statement: Statement): FlowValue;
  /** Layers that are functions of tensors (`layers.add([a, b])`): applied to the call's own arguments. */
  appliesWhenCalled(instance: LayerInstance): boolean;
}

export class Flow {
  readonly names = new Map<string, FlowValue>();
  returned: FlowValue | undefined;

  constructor(private readonly host: FlowHost) {}

  /** Runs statements in order; those indented deeper than the first are inside a branch or loop. */
  run(statements: readonly Statement[], parse: (statement: Statement) => SimpleStatement): void {
    const baseIndent = statements[0]?.indent ?? 0;
    for (const statement of statements) {
      const parsed = parse(statement);
      const conditional = statement.indent > baseIndent;
      if (parsed.kind === 'assign') {
        const value = this.evaluate(parsed.value, statement);
        for (const target of parsed.targets) this.bind(target, conditional ? blur(value) : value);
      } else if (parsed.kind === 'augmented') {
        const value = this.evaluate(parsed.value, statement);
        const name = dottedName(parsed.target);
        const current = name ? this.names.get(name) : undefined;
        if (name && current?.kind === 'tensor') {
          const sources = value.kind === 'tensor' ? union(current.sources, value.sources) : current.sources;
          this.names.set(name, tensor(conditional ? undefined : current.shape, sources));
        }
      } else if (parsed.kind === 'return') {
        if (parsed.value && !conditional && this.returned === undefined)
          this.returned = this.evaluate(parsed.value, statement);
      } else if (parsed.kind === 'expression') this.evaluate(parsed.value, statement);
      else this.forgetLoopTargets(statement);
    }
  }

  private forgetLoopTargets(statement: Statement): void {
    const tokens = statement.tokens;
    if (tokens[0]?.text !== 'for' && tokens[0]?.text !== 'with') return;
    for (const token of tokens)
      if (token.kind === 'name' && this.names.has(token.text))
        this.names.set(token.text, blur(this.names.get(token.text)!));
  }

  private bind(target: Expression, value: FlowValue): void {
    const name = dottedName(target);
    if (name && !name.includes('.')) {
      this.names.set(name, value);
      return;
    }
    if (target.type === 'tuple' || target.type === 'list') {
      target.items.forEach((item, i) =>
        this.bind(
          item,
          value.kind === 'tuple'
            ? (value.items[i] ?? OTHER)
            : value.kind === 'tensor'
              ? tensor(undefined, value.sources)
              : OTHER,
        ),
      );
    }
  }

  evaluate(expression: Expression, statement: Statement): FlowValue {
    switch (expression.type) {
      case 'name':
        return this.names.get(expression.id) ?? OTHER;
      case 'attribute': {
        if (expression.object.type === 'name' && expression.object.id === 'self') {
          const instance = this.host.attribute(expression.name);
          return instance ? { kind: 'layer', instance } : (this.names.get(`self.${expression.name}`) ?? OTHER);
        }
        return OTHER;
      }
      case 'tuple':
      case 'list':
        return { kind: 'tuple', items: expression.items.map((item) => this.evaluate(item, statement)) };
      case 'binary': {
        const left = this.evaluate(expression.left, statement);
        const right = this.evaluate(expression.right, statement);
        if (left.kind !== 'tensor' && right.kind !== 'tensor') return OTHER;
        const sources = union(
          left.kind === 'tensor' ? left.sources : new Set(),
          right.kind === 'tensor' ? right.sources : new Set(),
        );
        // Element-wise arithmetic keeps the shape when both sides agree (a residual `x + f(x)`), or with a scalar.
        const shape =
          left.kind === 'tensor' && right.kind === 'tensor'
            ? sameShape(left.shape, right.shape)
              ? left.shape
              : undefined
            : left.kind === 'tensor'
              ? left.shape
              : (right as Tensor).shape;
        return tensor(expression.operator === '@' ? undefined : shape, sources);
      }
      case 'subscript': {
        const object = this.evaluate(expression.object, statement);
        if (object.kind === 'tuple' && expression.index.type === 'number')
          return object.items[expression.index.value] ?? OTHER;
        return object.kind === 'tensor' ? tensor(undefined, object.sources) : OTHER;
      }
      case 'call':
        return this.call(expression, statement);
      default:
        return OTHER;
    }
  }

  private call(call: Extract<Expression, { type: 'call' }>, statement: Statement): FlowValue {
    const made = this.host.source(call, statement);
    if (made) return made;
    const constructed = this.host.instanceFor(call, statement);
    if (constructed && this.host.appliesWhenCalled(constructed)) {
      return this.host.apply(
        constructed,
        spreadTensors(call.positional.map((argument) => this.evaluate(argument, statement))),
        statement,
      );
    }
    if (constructed) return { kind: 'layer', instance: constructed };
    const callee =
      call.callee.type === 'call' || call.callee.type === 'attribute' || call.callee.type === 'name'
        ? this.calleeValue(call.callee, statement)
        : OTHER;
    const args = call.positional.map((argument) => this.evaluate(argument, statement));
    for (const value of Object.values(call.keyword)) this.evaluate(value, statement);
    if (callee.kind === 'layer') return this.host.apply(callee.instance, spreadTensors(args), statement);

    // A method of a tensor: `x.view(-1, 320)`, `x.flatten(1)`, `x.relu()`.
    if (call.callee.type === 'attribute') {
      const receiver = this.evaluate(call.callee.object, statement);
      if (receiver.kind === 'tensor') {
        const dims =
          call.positional.length === 1 && call.positional[0]!.type === 'tuple'
            ? (call.positional[0] as { items: Expression[] }).items
            : call.positional;
        const shape = methodOutput(
          call.callee.name,
          receiver.shape,
          dims.map((dim) => this.dimension(dim, statement)),
          this.plainArguments(call, statement, 0),
        );
        return tensor(shape, receiver.sources);
      }
    }
    const tensors = spreadTensors(args);
    if (tensors.length === 0) return OTHER;
    const symbol = this.host.symbolAt(call);
    const first = args[0]?.kind === 'tensor' ? args[0] : undefined;
    const shape =
      symbol && first ? functionOutput(symbol, first.shape, this.plainArguments(call, statement, 1)) : undefined;
    return tensor(shape, union(...tensors.map((t) => t.sources)));
  }

  private calleeValue(callee: Expression, statement: Statement): FlowValue {
    if (callee.type === 'call') return this.call(callee, statement);
    return this.evaluate(callee, statement);
  }

  /** The non-tensor arguments of a call, evaluated as values, without the first `skip` positional ones. */
  private plainArguments(call: Extract<Expression, { type: 'call' }>, statement: Statement, skip: number) {
    const evaluator = this.host.evaluator;
    return {
      positional: call.positional.slice(skip).map((argument) => evaluator.evaluate(argument, statement)),
      keyword: Object.fromEntries(
        Object.entries(call.keyword).map(([name, argument]) => [name, evaluator.evaluate(argument, statement)]),
      ),
    };
  }

  /** A dimension in `view`/`reshape`: a number, a name, or read from a tensor (`x.size(0)`, `x.shape[0]`). */
  private dimension(expression: Expression, statement: Statement): Size | undefined {
    const fromTensor = this.tensorDimension(expression, statement);
    if (fromTensor) return fromTensor;
    const value = this.host.evaluator.evaluate(expression, statement);
    if (value.kind === 'size' && isKnown(value.size)) return value.size;
    return undefined;
  }

  private tensorDimension(expression: Expression, statement: Statement): Size | undefined {
    let object: Expression | undefined;
    let index: Expression | undefined;
    if (
      expression.type === 'call' &&
      expression.callee.type === 'attribute' &&
      expression.callee.name === 'size' &&
      expression.positional.length === 1
    ) {
      object = expression.callee.object;
      index = expression.positional[0];
    } else if (
      expression.type === 'subscript' &&
      expression.object.type === 'attribute' &&
      expression.object.name === 'shape'
    ) {
      object = expression.object.object;
      index = expression.index;
    }
    if (!object || index?.type !== 'number') return undefined;
    const value = this.evaluate(object, statement);
    return value.kind === 'tensor' && value.shape ? value.shape.dims[index.value] : undefined;
  }
}

function spreadTensors(values: readonly FlowValue[]): Tensor[] {
  return values.flatMap((value) =>
    value.kind === 'tensor' ? [value] : value.kind === 'tuple' ? spreadTensors(value.items) : [],
  );
}

function blur(value: FlowValue): FlowValue {
  if (value.kind === 'tensor') return tensor(undefined, value.sources);
  return value.kind === 'layer' ? value : OTHER;
}

function sameShape(a: Shape | undefined, b: Shape | undefined): boolean {
  return !!a && !!b && a.dims.length === b.dims.length && a.dims.every((dim, i) => dim.text === b.dims[i]!.text);
}

export function union(...sets: ReadonlySet<LayerInstance>[]): Set<LayerInstance> {
  const result = new Set<LayerInstance>();
  for (const set of sets) for (const item of set) result.add(item);
  return result;
}
