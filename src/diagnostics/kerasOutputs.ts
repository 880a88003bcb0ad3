// The output layers of the Keras models in a file, and the activation each applies: what `from_logits`
// has to agree with. A softmax or sigmoid elsewhere (an attention or squeeze-excite block) is not an output.
import type { CallSite } from '../scanner/scanner';
import type { Scope } from '../scanner/statements';
import type { FileFacts } from './facts';

const SEQUENTIAL = new Set(['keras.Sequential', 'keras.models.Sequential']);
const FUNCTIONAL_MODEL = new Set(['keras.Model', 'keras.models.Model']);
/** Wrappers whose output is the wrapped layer's (`TimeDistributed(Dense(10, activation='softmax'))`). */
const WRAPPERS = new Set(['keras.layers.TimeDistributed', 'keras.layers.Bidirectional']);
/** Layers without an activation argument output raw values; others (LSTM's tanh, Reshape, Dropout) pass on or add their own. */
const LINEAR_BY_DEFAULT = /^keras\.layers\.(Dense|EinsumDense|(Separable|Depthwise)?Conv[123]D(Transpose)?)$/;
/** Activation functions applied to a model's last tensor (`outputs = tf.nn.softmax(x)`, `return tf.sigmoid(x)`). */
const ACTIVATION_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['tensorflow.nn.softmax', 'softmax'],
  ['tensorflow.math.softmax', 'softmax'],
  ['keras.activations.softmax', 'softmax'],
  ['keras.ops.softmax', 'softmax'],
  ['tensorflow.nn.sigmoid', 'sigmoid'],
  ['tensorflow.sigmoid', 'sigmoid'],
  ['tensorflow.math.sigmoid', 'sigmoid'],
  ['keras.activations.sigmoid', 'sigmoid'],
  ['keras.ops.sigmoid', 'sigmoid'],
]);

export interface KerasOutput {
  layer: CallSite;
  /** The activation the output applies, 'linear' for raw logits; undefined when it cannot be read. */
  activation: string | undefined;
}

/**
 * Every model output this file defines and the analysis can identify: the last layer of a Sequential
 * list or of `model.add(...)` calls, the outputs of `keras.Model(inputs, outputs)`, and what a
 * subclassed model's call() returns.
 */
export function kerasOutputs(facts: FileFacts): readonly KerasOutput[] {
  // Two checks ask for the outputs of the same file in one run.
  let outputs = computed.get(facts);
  if (!outputs) computed.set(facts, (outputs = findOutputs(facts)));
  return outputs;
}

const computed = new WeakMap<FileFacts, readonly KerasOutput[]>();

function findOutputs(facts: FileFacts): KerasOutput[] {
  const byStart = new Map(facts.calls.map((call) => [startKey(call), call]));
  const callAt = (line: number, column: number) => byStart.get(`${line}:${column}`);
  const outputs: (CallSite | undefined)[] = [];
  const lastAdded = new Map<string, CallSite>();

  for (const call of facts.calls) {
    if (insideCustomLayer(facts, call.scope)) continue;
    const symbol = facts.canonical(call) ?? '';
    if (SEQUENTIAL.has(symbol)) outputs.push(...lastListedLayer(facts, call));
    else if (FUNCTIONAL_MODEL.has(symbol)) outputs.push(...functionalOutputs(facts, call, callAt));
    else if (call.callee.endsWith('.add') && call.argumentRanges.positional.length === 1) {
      const start = call.argumentRanges.positional[0]!;
      const layer = callAt(start.startLine, start.startColumn);
      if (layer && isLayer(facts, layer)) lastAdded.set(call.callee, layer);
    }
  }
  outputs.push(...lastAdded.values(), ...subclassedOutputs(facts, callAt));
  return outputs.flatMap((layer) => (layer ? [{ layer, activation: activationOf(facts, layer, callAt) }] : []));
}

type CallAt = (line: number, column: number) => CallSite | undefined;

function startKey(call: CallSite): string {
  return `${call.callRange.startLine}:${call.callRange.startColumn}`;
}

function isLayer(facts: FileFacts, call: CallSite): boolean {
  return facts.canonical(call)?.startsWith('keras.layers.') ?? false;
}

/** The activation a layer or activation function applies, 'linear' for none; undefined when unknown. */
function activationOf(facts: FileFacts, call: CallSite, callAt: CallAt): string | undefined {
  const symbol = facts.canonical(call) ?? '';
  const fn = ACTIVATION_FUNCTIONS.get(symbol);
  if (fn) return fn;
  if (!isLayer(facts, call)) return undefined;
  if (symbol === 'keras.layers.Softmax') return 'softmax';
  if (WRAPPERS.has(symbol)) {
    const inner = call.argumentRanges.positional[0];
    const wrapped = inner ? callAt(inner.startLine, inner.startColumn) : undefined;
    return wrapped ? activationOf(facts, wrapped, callAt) : undefined;
  }
  // Activation takes its function first, Dense second (`Dense(10, 'softmax')`).
  const positional = symbol === 'keras.layers.Activation' ? 0 : symbol === 'keras.layers.Dense' ? 1 : undefined;
  const value = call.args.keyword.activation ?? (positional === undefined ? undefined : call.args.positional[positional]);
  const name = value?.replace(/^['"]|['"]$/g, '').split('.').pop();
  if (name && name !== 'None') return name;
  return symbol === 'keras.layers.Activation' || LINEAR_BY_DEFAULT.test(symbol) ? 'linear' : undefined;
}

/** `keras.Sequential([..., layers.Dense(10)])`: the layer written last in the list, if it is a layer call. */
function lastListedLayer(facts: FileFacts, sequential: CallSite): CallSite[] {
  const list = sequential.argumentRanges.keyword.layers ?? sequential.argumentRanges.positional[0];
  if (!list || !/^[[(]/.test(facts.text.slice(list))) return [];
  const inside = facts.calls.filter((call) => isLayer(facts, call) && contains(list, call.callRange));
  const last = inside.sort((a, b) => b.callRange.endLine - a.callRange.endLine || b.callRange.endColumn - a.callRange.endColumn)[0];
  if (!last) return [];
  const rest = facts.text.slice({ startLine: last.callRange.endLine, startColumn: last.callRange.endColumn, endLine: list.endLine, endColumn: list.endColumn });
  return /^(\s|,|#[^\n]*)*[\])]$/.test(rest) ? [last] : [];
}

/** `keras.Model(inputs, outputs)`: an inline layer call, or the latest assignment to each output name before the call. */
function functionalOutputs(facts: FileFacts, model: CallSite, callAt: CallAt): (CallSite | undefined)[] {
  const range = model.argumentRanges.keyword.outputs ?? model.argumentRanges.positional[1];
  if (!range) return [];
  const inline = callAt(range.startLine, range.startColumn);
  if (inline) return [inline];
  const names = facts.text.slice(range).split(/[\s,[\](){}]+/).filter((name) => /^[A-Za-z_]\w*$/.test(name));
  return names.map((name) => {
    const assignment = facts.statements
      .slice(0, model.statementIndex)
      .filter((statement) => statement.scope === model.scope && statement.tokens[0]?.text === name && statement.tokens[1]?.text === '=')
      .pop();
    const value = assignment?.tokens[2];
    return value ? callAt(value.line, value.column) : undefined;
  });
}

/** `return self.out(x)` or `return tf.nn.softmax(x)` in the call() of a keras.Model subclass. */
function subclassedOutputs(facts: FileFacts, callAt: CallAt): (CallSite | undefined)[] {
  return facts.statements.flatMap((statement) => {
    const scope = statement.scope;
    const owner = scope.parent;
    const returned = statement.tokens[1];
    if (scope.kind !== 'function' || scope.name !== 'call' || owner?.kind !== 'class' || statement.tokens[0]?.text !== 'return' || !returned) return [];
    if (!facts.derivesFrom(owner, (base) => /Model$/.test(base))) return [];
    const call = callAt(returned.line, returned.column);
    if (!call?.callee.startsWith('self.')) return [call];
    return [facts.calls.find((layer) => layer.assignedTo === call.callee && isLayer(facts, layer))];
  });
}

/** A Sequential or model built inside a custom Layer (a transformer block's feed-forward part) is not a model output. */
function insideCustomLayer(facts: FileFacts, scope: Scope): boolean {
  const owner = facts.enclosingClass(scope);
  return owner !== undefined && facts.derivesFrom(owner, (base) => /Layer$/.test(base));
}

function contains(outer: CallSite['range'], inner: CallSite['range']): boolean {
  const before = (a: number, b: number, c: number, d: number) => a < c || (a === c && b <= d);
  return before(outer.startLine, outer.startColumn, inner.startLine, inner.startColumn) && before(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn);
}
