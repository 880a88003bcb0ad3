// Flax layers, both APIs. Linen modules (`nn.Dense(features)`) size their kernels from the input, like
// Keras; NNX modules (`nnx.Linear(in_features, out_features, rngs=...)`) are told both sizes, like PyTorch.
// Channels last. BatchNorm's running statistics live in the `batch_stats` collection, not in `params`.
import type { LayerArgs, LayerResult, LayerSpec } from './layerSpec';
import { ANY_LEADING, imageShape, lastDim, shapeOf, UNKNOWN_DIM, withLast, type Shape } from './shapes';
import { isKnown, known, product, sum, unknown, type Size } from './size';

const ZERO = known(0);

function features(input: Shape | undefined): Size {
  const last = lastDim(input);
  return last && last.text !== '?' && last.text !== '*' ? last : unknown('in_features');
}

function bias(args: LayerArgs, size: Size): Size {
  const flag = args.flag('use_bias', true);
  return flag === null ? unknown(`use_bias?${size.text}`) : flag ? size : ZERO;
}

function kernelRank(args: LayerArgs): number {
  const kernel = args.get('kernel_size');
  return kernel?.kind === 'tuple' ? kernel.items.length : 1;
}

/** Flax padding: 'SAME' (default) keeps ceil(in/s), 'VALID' ceil((in - d(k-1))/s), an int pads both sides. */
function convLength(
  args: LayerArgs,
  length: Size,
  kernel: Size,
  stride: Size,
  dilation: Size,
  rank: number,
  i: number,
): Size {
  const padding = args.padding('padding', rank, 'same');
  if (!isKnown(length) || !isKnown(kernel) || !isKnown(stride) || !isKnown(dilation)) return UNKNOWN_DIM;
  const span = dilation.value * (kernel.value - 1) + 1;
  if (padding === 'same' || padding === 'circular') return known(Math.ceil(length.value / stride.value));
  if (padding === 'valid') return known(Math.ceil((length.value - span + 1) / stride.value));
  if (Array.isArray(padding) && isKnown(padding[i]!))
    return known(Math.floor((length.value + 2 * padding[i]!.value! - span) / stride.value) + 1);
  return UNKNOWN_DIM;
}

function conv(nnx: boolean, transposed: boolean): LayerSpec {
  return {
    signature: nnx
      ? ['in_features', 'out_features', 'kernel_size', 'strides']
      : ['features', 'kernel_size', 'strides', 'padding'],
    compute(args, input) {
      const rank = kernelRank(args);
      const outFeatures = args.size(nnx ? 'out_features' : 'features');
      const inFeatures = nnx ? args.size('in_features') : features(input);
      const groups = args.size('feature_group_count', 1);
      const perGroup =
        groups.value === 1
          ? inFeatures
          : isKnown(inFeatures) && isKnown(groups)
            ? known(inFeatures.value / groups.value)
            : unknown(`${inFeatures.text}/${groups.text}`);
      const kernel = args.sizes('kernel_size', rank);
      const trainable = sum(product(...kernel, perGroup, outFeatures), bias(args, outFeatures));
      const strides = args.sizes('strides', rank, 1);
      const dilation = args.sizes('kernel_dilation', rank, 1);
      if (!input || input.dims.length !== rank + 2)
        return { trainable, output: input ? undefined : shapeOf([ANY_LEADING, outFeatures]) };
      const spatial = input.dims.slice(1, -1).map((length, i) => {
        if (!transposed) return convLength(args, length, kernel[i]!, strides[i]!, dilation[i]!, rank, i);
        const padding = args.text('padding', 'same');
        if (!isKnown(length) || !isKnown(strides[i]!) || !isKnown(kernel[i]!)) return UNKNOWN_DIM;
        if (padding === 'same') return known(length.value * strides[i]!.value!);
        return padding === 'valid'
          ? known(length.value * strides[i]!.value! + Math.max(kernel[i]!.value! - strides[i]!.value!, 0))
          : UNKNOWN_DIM;
      });
      return { trainable, output: imageShape(input.dims[0]!, spatial, outFeatures, false) };
    },
  };
}

function norm(nnx: boolean, stats: boolean, signature: readonly string[]): LayerSpec {
  return {
    signature,
    compute(args, input) {
      const channels = nnx ? args.size('num_features') : features(input);
      const scale = args.flag('use_scale', true);
      const center = args.flag('use_bias', true);
      const trainable =
        scale === null || center === null
          ? unknown(`(scale + bias)*${channels.text}`)
          : product(known(Number(scale) + Number(center)), channels);
      return { trainable, nonTrainable: stats ? product(known(2), channels) : undefined, output: input };
    },
  };
}

/** Linen LSTMCell: input kernels ii..io without bias, hidden kernels hi..ho with bias. */
function lstmCell(inFeatures: Size, hidden: Size): Size {
  return product(known(4), sum(product(inFeatures, hidden), product(hidden, hidden), hidden));
}

/** GRUCell: input kernels ir, iz, in with bias, hidden kernels hr, hz, hn without, except hn's bias. */
function gruCell(inFeatures: Size, hidden: Size): Size {
  return sum(product(known(3), sum(product(inFeatures, hidden), hidden)), product(known(3), hidden, hidden), hidden);
}

/** SimpleCell: input kernel with bias, hidden kernel without. */
function simpleCell(inFeatures: Size, hidden: Size): Size {
  return sum(product(inFeatures, hidden), hidden, product(hidden, hidden));
}

function linenCell(count: (inFeatures: Size, hidden: Size) => Size): LayerSpec {
  return {
    signature: ['features'],
    inputArgument: 1,
    returnsTuple: true,
    compute(args, input) {
      const hidden = args.size('features');
      return { trainable: count(features(input), hidden), output: withLast(input, hidden) };
    },
  };
}

function nnxCell(count: (inFeatures: Size, hidden: Size) => Size): LayerSpec {
  return {
    signature: ['in_features', 'hidden_features'],
    inputArgument: 1,
    returnsTuple: true,
    compute(args, input) {
      const hidden = args.size('hidden_features');
      return { trainable: count(args.size('in_features'), hidden), output: withLast(input, hidden) };
    },
  };
}

const dropout: LayerSpec = { signature: ['rate'], compute: (_args, input) => ({ trainable: ZERO, output: input }) };

/** `nn.RNN(cell)`: the cell scanned over time; the sequence keeps its length. */
const rnn: LayerSpec = {
  signature: ['cell'],
  compute(args, input) {
    const inner = args.inner('cell');
    if (!inner) return { trainable: unknown('wrapped cell'), output: undefined };
    const step = input && input.dims.length === 3 ? shapeOf([input.dims[0]!, input.dims[2]!]) : undefined;
    const result = inner(step, [undefined, step]);
    const last = lastDim(result.output);
    return { ...result, output: input && last ? withLast(input, last) : undefined };
  },
};

/** Linen MultiHeadDotProductAttention: q, k, v DenseGeneral to qkv_features (default: the query's), then out. */
const linenAttention: LayerSpec = {
  signature: ['num_heads'],
  compute(args, input, all) {
    const query = features(input);
    const keyValue = all.length > 1 && all[1] ? features(all[1]) : query;
    const qkv =
      args.has('qkv_features') && args.get('qkv_features')!.kind !== 'none' ? args.size('qkv_features') : query;
    const out =
      args.has('out_features') && args.get('out_features')!.kind !== 'none' ? args.size('out_features') : query;
    const projection = (inFeatures: Size, size: Size): Size => sum(product(inFeatures, size), bias(args, size));
    const trainable = sum(
      projection(query, qkv),
      projection(keyValue, qkv),
      projection(keyValue, qkv),
      projection(qkv, out),
    );
    return { trainable, output: input ? withLast(input, out) : undefined };
  },
};

export const FLAX_LAYERS: ReadonlyMap<string, LayerSpec> = new Map<string, LayerSpec>([
  [
    'flax.linen.Dense',
    {
      signature: ['features', 'use_bias'],
      compute: (args, input): LayerResult => ({
        trainable: sum(product(features(input), args.size('features')), bias(args, args.size('features'))),
        output: withLast(input, args.size('features')),
      }),
    },
  ],
  ['flax.linen.Conv', conv(false, false)],
  ['flax.linen.ConvTranspose', conv(false, true)],
  [
    'flax.linen.Embed',
    {
      signature: ['num_embeddings', 'features'],
      compute: (args, input): LayerResult => ({
        trainable: product(args.size('num_embeddings'), args.size('features')),
        output: input ? shapeOf([...input.dims, args.size('features')]) : shapeOf([ANY_LEADING, args.size('features')]),
      }),
    },
  ],
  ['flax.linen.BatchNorm', norm(false, true, ['use_running_average', 'axis', 'momentum', 'epsilon'])],
  ['flax.linen.LayerNorm', norm(false, false, ['epsilon'])],
  ['flax.linen.GroupNorm', norm(false, false, ['num_groups'])],
  ['flax.linen.Dropout', dropout],
  ['flax.linen.LSTMCell', linenCell(lstmCell)],
  ['flax.linen.OptimizedLSTMCell', linenCell(lstmCell)],
  ['flax.linen.GRUCell', linenCell(gruCell)],
  ['flax.linen.SimpleCell', linenCell(simpleCell)],
  ['flax.linen.RNN', rnn],
  ['flax.linen.MultiHeadDotProductAttention', linenAttention],
  ['flax.linen.MultiHeadAttention', linenAttention],
  ['flax.linen.SelfAttention', linenAttention],
  [
    'flax.nnx.Linear',
    {
      signature: ['in_features', 'out_features'],
      compute: (args, input): LayerResult => ({
        trainable: sum(
          product(args.size('in_features'), args.size('out_features')),
          bias(args, args.size('out_features')),
        ),
        output: withLast(input, args.size('out_features')),
      }),
    },
  ],
  ['flax.nnx.Conv', conv(true, false)],
  ['flax.nnx.ConvTranspose', conv(true, true)],
  [
    'flax.nnx.Embed',
    {
      signature: ['num_embeddings', 'features'],
      compute: (args, input): LayerResult => ({
        trainable: product(args.size('num_embeddings'), args.size('features')),
        output: input ? shapeOf([...input.dims, args.size('features')]) : shapeOf([ANY_LEADING, args.size('features')]),
      }),
    },
  ],
  ['flax.nnx.BatchNorm', norm(true, true, ['num_features'])],
  ['flax.nnx.LayerNorm', norm(true, false, ['num_features'])],
  ['flax.nnx.GroupNorm', norm(true, false, ['num_features', 'num_groups'])],
  ['flax.nnx.Dropout', dropout],
  ['flax.nnx.LSTMCell', nnxCell(lstmCell)],
  ['flax.nnx.OptimizedLSTMCell', nnxCell(lstmCell)],
  ['flax.nnx.GRUCell', nnxCell(gruCell)],
  ['flax.nnx.SimpleCell', nnxCell(simpleCell)],
]);
