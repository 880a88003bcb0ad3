// The layers of a model in the order data flows through them: the items of `keras.Sequential([...])` and
// `nn.Sequential(...)`, successive `model.add(...)` calls, and Keras functional chains `x = layers.X(...)(x)`.
import type { CallSite, SourceRange } from '../scanner/scanner';
import type { Token } from '../scanner/tokenizer';
import type { FileFacts } from './facts';
import { layerInfo, type LayerInfo } from './layers';

export interface SequencedLayer {
  call: CallSite;
  info: LayerInfo;
}

const SEQUENTIAL = new Set(['keras.Sequential', 'keras.models.Sequential', 'torch.nn.Sequential']);

const computed = new WeakMap<FileFacts, readonly SequencedLayer[][]>();

/** Every run of layers the file builds; each inner list is in data-flow order, with unknown items breaking the run. */
export function layerSequences(facts: FileFacts): readonly SequencedLayer[][] {
  let sequences = computed.get(facts);
  if (!sequences) computed.set(facts, (sequences = findSequences(facts)));
  return sequences;
}

function findSequences(facts: FileFacts): SequencedLayer[][] {
  const sequences: (SequencedLayer | undefined)[][] = [];
  const added = new Map<string, (SequencedLayer | undefined)[]>();
  for (const call of facts.calls) {
    const symbol = facts.canonical(call) ?? '';
    if (SEQUENTIAL.has(symbol) && call.assignedTo) {
      // A new model under the same name: its `.add` calls start a new run.
      const key = `${call.scope.id}:${call.assignedTo}.add`;
      const run = added.get(key);
      if (run) sequences.push(run);
      added.delete(key);
    }
    if (SEQUENTIAL.has(symbol)) {
      const list =
        symbol === 'torch.nn.Sequential'
          ? undefined
          : (call.argumentRanges.keyword.layers ?? call.argumentRanges.positional[0]);
      const starts = list
        ? listItemStarts(facts, call, list)
        : call.argumentRanges.positional.map((range) => ({ line: range.startLine, column: range.startColumn }));
      sequences.push(starts.map((start) => sequenced(facts, facts.callAt(start.line, start.column))));
    } else if (call.callee.endsWith('.add') && !call.symbol && call.argumentRanges.positional.length === 1) {
      const start = call.argumentRanges.positional[0]!;
      const key = `${call.scope.id}:${call.callee}`;
      const run = added.get(key) ?? [];
      run.push(sequenced(facts, facts.callAt(start.startLine, start.startColumn)));
      added.set(key, run);
    }
  }
  sequences.push(...added.values(), ...functionalChains(facts));
  return sequences.flatMap(splitAtUnknown);
}

function sequenced(facts: FileFacts, call: CallSite | undefined): SequencedLayer | undefined {
  const info = call ? layerInfo(facts, call) : undefined;
  return call && info ? { call, info } : undefined;
}

function splitAtUnknown(run: readonly (SequencedLayer | undefined)[]): SequencedLayer[][] {
  const parts: SequencedLayer[][] = [[]];
  for (const item of run) {
    if (item) parts[parts.length - 1]!.push(item);
    else parts.push([]);
  }
  return parts.filter((part) => part.length > 1);
}

/** Where each item of the list literal at `list` starts (`[layers.Dense(8), layers.Dense(1)]`). */
export function listItemStarts(
  facts: FileFacts,
  call: CallSite,
  list: SourceRange,
): { line: number; column: number }[] {
  const tokens = facts.statements[call.statementIndex]!.tokens;
  const open = tokens.findIndex((token) => token.line === list.startLine && token.column === list.startColumn);
  if (open < 0 || !/^[[(]$/.test(tokens[open]!.text)) return [];
  const depth = tokens[open]!.depth + 1;
  const starts: { line: number; column: number }[] = [];
  let expecting = true;
  for (let i = open + 1; i < tokens.length && tokens[i]!.depth >= depth; i += 1) {
    const token = tokens[i]!;
    if (token.depth === depth && token.text === ',') expecting = true;
    else if (expecting) {
      starts.push({ line: token.line, column: token.column });
      expecting = false;
    }
  }
  return starts;
}

/**
 * `x = layers.Dense(64)(x)` followed by `x = layers.Dense(10)(x)`: consecutive statements in one scope,
 * each applying a layer to what the statement before it assigned.
 */
function functionalChains(facts: FileFacts): (SequencedLayer | undefined)[][] {
  const chains: (SequencedLayer | undefined)[][] = [];
  let current: (SequencedLayer | undefined)[] = [];
  let previous: { target: string; statementIndex: number } | undefined;
  for (const statement of facts.statements) {
    const applied = appliedLayer(facts, statement.tokens);
    const layer = applied ? sequenced(facts, applied.call) : undefined;
    const continues =
      applied && previous && previous.statementIndex === statement.index - 1 && applied.input === previous.target;
    if (!continues && current.length > 0) {
      chains.push(current);
      current = [];
    }
    if (applied && layer && layer.info.framework === 'keras') {
      current.push(layer);
      previous = { target: applied.target, statementIndex: statement.index };
    } else previous = undefined;
  }
  if (current.length > 0) chains.push(current);
  return chains;
}

/** `target = Layer(...)(input)` as the whole statement. */
function appliedLayer(
  facts: FileFacts,
  tokens: readonly Token[],
): { target: string; input: string; call: CallSite } | undefined {
  const [target, equals, head] = tokens;
  if (target?.kind !== 'name' || equals?.text !== '=' || !head) return undefined;
  const call = facts.callAt(head.line, head.column);
  if (!call) return undefined;
  const close = tokens.findIndex(
    (token) =>
      token.line === call.callRange.endLine &&
      token.column + token.text.length === call.callRange.endColumn &&
      token.text === ')',
  );
  const [open, input, end] = tokens.slice(close + 1);
  if (close < 0 || open?.text !== '(' || input?.kind !== 'name' || end?.text !== ')' || tokens.length !== close + 4)
    return undefined;
  return { target: target.text, input: input.text, call };
}
