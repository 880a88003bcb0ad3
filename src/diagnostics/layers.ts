// What a layer call builds, the same way for Keras and PyTorch: its kind, activation, width and bias.
import type { CallSite } from '../scanner/scanner';
import type { FileFacts } from './facts';

export type LayerKind = 'dense' | 'conv' | 'batchnorm' | 'dropout' | 'activation' | 'other';

export interface LayerInfo {
  kind: LayerKind;
  framework: 'keras' | 'torch';
  /** The activation the layer applies ('linear' for none); undefined when it cannot be read. */
  activation: string | undefined;
  /** The number of output units or channels, when written as a literal. */
  units: number | undefined;
  /** True when the layer is known to add a bias: the default, or `bias=True` written out; a bias set from a variable is not known. */
  bias: boolean;
}

/** PyTorch activation modules by class name, as the names Keras gives the same functions. */
const TORCH_ACTIVATIONS: ReadonlyMap<string, string> = new Map([
  ['ReLU', 'relu'],
  ['ReLU6', 'relu6'],
  ['LeakyReLU', 'leaky_relu'],
  ['PReLU', 'prelu'],
  ['ELU', 'elu'],
  ['SELU', 'selu'],
  ['CELU', 'celu'],
  ['GELU', 'gelu'],
  ['SiLU', 'silu'],
  ['Mish', 'mish'],
  ['Sigmoid', 'sigmoid'],
  ['Tanh', 'tanh'],
  ['Hardtanh', 'hard_tanh'],
  ['Hardsigmoid', 'hard_sigmoid'],
  ['Hardswish', 'hard_swish'],
  ['Softplus', 'softplus'],
  ['Softsign', 'softsign'],
  ['Softmax', 'softmax'],
  ['LogSoftmax', 'log_softmax'],
  ['LogSigmoid', 'log_sigmoid'],
]);
const KERAS_ACTIVATION_LAYERS: ReadonlyMap<string, string> = new Map([
  ['ReLU', 'relu'],
  ['LeakyReLU', 'leaky_relu'],
  ['PReLU', 'prelu'],
  ['ELU', 'elu'],
  ['Softmax', 'softmax'],
]);
/** Activation functions called on a tensor, by canonical symbol. */
export const ACTIVATION_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['tensorflow.nn.softmax', 'softmax'],
  ['tensorflow.math.softmax', 'softmax'],
  ['keras.activations.softmax', 'softmax'],
  ['keras.ops.softmax', 'softmax'],
  ['tensorflow.nn.log_softmax', 'log_softmax'],
  ['tensorflow.nn.sigmoid', 'sigmoid'],
  ['tensorflow.sigmoid', 'sigmoid'],
  ['tensorflow.math.sigmoid', 'sigmoid'],
  ['keras.activations.sigmoid', 'sigmoid'],
  ['keras.ops.sigmoid', 'sigmoid'],
  ['torch.softmax', 'softmax'],
  ['torch.nn.functional.softmax', 'softmax'],
  ['torch.special.softmax', 'softmax'],
  ['torch.log_softmax', 'log_softmax'],
  ['torch.nn.functional.log_softmax', 'log_softmax'],
  ['torch.special.log_softmax', 'log_softmax'],
  ['torch.sigmoid', 'sigmoid'],
  ['torch.nn.functional.sigmoid', 'sigmoid'],
  ['torch.special.expit', 'sigmoid'],
  ['torch.relu', 'relu'],
  ['torch.nn.functional.relu', 'relu'],
  ['tensorflow.nn.relu', 'relu'],
  ['jax.nn.softmax', 'softmax'],
  ['jax.nn.log_softmax', 'log_softmax'],
  ['jax.nn.sigmoid', 'sigmoid'],
  ['flax.linen.softmax', 'softmax'],
  ['flax.linen.log_softmax', 'log_softmax'],
  ['flax.linen.sigmoid', 'sigmoid'],
]);
/** Tensor methods that apply an activation: `logits.softmax(dim=-1)`. */
export const ACTIVATION_METHODS: ReadonlyMap<string, string> = new Map([
  ['softmax', 'softmax'],
  ['log_softmax', 'log_softmax'],
  ['sigmoid', 'sigmoid'],
]);

/** Layers without an activation argument output raw values; others (LSTM's tanh, Reshape) pass on or add their own. */
const KERAS_LINEAR_BY_DEFAULT = /^keras\.layers\.(Dense|EinsumDense|(Separable|Depthwise)?Conv[123]D(Transpose)?)$/;
const KERAS_CONV = /^keras\.layers\.(Separable|Depthwise)?Conv[123]D(Transpose)?$/;
const TORCH_DENSE = /^torch\.nn\.(Linear|LazyLinear)$/;
const TORCH_CONV = /^torch\.nn\.(Lazy)?Conv(Transpose)?[123]d$/;
const TORCH_BATCHNORM = /^torch\.nn\.(Lazy)?BatchNorm[123]d$/;
const TORCH_DROPOUT = /^torch\.nn\.(Dropout[123]?d?|AlphaDropout)$/;
const KERAS_DROPOUT = /^keras\.layers\.(Dropout|SpatialDropout[123]D|AlphaDropout|GaussianDropout)$/;
/** Keras layers that take their activation positionally: `Dense(10, 'softmax')`, `Activation('relu')`. */
const POSITIONAL_ACTIVATION: Readonly<Record<string, number>> = {
  'keras.layers.Activation': 0,
  'keras.layers.Dense': 1,
};

/** Describes a Keras or PyTorch layer construction; undefined for anything else. */
export function layerInfo(facts: FileFacts, call: CallSite): LayerInfo | undefined {
  const symbol = facts.canonical(call) ?? '';
  if (symbol.startsWith('keras.layers.')) return kerasLayer(call, symbol);
  if (/^torch\.nn\.[A-Z]/.test(symbol)) return torchLayer(call, symbol);
  return undefined;
}

function kerasLayer(call: CallSite, symbol: string): LayerInfo {
  const name = symbol.slice('keras.layers.'.length);
  const bias = addsBias(call.args.keyword.use_bias, undefined);
  // Keras 1 named the width output_dim (`Dense(output_dim=1)`), and code from that time is still posted.
  const units = literalInteger(
    call.args.keyword.units ?? call.args.keyword.filters ?? call.args.keyword.output_dim ?? call.args.positional[0],
  );
  const fixed = KERAS_ACTIVATION_LAYERS.get(name);
  if (fixed) return { kind: 'activation', framework: 'keras', activation: fixed, units: undefined, bias: false };
  if (name === 'BatchNormalization')
    return { kind: 'batchnorm', framework: 'keras', activation: 'linear', units: undefined, bias: false };
  if (KERAS_DROPOUT.test(symbol))
    return { kind: 'dropout', framework: 'keras', activation: 'linear', units: undefined, bias: false };
  const position = POSITIONAL_ACTIVATION[symbol];
  const value = call.args.keyword.activation ?? (position === undefined ? undefined : call.args.positional[position]);
  const written = value
    ?.replace(/^['"]|['"]$/g, '')
    .split('.')
    .pop();
  const activation =
    written && written !== 'None'
      ? normaliseActivation(written)
      : KERAS_LINEAR_BY_DEFAULT.test(symbol) || name === 'Activation'
        ? 'linear'
        : undefined;
  if (name === 'Activation')
    return { kind: 'activation', framework: 'keras', activation, units: undefined, bias: false };
  if (name === 'Dense' || name === 'EinsumDense') return { kind: 'dense', framework: 'keras', activation, units, bias };
  if (KERAS_CONV.test(symbol)) return { kind: 'conv', framework: 'keras', activation, units, bias };
  return { kind: 'other', framework: 'keras', activation, units: undefined, bias: false };
}

function addsBias(keyword: string | undefined, positional: string | undefined): boolean {
  const value = keyword ?? positional;
  return value === undefined || value === 'True';
}

function torchLayer(call: CallSite, symbol: string): LayerInfo {
  const name = symbol.slice('torch.nn.'.length);
  // Linear(in, out, bias) and Conv2d(in, out, kernel, stride, padding, dilation, groups, bias).
  const bias = addsBias(call.args.keyword.bias, call.args.positional[TORCH_DENSE.test(symbol) ? 2 : 7]);
  const activation = TORCH_ACTIVATIONS.get(name);
  if (activation) return { kind: 'activation', framework: 'torch', activation, units: undefined, bias: false };
  if (TORCH_DENSE.test(symbol)) {
    const units = literalInteger(call.args.keyword.out_features ?? call.args.positional[name === 'LazyLinear' ? 0 : 1]);
    return { kind: 'dense', framework: 'torch', activation: 'linear', units, bias };
  }
  if (TORCH_CONV.test(symbol))
    return {
      kind: 'conv',
      framework: 'torch',
      activation: 'linear',
      units: literalInteger(call.args.keyword.out_channels ?? call.args.positional[1]),
      bias,
    };
  if (TORCH_BATCHNORM.test(symbol))
    return { kind: 'batchnorm', framework: 'torch', activation: 'linear', units: undefined, bias: false };
  if (TORCH_DROPOUT.test(symbol))
    return { kind: 'dropout', framework: 'torch', activation: 'linear', units: undefined, bias: false };
  return { kind: 'other', framework: 'torch', activation: undefined, units: undefined, bias: false };
}

/** Keras spells some activations two ways (`'swish'` and `'silu'`, `'leaky_relu'` and `LeakyReLU`). */
function normaliseActivation(name: string): string {
  const lower = name.toLowerCase();
  return lower === 'swish' ? 'silu' : lower === 'leakyrelu' ? 'leaky_relu' : lower;
}

function literalInteger(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** True for activations that squash into probabilities, which losses expecting logits must not get. */
export function isProbabilityActivation(activation: string | undefined): activation is 'softmax' | 'sigmoid' {
  return activation === 'softmax' || activation === 'sigmoid';
}
