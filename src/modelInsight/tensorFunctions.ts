// Shapes through the functions a forward pass calls between layers: activations and dropout keep the shape,
// pooling and flattening change it. Anything not listed gives an unknown shape, never a guessed one.
import { LayerArgs } from './layerSpec';
import { flattenShape, poolShape } from './torchLayers';
import { isKnown, known, type Size } from './size';
import { shapeOf, tfWindowOutput, UNKNOWN_DIM, type Shape } from './shapes';
import type { Value } from './values';

const ELEMENTWISE = [
  'relu',
  'relu6',
  'gelu',
  'silu',
  'swish',
  'elu',
  'selu',
  'celu',
  'leaky_relu',
  'sigmoid',
  'tanh',
  'softmax',
  'log_softmax',
  'softplus',
  'hardtanh',
  'hardswish',
  'mish',
  'dropout',
  'dropout1d',
  'dropout2d',
  'dropout3d',
  'alpha_dropout',
  'normalize',
  'softsign',
  'log_sigmoid',
];

const ELEMENTWISE_SYMBOLS = new Set([
  ...ELEMENTWISE.map((name) => `torch.nn.functional.${name}`),
  ...ELEMENTWISE.map((name) => `torch.${name}`),
  ...ELEMENTWISE.map((name) => `flax.linen.${name}`),
  ...ELEMENTWISE.map((name) => `flax.nnx.${name}`),
  ...ELEMENTWISE.map((name) => `jax.nn.${name}`),
  ...ELEMENTWISE.map((name) => `tensorflow.nn.${name}`),
  ...ELEMENTWISE.map((name) => `keras.activations.${name}`),
  ...ELEMENTWISE.map((name) => `keras.ops.${name}`),
  'tensorflow.sigmoid',
  'tensorflow.tanh',
  'tensorflow.math.sigmoid',
  'tensorflow.math.tanh',
]);

/** Tensor methods that return a tensor of the same shape. */
const SAME_SHAPE_METHODS = new Set([
  'relu',
  'sigmoid',
  'tanh',
  'softmax',
  'log_softmax',
  'contiguous',
  'float',
  'double',
  'half',
  'to',
  'cuda',
  'cpu',
  'clone',
  'detach',
  'exp',
  'abs',
  'clamp',
  'astype',
]);

export interface FunctionCall {
  /** Evaluated non-tensor arguments after the tensor, by position (the tensor itself removed) and keyword. */
  positional: readonly Value[];
  keyword: Readonly<Record<string, Value>>;
}

/** The output shape of a library function applied to a tensor; undefined when unknown. */
export function functionOutput(symbol: string, input: Shape | undefined, call: FunctionCall): Shape | undefined {
  if (ELEMENTWISE_SYMBOLS.has(symbol)) return input;
  const torchPool = /^torch\.nn\.functional\.(max|avg)_pool([123])d$/.exec(symbol);
  if (torchPool) {
    const signature =
      torchPool[1] === 'max'
        ? ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode']
        : ['kernel_size', 'stride', 'padding', 'ceil_mode'];
    return poolShape(new LayerArgs(signature, call.positional, call.keyword), input, Number(torchPool[2]));
  }
  const adaptive = /^torch\.nn\.functional\.adaptive_(?:max|avg)_pool([123])d$/.exec(symbol);
  if (adaptive && input) {
    const rank = Number(adaptive[1]);
    const wanted = new LayerArgs(['output_size'], call.positional, call.keyword).sizes('output_size', rank);
    return shapeOf([...input.dims.slice(0, input.dims.length - rank), ...wanted]);
  }
  if (symbol === 'torch.flatten') {
    const args = new LayerArgs(['start_dim', 'end_dim'], call.positional, call.keyword);
    return flattenShape(input, args.size('start_dim', 0), args.size('end_dim', -1));
  }
  if (symbol === 'flax.linen.max_pool' || symbol === 'flax.linen.avg_pool' || symbol === 'flax.linen.min_pool') {
    return flaxPool(input, new LayerArgs(['window_shape', 'strides', 'padding'], call.positional, call.keyword));
  }
  return undefined;
}

/** Flax pooling: strides default to 1 (not to the window), padding to 'VALID'; channels last. */
function flaxPool(input: Shape | undefined, args: LayerArgs): Shape | undefined {
  const window = args.get('window_shape');
  if (!input || window?.kind !== 'tuple' || input.dims.length !== window.items.length + 2) return undefined;
  const rank = window.items.length;
  const kernel = args.sizes('window_shape', rank);
  const strides = args.sizes('strides', rank, 1);
  const padding = args.text('padding', 'valid') ?? '?';
  const spatial = input.dims.slice(1, -1).map((length, i) => tfWindowOutput(length, kernel[i]!, strides[i]!, padding));
  return shapeOf([input.dims[0]!, ...spatial, input.dims[input.dims.length - 1]!]);
}

/**
 * The shape of `x.method(...)`: same-shape methods, `flatten`, and `view`/`reshape` with dimensions that are
 * known or read from the tensor itself (`x.size(0)`, `x.shape[0]`, `-1` inferred from the rest).
 */
export function methodOutput(
  method: string,
  input: Shape | undefined,
  dims: readonly (Size | undefined)[],
  call: FunctionCall,
): Shape | undefined {
  if (SAME_SHAPE_METHODS.has(method)) return input;
  if (method === 'flatten') {
    const args = new LayerArgs(['start_dim', 'end_dim'], call.positional, call.keyword);
    return flattenShape(input, args.size('start_dim', 0), args.size('end_dim', -1));
  }
  if (method === 'view' || method === 'reshape') return reshaped(input, dims);
  return undefined;
}

function reshaped(input: Shape | undefined, dims: readonly (Size | undefined)[]): Shape | undefined {
  if (dims.length === 0) return undefined;
  const result = dims.map((dim) => dim ?? UNKNOWN_DIM);
  const inferred = result.findIndex((dim) => dim.value === -1);
  if (inferred >= 0) {
    const total = input && input.dims.every(isKnown) ? input.dims.reduce((t, d) => t * d.value!, 1) : undefined;
    const rest = result.filter((_, i) => i !== inferred);
    const restKnown = rest.every(isKnown) ? rest.reduce((t, d) => t * d.value!, 1) : undefined;
    // Without a known batch, the flattened size still follows when the batch is kept as dimension 0.
    const keepsBatch = inferred === 1 && result.length === 2 && input && result[0] === input.dims[0];
    const perSample =
      keepsBatch && input.dims.slice(1).every(isKnown)
        ? input.dims.slice(1).reduce((t, d) => t * d.value!, 1)
        : undefined;
    result[inferred] =
      total !== undefined && restKnown
        ? known(total / restKnown)
        : perSample !== undefined
          ? known(perSample)
          : UNKNOWN_DIM;
  }
  return shapeOf(result);
}
