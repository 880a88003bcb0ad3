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
  // The Activation layer takes its activation positionally.
  const first = call.positionalTokens[0];
  if (canonical === 'keras.layers.Activation' && first) found.push(...identifiersIn(first, 'activation'));
  return found;
}

/** Identifiers passed to `model.compile(...)`: one string, or a list or dict of them for a multi-output model. */
export function compileStringIdentifiers(call: ParsedCall): StringIdentifier[] {
  return [...identifiersIn(call.keywordTokens.optimizer ?? [], 'optimizer'), ...identifiersIn(call.keywordTokens.loss ?? [], 'loss')];
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
