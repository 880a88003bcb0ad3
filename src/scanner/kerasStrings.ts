// Keras string identifiers in call arguments: `Dense(64, activation='relu')`, `Activation('relu')`,
// `Conv2D(32, 3, kernel_initializer='he_normal')`, `compile(optimizer='adam', loss=['mse', 'bce'])`.
import type { ParsedCall } from './calls';
import { kerasKeywordKind, kerasStringSymbol, type KerasStringKind } from './symbols';
import type { Token } from './tokenizer';

export interface StringIdentifier {
  token: Token;
  symbol: string;
}

/** Identifiers passed to a Keras layer (or any other Keras callable) named by `canonical`. */
export function layerStringIdentifiers(call: ParsedCall, canonical: string): StringIdentifier[] {
  const found = Object.entries(call.keywordTokens).flatMap(([keyword, value]) => {
    const kind = kerasKeywordKind(keyword);
    return kind ? identifiersIn(value, kind) : [];
  });
  // Some layers take their activations positionally: `Activation('relu')`, `Dense(64, 'relu')`, `LSTM(32, 'tanh', 'sigmoid')`.
  (POSITIONAL_ACTIVATIONS[canonical] ?? []).forEach((position) => {
    const value = call.positionalTokens[position];
    if (value) found.push(...identifiersIn(value, 'activation'));
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
  const [optimizer, loss] = call.positionalTokens;
  return [
    ...identifiersIn(call.keywordTokens.optimizer ?? optimizer ?? [], 'optimizer'),
    ...identifiersIn(call.keywordTokens.loss ?? loss ?? [], 'loss'),
  ];
}

function identifiersIn(value: readonly Token[], kind: KerasStringKind): StringIdentifier[] {
  return stringElements(value).flatMap((token) => {
    const literal = token.text.match(/^['"]([A-Za-z0-9_]+)['"]$/)?.[1];
    const symbol = literal ? kerasStringSymbol(kind, literal) : undefined;
    return symbol ? [{ token, symbol }] : [];
  });
}

/** The string literals that make up a value: the value itself, or the items of a list or tuple, or the values of a dict. */
function stringElements(value: readonly Token[]): Token[] {
  if (value.length === 1) return value[0]!.kind === 'string' ? [value[0]!] : [];
  const open = value[0];
  if (!open || open.kind !== 'op' || !'([{'.includes(open.text)) return [];
  const depth = open.depth + 1;
  return value.filter((token, i) => {
    if (token.kind !== 'string' || token.depth !== depth) return false;
    const before = value[i - 1]!.text;
    const after = value[i + 1]?.text ?? '';
    return ['(', '[', '{', ',', ':'].includes(before) && [',', ')', ']', '}'].includes(after);
  });
}
