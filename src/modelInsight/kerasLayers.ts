// Keras layers (Keras 3 and tf.keras): weights are created when the layer first sees its input, so most
// counts need the input's last dimension, propagated from keras.Input or the previous layer. Channels last.
import type { LayerArgs, LayerResult, LayerSpec } from './layerSpec';
import {
  ANY_LEADING,
  flattenedSize,
  imageShape,
  lastDim,
  shapeOf,
  spatialDims,
  tfWindowOutput,
  UNKNOWN_DIM,
  withLast,
  type Shape,
} from './shapes';
import { isKnown, known, product, sum, unknown, type Size } from './size';
import type { Value } from './values';

const BATCH = unknown('None');
const ZERO = known(0);
/** The input's last dimension, or an unknown named for what it is. */
function inputFeatures(input: Shape | undefined, name = 'in_features'): Size {
  const last = lastDim(input);
  return last && isKnown(last) ? last : last && last.text !== '?' && last.text !== '*' ? last : unknown(name);
}

function bias(args: LayerArgs, size: Size, name = 'use_bias'): Size {
  const flag = args.flag(name, true);
  return flag === null ? unknown(`${name}?${size.text}`) : flag ? size : ZERO;
}

function passThrough(signature: readonly string[] = []): LayerSpec {
  return { signature, compute: (_args, input) => ({ trainable: ZERO, output: input }) };
}

const CONV_SIGNATURE = [
  'filters',
  'kernel_size',
  'strides',
  'padding',
  'data_format',
  'dilation_rate',
  'groups',
  'activation',
  'use_bias',
];

function channelsFirst(args: LayerArgs): boolean {
  return args.text('data_format', 'channels_last') === 'channels_first';
}

function conv(rank: number, transposed: boolean): LayerSpec {
  return {
    signature: transposed
      ? [
          'filters',
          'kernel_size',
          'strides',
          'padding',
          'output_padding',
          'data_format',
          'dilation_rate',
          'activation',
          'use_bias',
        ]
      : CONV_SIGNATURE,
    compute(args, input) {
      const first = channelsFirst(args);
      const filters = args.size('filters');
      const kernel = args.sizes('kernel_size', rank);
      const groups = args.size('groups', 1);
      const inChannels = channelOf(input, rank, first);
      const perGroup =
        groups.value === 1 || transposed
          ? inChannels
          : isKnown(inChannels) && isKnown(groups)
            ? known(inChannels.value / groups.value)
            : unknown(`${inChannels.text}/${groups.text}`);
      const trainable = sum(product(...kernel, perGroup, filters), bias(args, filters));
      const strides = args.sizes('strides', rank, 1);
      const dilation = args.sizes('dilation_rate', rank, 1);
      const padding = args.text('padding', 'valid') ?? '?';
      const spatial = spatialDims(input, rank, first).map((length, i) =>
        transposed
          ? deconvOutput(length, kernel[i]!, strides[i]!, padding, dilation[i]!)
          : tfWindowOutput(length, kernel[i]!, strides[i]!, padding, dilation[i]!),
      );
      return { trainable, output: imageShape(input?.dims[0] ?? BATCH, spatial, filters, first) };
    },
  };
}

function channelOf(input: Shape | undefined, rank: number, first: boolean): Size {
  if (!input || input.dims.length !== rank + 2) return unknown('in_channels');
  const channels = first ? input.dims[1]! : input.dims[input.dims.length - 1]!;
  return channels.text === '?' ? unknown('in_channels') : channels;
}

/** Keras' deconv_output_length without output_padding: 'valid' in*s + max(k - s, 0), 'same' in*s. */
function deconvOutput(input: Size, kernel: Size, stride: Size, padding: string, dilation: Size): Size {
  if (!isKnown(input) || !isKnown(kernel) || !isKnown(stride) || !isKnown(dilation)) return UNKNOWN_DIM;
  const k = kernel.value + (kernel.value - 1) * (dilation.value - 1);
  if (padding === 'same') return known(input.value * stride.value);
  if (padding === 'valid') return known(input.value * stride.value + Math.max(k - stride.value, 0));
  return UNKNOWN_DIM;
}

function depthwise(rank: number, separable: boolean): LayerSpec {
  return {
    signature: separable
      ? [
          'filters',
          'kernel_size',
          'strides',
          'padding',
          'data_format',
          'dilation_rate',
          'depth_multiplier',
          'activation',
          'use_bias',
        ]
      : [
          'kernel_size',
          'strides',
          'padding',
          'depth_multiplier',
          'data_format',
          'dilation_rate',
          'activation',
          'use_bias',
        ],
    compute(args, input) {
      const first = channelsFirst(args);
      const kernel = args.sizes('kernel_size', rank);
      const multiplier = args.size('depth_multiplier', 1);
      const inChannels = channelOf(input, rank, first);
      const depthwiseWeights = product(...kernel, inChannels, multiplier);
      const outChannels = separable ? args.size('filters') : product(inChannels, multiplier);
      const trainable = separable
        ? sum(depthwiseWeights, product(inChannels, multiplier, outChannels), bias(args, outChannels))
        : sum(depthwiseWeights, bias(args, outChannels));
      const strides = args.sizes('strides', rank, 1);
      const dilation = args.sizes('dilation_rate', rank, 1);
      const padding = args.text('padding', 'valid') ?? '?';
      const spatial = spatialDims(input, rank, first).map((length, i) =>
        tfWindowOutput(length, kernel[i]!, strides[i]!, padding, dilation[i]!),
      );
      return { trainable, output: imageShape(input?.dims[0] ?? BATCH, spatial, outChannels, first) };
    },
  };
}

/** SimpleRNN / LSTM / GRU: gates*(in*units + units*units) kernels and one bias per gate, two for GRU with reset_after. */
function recurrent(gates: number, gru = false): LayerSpec {
  return {
    signature: ['units', 'activation', 'recurrent_activation', 'use_bias'],
    compute(args, input) {
      const units = args.size('units');
      const useBias = args.flag('use_bias', true);
      const resetAfter = gru ? args.flag('reset_after', true) : false;
      const inFeatures = inputFeatures(input);
      const biases =
        useBias === false
          ? ZERO
          : useBias === null || resetAfter === null
            ? unknown(`bias?${units.text}`)
            : resetAfter
              ? product(known(2), units)
              : units;
      const perGate = sum(product(inFeatures, units), product(units, units), biases);
      return {
        trainable: gates === 1 ? perGate : product(known(gates), perGate),
        output: recurrentOutput(args, input, units),
      };
    },
  };
}

function recurrentOutput(args: LayerArgs, input: Shape | undefined, units: Size): Shape {
  const sequences = args.flag('return_sequences', false);
  if (sequences === null) return shapeOf([ANY_LEADING, units]);
  const batch = input?.dims[0] ?? BATCH;
  if (!sequences) return shapeOf([batch, units]);
  return input && input.dims.length === 3
    ? shapeOf([batch, input.dims[1]!, units])
    : shapeOf([batch, UNKNOWN_DIM, units]);
}

const bidirectional: LayerSpec = {
  signature: ['layer', 'merge_mode'],
  compute(args, input, all) {
    const inner = args.inner('layer');
    if (!inner) return { trainable: unknown('2*(wrapped layer)'), output: undefined };
    const result = inner(input, all);
    const mode = args.get('merge_mode')?.kind === 'none' ? 'none' : args.text('merge_mode', 'concat');
    const last = lastDim(result.output);
    const output =
      result.output && last
        ? mode === 'concat'
          ? withLast(result.output, product(known(2), last))
          : mode === 'none'
            ? undefined
            : result.output
        : undefined;
    return {
      trainable: product(known(2), result.trainable),
      nonTrainable: result.nonTrainable && product(known(2), result.nonTrainable),
      output,
    };
  },
};

const timeDistributed: LayerSpec = {
  signature: ['layer'],
  compute(args, input) {
    const inner = args.inner('layer');
    if (!inner) return { trainable: unknown('wrapped layer'), output: undefined };
    const stepInput = input && input.dims.length >= 3 ? shapeOf([input.dims[0]!, ...input.dims.slice(2)]) : undefined;
    const result = inner(stepInput, [stepInput]);
    const output =
      result.output && input ? shapeOf([input.dims[0]!, input.dims[1]!, ...result.output.dims.slice(1)]) : undefined;
    return { ...result, output };
  },
};

function normalisation(stats: boolean, signature: readonly string[]): LayerSpec {
  return {
    signature,
    compute(args, input) {
      const axis = args.get('axis');
      const lastAxis = axis === undefined || (axis.kind === 'size' && axis.size.value === -1);
      const channels = lastAxis ? inputFeatures(input, 'channels') : unknown('channels');
      const center = args.flag('center', true);
      const scale = args.flag('scale', true);
      const trainable =
        center === null || scale === null
          ? unknown(`(center + scale)*${channels.text}`)
          : product(known(Number(center) + Number(scale)), channels);
      return { trainable, nonTrainable: stats ? product(known(2), channels) : undefined, output: input };
    },
  };
}

/** MultiHeadAttention: query, key and value projections to num_heads*key_dim (value_dim), and the output projection. */
const multiHeadAttention: LayerSpec = {
  signature: ['num_heads', 'key_dim', 'value_dim', 'dropout', 'use_bias', 'output_shape'],
  compute(args, input, all) {
    const heads = args.size('num_heads');
    const keyDim = args.size('key_dim');
    const valueDim = args.has('value_dim') && args.get('value_dim')!.kind !== 'none' ? args.size('value_dim') : keyDim;
    const query = inputFeatures(input, 'query_dim');
    const value = all.length > 1 ? inputFeatures(all[1], 'value_dim_in') : query;
    const key = all.length > 2 ? inputFeatures(all[2], 'key_dim_in') : value;
    const outputShape = args.get('output_shape');
    const out = outputShape === undefined || outputShape.kind === 'none' ? query : args.size('output_shape');
    const projection = (features: Size, size: Size): Size =>
      sum(product(features, heads, size), bias(args, product(heads, size)));
    const trainable = sum(
      projection(query, keyDim),
      projection(key, keyDim),
      projection(value, valueDim),
      sum(product(heads, valueDim, out), bias(args, out)),
    );
    return { trainable, output: input ? withLast(input, out) : undefined };
  },
};

function pooling(rank: number): LayerSpec {
  return {
    signature: ['pool_size', 'strides', 'padding', 'data_format'],
    compute(args, input) {
      const first = channelsFirst(args);
      const window = args.sizes('pool_size', rank, 2);
      const strides =
        args.has('strides') && args.get('strides')!.kind !== 'none' ? args.sizes('strides', rank, 1) : window;
      const padding = args.text('padding', 'valid') ?? '?';
      if (!input || input.dims.length !== rank + 2) return { trainable: ZERO, output: undefined };
      const spatial = spatialDims(input, rank, first).map((length, i) =>
        tfWindowOutput(length, window[i]!, strides[i]!, padding),
      );
      const channels = first ? input.dims[1]! : input.dims[input.dims.length - 1]!;
      return { trainable: ZERO, output: imageShape(input.dims[0]!, spatial, channels, first) };
    },
  };
}

function globalPooling(rank: number): LayerSpec {
  return {
    signature: ['data_format', 'keepdims'],
    compute(args, input) {
      if (!input || input.dims.length !== rank + 2) return { trainable: ZERO, output: undefined };
      const first = channelsFirst(args);
      const channels = first ? input.dims[1]! : input.dims[input.dims.length - 1]!;
      const keep = args.flag('keepdims', false) === true;
      return {
        trainable: ZERO,
        output: keep
          ? imageShape(
              input.dims[0]!,
              Array.from({ length: rank }, () => known(1)),
              channels,
              first,
            )
          : shapeOf([input.dims[0]!, channels]),
      };
    },
  };
}

/** `keras.Input(shape=(28, 28, 1))`, `InputLayer(input_shape=...)`: the model's input with its batch dimension. */
export function kerasInputShape(args: LayerArgs): Shape | undefined {
  const batchShape = args.get('batch_shape') ?? args.get('batch_input_shape');
  if (batchShape?.kind === 'tuple')
    return shapeOf(batchShape.items.map((item, i) => valueDim(item, i === 0 ? BATCH : UNKNOWN_DIM)));
  const shape = args.get('shape') ?? args.get('input_shape');
  const batch = args.get('batch_size');
  const batchDim = batch?.kind === 'size' ? batch.size : BATCH;
  if (shape?.kind === 'tuple') return shapeOf([batchDim, ...shape.items.map((item) => valueDim(item, UNKNOWN_DIM))]);
  if (shape?.kind === 'size') return shapeOf([batchDim, shape.size]);
  return undefined;
}

function valueDim(value: Value, fallback: Size): Size {
  if (value.kind === 'size') return value.size;
  if (value.kind === 'none') return fallback === BATCH ? BATCH : unknown('None');
  return value.kind === 'unknown' && value.text !== '?' ? unknown(value.text) : fallback;
}

const input: LayerSpec = {
  signature: ['shape', 'batch_size', 'dtype'],
  compute: (args) => ({ trainable: ZERO, output: kerasInputShape(args) }),
};

const reshape: LayerSpec = {
  signature: ['target_shape'],
  compute(args, inputShape) {
    const target = args.get('target_shape');
    if (target?.kind !== 'tuple') return { trainable: ZERO, output: undefined };
    const dims = target.items.map((item) => valueDim(item, UNKNOWN_DIM));
    const inferred = dims.findIndex((dim) => dim.value === -1);
    if (inferred >= 0) {
      const total = inputShape ? flattenedSize(inputShape.dims.slice(1)) : UNKNOWN_DIM;
      const rest = flattenedSize(dims.filter((_, i) => i !== inferred));
      dims[inferred] =
        isKnown(total) && isKnown(rest) && rest.value > 0 ? known(total.value / rest.value) : UNKNOWN_DIM;
    }
    return { trainable: ZERO, output: shapeOf([inputShape?.dims[0] ?? BATCH, ...dims]) };
  },
};

const concatenate: LayerSpec = {
  signature: ['axis'],
  compute(args, _input, all) {
    const axis = args.size('axis', -1);
    const shapes = all.filter((shape): shape is Shape => shape !== undefined);
    if (axis.value !== -1 || shapes.length !== all.length || shapes.length === 0)
      return { trainable: ZERO, output: undefined };
    return {
      trainable: ZERO,
      output: withLast(shapes[0], sum(...shapes.map((shape) => lastDim(shape) ?? UNKNOWN_DIM))),
    };
  },
};

const mergeSameShape: LayerSpec = {
  signature: [],
  compute: (_args, _input, all) => ({ trainable: ZERO, output: all[0] }),
};

const embedding: LayerSpec = {
  signature: ['input_dim', 'output_dim'],
  compute(args, inputShape) {
    const dim = args.size('output_dim');
    return {
      trainable: product(args.size('input_dim'), dim),
      output: inputShape ? shapeOf([...inputShape.dims, dim]) : shapeOf([ANY_LEADING, dim]),
    };
  },
};

const dense: LayerSpec = {
  signature: ['units', 'activation', 'use_bias'],
  compute(args, inputShape): LayerResult {
    const units = args.size('units');
    return {
      trainable: sum(product(inputFeatures(inputShape), units), bias(args, units)),
      output: withLast(inputShape, units),
    };
  },
};

const flatten: LayerSpec = {
  signature: ['data_format'],
  compute: (_args, inputShape) => ({
    trainable: ZERO,
    output: inputShape ? shapeOf([inputShape.dims[0]!, flattenedSize(inputShape.dims.slice(1))]) : undefined,
  }),
};

const DROPOUT = [
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'SpatialDropout3D',
  'GaussianDropout',
  'AlphaDropout',
];
const PASS_THROUGH = [
  'GaussianNoise',
  'ActivityRegularization',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'ThresholdedReLU',
  'Rescaling',
  'Masking',
  'Identity',
  'RandomFlip',
  'RandomRotation',
  'RandomZoom',
  'RandomTranslation',
  'RandomContrast',
  'Lambda',
];

export const KERAS_LAYERS: ReadonlyMap<string, LayerSpec> = new Map<string, LayerSpec>([
  ['keras.layers.Dense', dense],
  ['keras.layers.Conv1D', conv(1, false)],
  ['keras.layers.Conv2D', conv(2, false)],
  ['keras.layers.Conv3D', conv(3, false)],
  ['keras.layers.Convolution2D', conv(2, false)],
  ['keras.layers.Conv1DTranspose', conv(1, true)],
  ['keras.layers.Conv2DTranspose', conv(2, true)],
  ['keras.layers.Conv3DTranspose', conv(3, true)],
  ['keras.layers.DepthwiseConv1D', depthwise(1, false)],
  ['keras.layers.DepthwiseConv2D', depthwise(2, false)],
  ['keras.layers.SeparableConv1D', depthwise(1, true)],
  ['keras.layers.SeparableConv2D', depthwise(2, true)],
  ['keras.layers.Embedding', embedding],
  ['keras.layers.SimpleRNN', recurrent(1)],
  ['keras.layers.LSTM', recurrent(4)],
  ['keras.layers.GRU', recurrent(3, true)],
  ['keras.layers.Bidirectional', bidirectional],
  ['keras.layers.TimeDistributed', timeDistributed],
  ['keras.layers.BatchNormalization', normalisation(true, ['axis', 'momentum', 'epsilon', 'center', 'scale'])],
  ['keras.layers.LayerNormalization', normalisation(false, ['axis', 'epsilon', 'center', 'scale'])],
  ['keras.layers.GroupNormalization', normalisation(false, ['groups', 'axis', 'epsilon', 'center', 'scale'])],
  ['keras.layers.MultiHeadAttention', multiHeadAttention],
  ['keras.layers.Flatten', flatten],
  ['keras.layers.Reshape', reshape],
  ['keras.layers.MaxPooling1D', pooling(1)],
  ['keras.layers.MaxPooling2D', pooling(2)],
  ['keras.layers.MaxPooling3D', pooling(3)],
  ['keras.layers.MaxPool2D', pooling(2)],
  ['keras.layers.AveragePooling1D', pooling(1)],
  ['keras.layers.AveragePooling2D', pooling(2)],
  ['keras.layers.AveragePooling3D', pooling(3)],
  ['keras.layers.AvgPool2D', pooling(2)],
  ['keras.layers.GlobalAveragePooling1D', globalPooling(1)],
  ['keras.layers.GlobalAveragePooling2D', globalPooling(2)],
  ['keras.layers.GlobalAveragePooling3D', globalPooling(3)],
  ['keras.layers.GlobalMaxPooling1D', globalPooling(1)],
  ['keras.layers.GlobalMaxPooling2D', globalPooling(2)],
  ['keras.layers.GlobalMaxPooling3D', globalPooling(3)],
  ['keras.layers.GlobalAvgPool2D', globalPooling(2)],
  ['keras.layers.Input', input],
  ['keras.Input', input],
  [
    'keras.layers.InputLayer',
    {
      signature: ['input_shape', 'batch_size', 'dtype'],
      compute: (args) => ({ trainable: ZERO, output: kerasInputShape(args) }),
    },
  ],
  ['keras.layers.Concatenate', concatenate],
  ['keras.layers.concatenate', { signature: ['inputs', 'axis'], compute: concatenate.compute }],
  ...[
    'Add',
    'Subtract',
    'Multiply',
    'Average',
    'Maximum',
    'Minimum',
    'add',
    'subtract',
    'multiply',
    'average',
    'maximum',
    'minimum',
  ].map((name): [string, LayerSpec] => [`keras.layers.${name}`, mergeSameShape]),
  ...PASS_THROUGH.map((name): [string, LayerSpec] => [`keras.layers.${name}`, passThrough()]),
  ...DROPOUT.map((name): [string, LayerSpec] => [`keras.layers.${name}`, passThrough(['rate', 'noise_shape', 'seed'])]),
]);

/** Layers that are functions of tensors (`layers.add([a, b])`), not constructors: applied where they are called. */
export const KERAS_FUNCTIONAL_MERGES = new Set(
  ['concatenate', 'add', 'subtract', 'multiply', 'average', 'maximum', 'minimum'].map((name) => `keras.layers.${name}`),
);
