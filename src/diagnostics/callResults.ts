// What the result of a call has been through: an activation function (`F.softmax(z)`), or a model defined in the
// file whose forward()/call() ends in one (`pred = net(x)` where call() returns `tf.nn.softmax(x)`).
import type { CallSite } from '../scanner/scanner';
import type { Scope, Statement } from '../scanner/statements';
import type { Token } from '../scanner/tokenizer';
import { canonicalSymbol } from '../scanner/symbols';
import type { FileFacts } from './facts';
import { listItemStarts } from './layerSequences';
import { ACTIVATION_FUNCTIONS, ACTIVATION_METHODS, layerInfo } from './layers';

export interface ResultActivation {
  activation: string;
  /** The call that applies it: the activation itself, or the layer or function the model's forward pass ends with. */
  appliedBy: CallSite;
  /** True when the activation is the call itself rather than inside a model. */
  direct: boolean;
}

/** An output activation that applies only when a flag of forward()/call() has one value (`if not training: x = softmax(x)`). */
interface Condition {
  parameter: string;
  appliesWhen: boolean;
}

interface ModelOutput {
  activation: string;
  appliedBy: CallSite;
  method: Scope;
  condition?: Condition;
}

const FORWARD_METHODS = new Set(['forward', 'call', '__call__']);
const SEQUENTIAL = new Set(['keras.Sequential', 'keras.models.Sequential', 'torch.nn.Sequential']);
const TF1_LAYER = /^tensorflow\.compat\.v1\.layers\.(dense|conv[123]d)$/;

interface Index {
  assignments: Map<string, CallSite[]>;
  outputs: Map<string, ModelOutput | undefined>;
}

const indexes = new WeakMap<FileFacts, Index>();

function indexOf(facts: FileFacts): Index {
  let index = indexes.get(facts);
  if (!index) {
    const assignments = new Map<string, CallSite[]>();
    for (const call of facts.calls) {
      if (!call.assignedTo) continue;
      const list = assignments.get(call.assignedTo) ?? [];
      list.push(call);
      assignments.set(call.assignedTo, list);
    }
    index = { assignments, outputs: new Map() };
    indexes.set(facts, index);
  }
  return index;
}

/** The activation the value of `call` has been through, when the file shows it; undefined when unknown or none. */
export function resultActivation(facts: FileFacts, call: CallSite): ResultActivation | undefined {
  const own = activationCall(facts, call);
  if (own) return { activation: own, appliedBy: call, direct: true };
  if (call.symbol) return undefined;
  const index = indexOf(facts);
  // The model the callee names: every assignment to it must build the same class.
  const built = index.assignments.get(call.callee) ?? [];
  const classes = new Set(built.map((site) => site.callee));
  if (classes.size !== 1) return undefined;
  const constructor = built[0]!;
  if (SEQUENTIAL.has(facts.canonical(constructor) ?? '')) {
    const last = lastItem(facts, constructor);
    const activation = last ? layerInfo(facts, last)?.activation : undefined;
    return last && activation ? { activation, appliedBy: last, direct: false } : undefined;
  }
  if (constructor.symbol) return undefined;
  const output = modelOutput(facts, constructor.callee, index);
  if (!output || (output.condition && !conditionHolds(facts, output, call))) return undefined;
  return { activation: output.activation, appliedBy: output.appliedBy, direct: false };
}

/** `F.softmax(z)`, `tf.nn.sigmoid(z)`, `z.softmax(-1)`: the activation a call applies itself. */
export function activationCall(facts: FileFacts, call: CallSite): string | undefined {
  const symbol = facts.canonical(call);
  // TF1 `tf.layers.dense(x, 10, activation=tf.nn.softmax)` returns the activated tensor.
  if (symbol && TF1_LAYER.test(symbol))
    return ACTIVATION_FUNCTIONS.get(
      canonicalSymbol(call.args.keyword.activation?.replace(/^tf\./, 'tensorflow.') ?? ''),
    );
  if (symbol) return ACTIVATION_FUNCTIONS.get(symbol);
  const method = call.callee.split('.').pop()!;
  return call.callee.includes('.') ? ACTIVATION_METHODS.get(method) : undefined;
}

function lastItem(facts: FileFacts, sequential: CallSite): CallSite | undefined {
  const torch = facts.canonical(sequential) === 'torch.nn.Sequential';
  const list = torch
    ? undefined
    : (sequential.argumentRanges.keyword.layers ?? sequential.argumentRanges.positional[0]);
  const starts = list
    ? listItemStarts(facts, sequential, list)
    : sequential.argumentRanges.positional.map((range) => ({ line: range.startLine, column: range.startColumn }));
  const last = starts[starts.length - 1];
  return last ? facts.callAt(last.line, last.column) : undefined;
}

/** The activation the forward pass of an in-file model class ends with, found once per class. */
function modelOutput(facts: FileFacts, className: string, index: Index): ModelOutput | undefined {
  if (index.outputs.has(className)) return index.outputs.get(className);
  index.outputs.set(className, undefined);
  const header = facts.classHeaderNamed(className);
  const classScope = header ? facts.statements[header.index + 1]?.scope : undefined;
  if (
    !classScope ||
    classScope.kind !== 'class' ||
    !facts.derivesFrom(classScope, (base) => /(Module|Model)$/.test(base))
  )
    return undefined;
  let lastReturn: Statement | undefined;
  // `if self.training: return logits` before `return F.softmax(logits)`: which one the caller gets depends on a mode this check cannot see.
  let earlierReturn = false;
  for (let i = classScope.firstStatement; i <= classScope.lastStatement; i += 1) {
    const statement = facts.statements[i]!;
    if (
      statement.tokens[0]?.text !== 'return' ||
      statement.scope.parent !== classScope ||
      !FORWARD_METHODS.has(statement.scope.name)
    )
      continue;
    earlierReturn = lastReturn?.scope === statement.scope;
    lastReturn = statement;
  }
  const output =
    lastReturn && !earlierReturn ? expressionOutput(facts, lastReturn, 1, classScope, index, 0) : undefined;
  index.outputs.set(className, output);
  return output;
}

/** The activation of the expression starting at token `from` of a statement in forward()/call(), following `return x` to x's assignment. */
function expressionOutput(
  facts: FileFacts,
  statement: Statement,
  from: number,
  classScope: Scope,
  index: Index,
  depth: number,
): ModelOutput | undefined {
  const tokens = statement.tokens;
  const method = statement.scope;
  const first = tokens[from];
  if (!first || depth > 3) return undefined;
  if (first.kind === 'name' && tokens.length === from + 1) {
    for (let i = statement.index - 1; i >= method.firstStatement; i -= 1) {
      const earlier = facts.statements[i]!;
      if (earlier.scope !== method || earlier.tokens[0]?.text !== first.text || earlier.tokens[1]?.text !== '=')
        continue;
      const found = expressionOutput(facts, earlier, 2, classScope, index, depth + 1);
      const condition = conditionOf(facts, earlier, method);
      if (condition === null) return undefined;
      return found && { ...found, condition: found.condition ?? condition };
    }
    return undefined;
  }
  const call = facts.callAt(first.line, first.column);
  if (!call || !endsStatement(call, tokens)) return undefined;
  const own = activationCall(facts, call);
  if (own) return { activation: own, appliedBy: call, method };
  if (!call.callee.startsWith('self.')) return undefined;
  const layers = (index.assignments.get(call.callee) ?? []).filter((site) => site.scope.parent === classScope);
  if (layers.length !== 1) return undefined;
  const layer = SEQUENTIAL.has(facts.canonical(layers[0]!) ?? '') ? lastItem(facts, layers[0]!) : layers[0]!;
  const activation = layer ? layerInfo(facts, layer)?.activation : undefined;
  return layer && activation ? { activation, appliedBy: layer, method } : undefined;
}

function endsStatement(call: CallSite, tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1]!;
  return last.line === call.callRange.endLine && last.column + last.text.length === call.callRange.endColumn;
}

/**
 * The flag an assignment depends on: undefined when unconditional, the flag for `if training:` or
 * `if not is_training:`, and null for any other condition (which makes the output unknown).
 */
function conditionOf(facts: FileFacts, statement: Statement, method: Scope): Condition | undefined | null {
  const headers = facts.enclosingHeaders(statement.index).filter((header) => header.index >= method.firstStatement);
  if (headers.length === 0) return undefined;
  const [header] = headers;
  if (headers.length > 1 || !header) return null;
  const words = header.tokens.map((token) => token.text);
  if (words[0] !== 'if' || words[words.length - 1] !== ':') return null;
  const negated = words[1] === 'not';
  const condition = words.slice(negated ? 2 : 1, -1);
  return condition.length === 1 && /^[A-Za-z_]\w*$/.test(condition[0]!)
    ? { parameter: condition[0]!, appliesWhen: !negated }
    : null;
}

/** Whether a conditional output activation applies to this call of the model, from the flag's literal value. */
function conditionHolds(facts: FileFacts, output: ModelOutput, call: CallSite): boolean {
  const { parameter, appliesWhen } = output.condition!;
  const parameters = facts.parametersOf(output.method);
  const position = parameters.indexOf(parameter) - 1;
  const passed =
    call.args.keyword[parameter] ??
    (position >= 0 ? call.args.positional[position] : undefined) ??
    defaultOf(facts, output.method, parameter);
  if (passed !== 'True' && passed !== 'False') return false;
  return (passed === 'True') === appliesWhen;
}

function defaultOf(facts: FileFacts, method: Scope, parameter: string): string | undefined {
  const tokens = facts.headerOf(method)?.tokens ?? [];
  const at = tokens.findIndex((token, i) => token.text === parameter && tokens[i + 1]?.text === '=');
  return at >= 0 ? tokens[at + 2]?.text : undefined;
}
