// The loss and metrics each Keras `model.compile(...)` names, paired with the output layer of the model it compiles.
import type { CallSite, SourceRange } from '../scanner/scanner';
import type { FileFacts } from './facts';
import { kerasOutputs, type KerasOutput } from './kerasOutputs';

export type LossKind = 'categorical' | 'sparse-categorical' | 'binary' | 'regression';

export interface CompiledLoss {
  kind: LossKind;
  /** The loss as written: `'categorical_crossentropy'`, `keras.losses.MeanSquaredError()`. */
  text: string;
  range: SourceRange;
  fromLogits: boolean;
}

export interface Compilation {
  compile: CallSite;
  loss: CompiledLoss | undefined;
  /** True when the metrics name accuracy, which makes the model a classifier. */
  accuracy: boolean;
  output: KerasOutput | undefined;
}

/** Loss names as Keras accepts them in strings, function references and classes. */
const LOSS_NAMES: ReadonlyMap<string, LossKind> = new Map([
  ['categorical_crossentropy', 'categorical'],
  ['categoricalcrossentropy', 'categorical'],
  ['sparse_categorical_crossentropy', 'sparse-categorical'],
  ['sparsecategoricalcrossentropy', 'sparse-categorical'],
  ['binary_crossentropy', 'binary'],
  ['binarycrossentropy', 'binary'],
  ['mse', 'regression'],
  ['mean_squared_error', 'regression'],
  ['meansquarederror', 'regression'],
  ['mae', 'regression'],
  ['mean_absolute_error', 'regression'],
  ['meanabsoluteerror', 'regression'],
]);

const computed = new WeakMap<FileFacts, readonly Compilation[]>();

export function kerasCompilations(facts: FileFacts): readonly Compilation[] {
  let compilations = computed.get(facts);
  if (!compilations) computed.set(facts, (compilations = findCompilations(facts)));
  return compilations;
}

function findCompilations(facts: FileFacts): Compilation[] {
  const compiles = facts.calls.filter(
    (call) => call.callee.endsWith('.compile') && !call.symbol && call.callee !== 're.compile',
  );
  if (compiles.length === 0) return [];
  const outputs = kerasOutputs(facts);
  const byName = new Map<string, KerasOutput[]>();
  for (const output of outputs) {
    for (const name of output.names) {
      const list = byName.get(name);
      if (list) list.push(output);
      else byName.set(name, [output]);
    }
  }
  const sequentials = sequentialsByName(facts);
  return compiles.map((compile) => {
    const receiver = compile.callee.slice(0, -'.compile'.length);
    const metrics = compile.args.keyword.metrics ?? '';
    const accuracy = /['"](acc|accuracy|categorical_accuracy|binary_accuracy)['"]|Accuracy\(/.test(metrics);
    // `model = keras.Sequential([encoder, decoder])` replaces the model of that name, even when its output cannot be read.
    const latest = (sequentials.get(receiver) ?? [])
      .filter((call) => call.scope === compile.scope && call.statementIndex <= compile.statementIndex)
      .pop();
    // By the compiled name: the model built last before the compile in the same function, else any of that name;
    // a file with a single model compiles that one.
    const named = byName.get(receiver) ?? [];
    const before = named.filter(
      (candidate) =>
        candidate.layer.scope === compile.scope &&
        candidate.layer.statementIndex <= compile.statementIndex &&
        candidate.layer.statementIndex >= (latest?.statementIndex ?? 0),
    );
    if (latest && before.length === 0) return { compile, loss: lossOf(facts, compile), accuracy, output: undefined };
    const output =
      before.sort((a, b) => b.layer.statementIndex - a.layer.statementIndex)[0] ??
      named[0] ??
      (outputs.length === 1 ? outputs[0] : undefined);
    return { compile, loss: lossOf(facts, compile), accuracy, output };
  });
}

/** The `name = keras.Sequential(...)` calls of the file by name, in file order. */
function sequentialsByName(facts: FileFacts): Map<string, CallSite[]> {
  const byName = new Map<string, CallSite[]>();
  for (const call of facts.calls) {
    if (!call.assignedTo || !/^keras(\.models)?\.Sequential$/.test(facts.canonical(call) ?? '')) continue;
    const list = byName.get(call.assignedTo);
    if (list) list.push(call);
    else byName.set(call.assignedTo, [call]);
  }
  return byName;
}

function lossOf(facts: FileFacts, compile: CallSite): CompiledLoss | undefined {
  const text = compile.args.keyword.loss ?? compile.args.positional[1];
  const range = compile.argumentRanges.keyword.loss ?? compile.argumentRanges.positional[1];
  if (!text || !range) return undefined;
  // `loss='mse'`, `loss=['mse']` for the one output, or `loss=binary_crossentropy` imported from keras.losses.
  const literal =
    /^\[?\s*['"](\w+)['"]\s*,?\s*\]?$/.exec(text)?.[1] ??
    (LOSS_NAMES.has(text) && !facts.assignmentBefore(text, compile) ? text : undefined);
  if (literal) {
    const kind = LOSS_NAMES.get(literal.toLowerCase());
    return kind ? { kind, text, range, fromLogits: false } : undefined;
  }
  // `keras.losses.CategoricalCrossentropy(from_logits=True)`, `losses.mse`, or a name assigned one of those.
  const call =
    facts.callsStartingAt(range.startLine, range.startColumn)[0] ??
    (/^[A-Za-z_]\w*$/.test(text) ? facts.assignmentBefore(text, compile) : undefined);
  const symbol = call ? facts.canonical(call) : undefined;
  const reference = /^[\w.]+$/.test(text) ? text.split('.').pop()! : undefined;
  const name = symbol?.startsWith('keras.losses.')
    ? symbol.slice('keras.losses.'.length)
    : !call && /(^|\.)losses\.\w+$/.test(text)
      ? reference
      : undefined;
  const kind = name ? LOSS_NAMES.get(name.toLowerCase()) : undefined;
  if (!kind) return undefined;
  return { kind, text, range, fromLogits: call?.args.keyword.from_logits === 'True' };
}
