// Keras string identifiers in call arguments: `Dense(64, activation='relu')`, `Activation('relu')`,
// `Conv2D(32, 3, kernel_initializer='he_normal')`, `compile(optimizer='adam', loss=['mse', 'bce'])`.
import { skipGroup, type ParsedCall, type TokenSpan } from './calls';
import { kerasKeywordKind, kerasStringSymbol, type KerasStringKind } from './symbols';
import type { Token } from './tokenizer';

export interface StringIdentifier {
  token: Token;
  symbol: string;
}

/** Identifiers passed to a Keras layer (or any other Keras callable) named by `canonical`. */
export function layerStringIdentifiers(call: ParsedCall, canonical: string): StringIdentifier[] {
  const found = Object.entries(call.keywordSpans).flatMap(([keyword, value]) => {
    const kind = kerasKeywordKind(keyword);
    return kind ? identifiersIn(call, value, kind) : [];
  });
  // Some layers take their activations positionally: `Activation('relu')`, `Dense(64, 'relu')`, `LSTM(32, 'tanh', 'sigmoid')`.
  (POSITIONAL_ACTIVATIONS[canonical] ?? []).forEach((position) => {
    const value = call.positionalSpans[position];
    if (value) for (const identifier of identifiersIn(call, value, 'activation')) found.push(identifier);
  });
  return found;
}

/** Positions of the activation arguments in the documented signatures (the same in tf.keras 2 and Keras 3). */
const POSITIONAL_ACTIVATIONS: Readonly<Record<string, readonly number[]>> = {
  'keras.layers.Activation': [0],
  'keras.layers.Dense': [1],
  'keras.layers.SimpleRNN': [1],
  'keras.layers.SimpleRNNCell': [1],
  'keras.layers.GRU': [1, 2],
  'keras.layers.GRUCell': [1, 2],
  'keras.layers.LSTM': [1, 2],
  'keras.layers.LSTMCell': [1, 2],
};

/**
 * Identifiers passed to `model.compile(...)`, by keyword or in the documented positions
 * `compile(optimizer, loss, ...)`: one string, or a list or dict of them for a multi-output model.
 */
export function compileStringIdentifiers(call: ParsedCall): StringIdentifier[] {
  const [optimizer, loss] = call.positionalSpans;
  const optimizerSpan = call.keywordSpans.optimizer ?? optimizer;
  const lossSpan = call.keywordSpans.loss ?? loss;
  return [
    ...(optimizerSpan ? identifiersIn(call, optimizerSpan, 'optimizer') : []),
    ...(lossSpan ? identifiersIn(call, lossSpan, 'loss') : []),
  ];
}

function identifiersIn(call: ParsedCall, value: TokenSpan, kind: KerasStringKind): StringIdentifier[] {
  return stringElements(call.tokens, value).flatMap((token) => {
    const literal = token.text.match(/^['"]([A-Za-z0-9_]+)['"]$/)?.[1];
    const symbol = literal ? kerasStringSymbol(kind, literal) : undefined;
    return symbol ? [{ token, symbol }] : [];
  });
}

/**
 * The string literals that make up a value: the value itself, or the items of a list or tuple, or the
 * values of a dict. Nested brackets are stepped over, not read.
 */
function stringElements(tokens: readonly Token[], value: TokenSpan): Token[] {
  const first = tokens[value.start];
  if (value.end - value.start === 1) return first!.kind === 'string' ? [first!] : [];
  if (!first || first.kind !== 'op' || !'([{'.includes(first.text)) return [];
  const elements: Token[] = [];
  for (let i = value.start + 1; i < value.end; i = skipGroup(tokens, i)) {
    const token = tokens[i]!;
    if (token.kind !== 'string') continue;
    const before = tokens[i - 1]!.text;
    const after = i + 1 < value.end ? tokens[i + 1]!.text : '';
    if (['(', '[', '{', ',', ':'].includes(before) && [',', ')', ']', '}'].includes(after)) elements.push(token);
  }
  return elements;
}
