// PyTorch methods that stand for a concept: tensor methods such as `loss.backward()`, `logits.softmax(dim=-1)`
// and `h.relu()`, and the module methods `model.eval()` and `model.train()`. The receiver's type is unknown,
// so only calls shaped like the method's signature count (the scanner also requires the file to import torch).
import { spanTokens, type ParsedCall } from './calls';

/** The arguments each method accepts: none at all, no positional ones, only the dimension, or a mode flag. */
const TENSOR_METHODS: Readonly<Record<string, 'none' | 'keywords' | 'dimension' | 'mode'>> = {
  relu: 'none',
  sigmoid: 'none',
  tanh: 'none',
  backward: 'keywords',
  softmax: 'dimension',
  log_softmax: 'dimension',
  eval: 'none',
  train: 'mode',
};

const MODULE_METHODS = new Set(['eval', 'train']);

/** Receivers whose `train()` or `eval()` is their own (Hugging Face's Trainer, MMEngine's Runner...), not a module's. */
const NOT_A_MODULE = /(?:trainer|runner|engine|solver|learner|pipeline|tuner|evaluator)$/i;

export function isTensorMethodName(name: string): boolean {
  return Object.hasOwn(TENSOR_METHODS, name);
}

/**
 * The symbol meant by `receiver.method(...)`, such as torch.Tensor.softmax or torch.nn.Module.eval. `receiver`
 * is the dotted name before the method, or undefined when it is the result of a call or subscript
 * (`model(x).softmax(-1)`, `resnet18(weights=w).eval()`); `moduleMethods` is false when eval() and train()
 * may belong to another framework's modules.
 */
export function tensorMethodSymbol(
  method: string,
  receiver: string | undefined,
  call: ParsedCall,
  moduleMethods: boolean,
): string | undefined {
  const accepts = TENSOR_METHODS[method];
  // `self.relu(x)` calls a module attribute, reported where its class is constructed; `self.train()` may be a trainer's own method.
  if (!accepts || receiver === 'self' || receiver === 'cls') return undefined;
  const isModuleMethod = MODULE_METHODS.has(method);
  if (isModuleMethod && (!moduleMethods || (receiver !== undefined && NOT_A_MODULE.test(receiver)))) return undefined;
  const positional = call.positionalSpans;
  const keywords = Object.keys(call.keywordSpans);
  const fits =
    accepts === 'none'
      ? positional.length === 0 && keywords.length === 0
      : accepts === 'keywords'
        ? positional.length === 0
        : accepts === 'mode'
          ? isModeOnly(call, keywords)
          : isDimensionOnly(call, keywords);
  if (!fits) return undefined;
  return isModuleMethod ? `torch.nn.Module.${method}` : `torch.Tensor.${method}`;
}

/** `(-1)`, `(dim=1)` or either with `dtype=`: a module called on a tensor (`self.softmax(h)`) does not fit. */
function isDimensionOnly(call: ParsedCall, keywords: readonly string[]): boolean {
  const positional = call.positionalSpans;
  const others = keywords.filter((keyword) => keyword !== 'dtype');
  if (positional.length === 0) return others.length === 1 && others[0] === 'dim';
  const value = positional[0]!;
  // A dimension is one or two tokens (`1`, `- 1`); anything longer is not one, however long.
  if (positional.length !== 1 || others.length > 0 || value.end - value.start > 2) return false;
  return /^-?\d+$/.test(
    spanTokens(call, value)
      .map((token) => token.text)
      .join(''),
  );
}

/** Longest flag expression read, in tokens: `phase == 'train'` is 3, `not args.eval_only` is 5. */
const MAX_FLAG_TOKENS = 64;

/**
 * `train()`, `train(False)`, `train(mode=...)`, `train(phase == 'train')`, `train(args.is_training)`: a flag,
 * unlike `tokenizer.train(files)`, `net.train(train_loader)` or `word2vec.train(corpus, epochs=5)`.
 */
function isModeOnly(call: ParsedCall, keywords: readonly string[]): boolean {
  const positional = call.positionalSpans;
  if (positional.length === 0) return keywords.length === 0 || (keywords.length === 1 && keywords[0] === 'mode');
  if (positional.length > 1 || keywords.length > 0 || positional[0]!.end - positional[0]!.start > MAX_FLAG_TOKENS)
    return false;
  const flag = spanTokens(call, positional[0]!)
    .map((token) => token.text)
    .join(' ');
  return /^(?:True|False|not\b.*|.*[=!]=.*|(?:\w+ \. )*(?:is_)?(?:train|training|mode)(?:_mode)?)$/.test(flag);
}
