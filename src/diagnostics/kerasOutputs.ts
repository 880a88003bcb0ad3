// The output layers of the Keras models in a file, and the activation each applies: what `from_logits`
// has to agree with. A softmax or sigmoid elsewhere (an attention or squeeze-excite block) is not an output.
import type { CallSite } from '../scanner/scanner';
import type { Scope } from '../scanner/statements';
import type { FileFacts } from './facts';
import { listItemStarts } from './layerSequences';
import { ACTIVATION_FUNCTIONS, layerInfo } from './layers';

const SEQUENTIAL = new Set(['keras.Sequential', 'keras.models.Sequential']);
const FUNCTIONAL_MODEL = new Set(['keras.Model', 'keras.models.Model']);
/** Wrappers whose output is the wrapped layer's (`TimeDistributed(Dense(10, activation='softmax'))`). */
const WRAPPERS = new Set(['keras.layers.TimeDistributed', 'keras.layers.Bidirectional']);
/** Layers without an activation argument output raw values; others (LSTM's tanh, Reshape, Dropout) pass on or add their own. */
const LINEAR_BY_DEFAULT = /^keras\.layers\.(Dense|EinsumDense|(Separable|Depthwise)?Conv[123]D(Transpose)?)$/;
export interface KerasOutput {
  layer: CallSite;
  /** The activation the output applies, 'linear' for raw logits; undefined when it cannot be read. */
  activation: string | undefined;
  /** The number of output units, when the output layer (or the layer an activation follows) states it. */
  units: number | undefined;
  /** The names the model is assigned to (`model` in `model = keras.Sequential(...)`), for pairing with `model.compile`. */
  names: string[];
  /** How many layers a `keras.Sequential([...])` list holds; undefined for other models. */
  layerCount?: number;
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
  const callAt: CallAt = (line, column) => facts.callAt(line, column);
  const outputs: { layer: CallSite | undefined; names: string[]; previous?: CallSite; layerCount?: number }[] = [];
  const lastAdded = new Map<string, { layer: CallSite; previous?: CallSite }>();

  for (const call of facts.calls) {
    if (insideCustomLayer(facts, call.scope)) continue;
    const symbol = facts.canonical(call) ?? '';
    const names = call.assignedTo ? [call.assignedTo] : [];
    if (SEQUENTIAL.has(symbol) && call.assignedTo) {
      // `model = keras.Sequential()` starts a new model under that name: the layers added so far belonged to the previous one.
      const previous = lastAdded.get(`${call.assignedTo}.add`);
      if (previous) outputs.push({ ...previous, names: [call.assignedTo] });
      lastAdded.delete(`${call.assignedTo}.add`);
    }
    if (SEQUENTIAL.has(symbol))
      for (const layer of lastListedLayer(facts, call, callAt)) outputs.push({ ...layer, names });
    else if (FUNCTIONAL_MODEL.has(symbol))
      for (const layer of functionalOutputs(facts, call, callAt)) outputs.push({ layer, names });
    else if (call.callee.endsWith('.add') && call.argumentRanges.positional.length === 1) {
      const start = call.argumentRanges.positional[0]!;
      const layer = callAt(start.startLine, start.startColumn);
      if (layer && isLayer(facts, layer))
        lastAdded.set(call.callee, { layer, previous: lastAdded.get(call.callee)?.layer });
    }
  }
  for (const [callee, added] of lastAdded) outputs.push({ ...added, names: [callee.slice(0, -'.add'.length)] });
  for (const output of subclassedOutputs(facts, callAt)) outputs.push(output);
  return outputs.flatMap(({ layer, names, previous, layerCount }) => {
    if (!layer) return [];
    const ownUnits = layerInfo(facts, layer)?.units;
    // `Dense(1)` then `Activation('softmax')`: the width is the previous layer's.
    const units =
      ownUnits ?? (previous && isActivationLayer(facts, layer) ? layerInfo(facts, previous)?.units : undefined);
    return [{ layer, activation: activationOf(facts, layer, callAt), units, names, layerCount }];
  });
}

function isActivationLayer(facts: FileFacts, call: CallSite): boolean {
  return layerInfo(facts, call)?.kind === 'activation';
}

type CallAt = (line: number, column: number) => CallSite | undefined;

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
  const value =
    call.args.keyword.activation ?? (positional === undefined ? undefined : call.args.positional[positional]);
  const name = value
    ?.replace(/^['"]|['"]$/g, '')
    .split('.')
    .pop();
  if (name && name !== 'None') return name;
  return symbol === 'keras.layers.Activation' || LINEAR_BY_DEFAULT.test(symbol) ? 'linear' : undefined;
}

/** `keras.Sequential([..., layers.Dense(10)])`: the layer written last in the list, if it is a layer call, and the one before it. */
function lastListedLayer(
  facts: FileFacts,
  sequential: CallSite,
  callAt: CallAt,
): { layer: CallSite; previous?: CallSite; layerCount: number }[] {
  const list = sequential.argumentRanges.keyword.layers ?? sequential.argumentRanges.positional[0];
  if (!list) return [];
  const layers = listItemStarts(facts, sequential, list).map((start) => callAt(start.line, start.column));
  const last = layers[layers.length - 1];
  if (!last || !isLayer(facts, last)) return [];
  const rest = facts.text.slice({
    startLine: last.callRange.endLine,
    startColumn: last.callRange.endColumn,
    endLine: list.endLine,
    endColumn: list.endColumn,
  });
  return /^(\s|,|#[^\n]*)*[\])]$/.test(rest)
    ? [{ layer: last, previous: layers[layers.length - 2], layerCount: layers.length }]
    : [];
}

/** `keras.Model(inputs, outputs)`: an inline layer call, or the latest assignment to each output name before the call. */
function functionalOutputs(facts: FileFacts, model: CallSite, callAt: CallAt): (CallSite | undefined)[] {
  const range = model.argumentRanges.keyword.outputs ?? model.argumentRanges.positional[1];
  if (!range) return [];
  const inline = callAt(range.startLine, range.startColumn);
  if (inline) return [inline];
  const names = facts.text
    .slice(range)
    .split(/[\s,[\](){}]+/)
    .filter((name) => /^[A-Za-z_]\w*$/.test(name));
  const assignments = simpleAssignments(facts);
  return names.map((name) => {
    let last: number | undefined;
    for (const index of assignments.get(`${model.scope.id}:${name}`) ?? [])
      if (index < model.statementIndex) last = index;
    const value = last === undefined ? undefined : facts.statements[last]!.tokens[2];
    return value ? callAt(value.line, value.column) : undefined;
  });
}

const assignmentsByFile = new WeakMap<FileFacts, Map<string, number[]>>();

/** The statements `name = ...` of the file, by scope and name, in file order; gathered once per file. */
function simpleAssignments(facts: FileFacts): Map<string, number[]> {
  let found = assignmentsByFile.get(facts);
  if (!found) {
    found = new Map();
    for (const statement of facts.statements) {
      const [target, operator] = statement.tokens;
      if (operator?.text !== '=' || target?.kind !== 'name') continue;
      const key = `${statement.scope.id}:${target.text}`;
      const indexes = found.get(key);
      if (indexes) indexes.push(statement.index);
      else found.set(key, [statement.index]);
    }
    assignmentsByFile.set(facts, found);
  }
  return found;
}

/** `return self.out(x)` or `return tf.nn.softmax(x)` in the call() of a keras.Model subclass; named by its instances. */
function subclassedOutputs(facts: FileFacts, callAt: CallAt): { layer: CallSite | undefined; names: string[] }[] {
  return facts.statements.flatMap((statement) => {
    const scope = statement.scope;
    const owner = scope.parent;
    const returned = statement.tokens[1];
    if (
      scope.kind !== 'function' ||
      scope.name !== 'call' ||
      owner?.kind !== 'class' ||
      statement.tokens[0]?.text !== 'return' ||
      !returned
    )
      return [];
    if (!facts.derivesFrom(owner, (base) => /Model$/.test(base))) return [];
    const names = facts.callsTo(owner.name).flatMap((call) => (call.assignedTo ? [call.assignedTo] : []));
    const call = callAt(returned.line, returned.column);
    if (!call?.callee.startsWith('self.')) return [{ layer: call, names }];
    return [{ layer: facts.callsAssignedTo(call.callee).find((layer) => isLayer(facts, layer)), names }];
  });
}

/** A Sequential or model built inside a custom Layer (a transformer block's feed-forward part) is not a model output. */
function insideCustomLayer(facts: FileFacts, scope: Scope): boolean {
  const owner = facts.enclosingClass(scope);
  return owner !== undefined && facts.derivesFrom(owner, (base) => /Layer$/.test(base));
}
