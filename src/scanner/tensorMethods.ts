// PyTorch tensor methods that stand for a concept: `loss.backward()`, `logits.softmax(dim=-1)`, `h.relu()`.
// The receiver's type is unknown, so only calls shaped like the method's signature count (the scanner
// also requires the file to import torch).
import type { ParsedCall } from './calls';
import type { Token } from './tokenizer';

/** The arguments each method accepts: none at all, no positional ones, or only the dimension. */
const TENSOR_METHODS: Readonly<Record<string, 'none' | 'keywords' | 'dimension'>> = {
  relu: 'none',
  sigmoid: 'none',
  tanh: 'none',
  backward: 'keywords',
  softmax: 'dimension',
  log_softmax: 'dimension',
};

export function isTensorMethodName(name: string): boolean {
  return Object.hasOwn(TENSOR_METHODS, name);
}

/**
 * The symbol meant by `receiver.method(...)`, such as torch.Tensor.softmax. `receiver` is the dotted
 * name before the method, or undefined when it is the result of a call or subscript (`model(x).softmax(-1)`).
 */
export function tensorMethodSymbol(method: string, receiver: string | undefined, call: ParsedCall): string | undefined {
  const accepts = TENSOR_METHODS[method];
  // `self.relu(x)` calls a module attribute, reported where its class is constructed.
  if (!accepts || receiver === 'self' || receiver === 'cls') return undefined;
  const positional = call.positionalTokens;
  const keywords = Object.keys(call.keywordTokens);
  const fits =
    accepts === 'none'
      ? positional.length === 0 && keywords.length === 0
      : accepts === 'keywords'
        ? positional.length === 0
        : isDimensionOnly(positional, keywords);
  return fits ? `torch.Tensor.${method}` : undefined;
}

/** `(-1)`, `(dim=1)` or either with `dtype=`: a module called on a tensor (`self.softmax(h)`) does not fit. */
function isDimensionOnly(positional: readonly Token[][], keywords: readonly string[]): boolean {
  const others = keywords.filter((keyword) => keyword !== 'dtype');
  if (positional.length === 0) return others.length === 1 && others[0] === 'dim';
  return positional.length === 1 && others.length === 0 && /^-?\d+$/.test(positional[0]!.map((token) => token.text).join(''));
}
