// PyTorch layer classes: parameter counts as torch.nn builds its Parameters (buffers such as BatchNorm's
// running statistics are not parameters), and output shapes in PyTorch's channels-first layout.
import type { LayerArgs, LayerResult, LayerSpec } from './layerSpec';
import {
  ANY_LEADING,
  batchDim,
  flattenedSize,
  imageShape,
  shapeOf,
  spatialDims,
  transposedOutput,
  UNKNOWN_DIM,
  windowOutput,
  withLast,
  type Shape,
} from './shapes';
import { floorDivide, isKnown, known, product, sum, unknown, type Size } from './size';

const N = unknown('N');
const ZERO = known(0);

function linear(inFeatures: Size, outFeatures: Size, bias: boolean | null): Size {
  return sum(product(inFeatures, outFeatures), biasTerm(bias, outFeatures));
}

function biasTerm(bias: boolean | null, size: Size): Size {
  return bias === null ? unknown(`bias?${size.text}`) : bias ? size : ZERO;
}

function passThrough(signature: readonly string[] = []): LayerSpec {
  return { signature, compute: (_args, input) => ({ trainable: ZERO, output: input }) };
}

function conv(rank: number, transposed: boolean): LayerSpec {
  const signature = transposed
    ? [
        'in_channels',
        'out_channels',
        'kernel_size',
        'stride',
        'padding',
        'output_padding',
        'groups',
        'bias',
        'dilation',
      ]
    : ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias'];
  return {
    signature,
    compute(args, input) {
      const inChannels = args.size('in_channels');
      const outChannels = args.size('out_channels');
      const groups = args.size('groups', 1);
      const kernel = args.sizes('kernel_size', rank);
      // Conv weight: (out, in/groups, *k); transposed: (in, out/groups, *k).
      const grouped =
        groups.value === 1
          ? transposed
            ? outChannels
            : inChannels
          : floorDivide(transposed ? outChannels : inChannels, groups);
      const weight = transposed ? product(inChannels, grouped, ...kernel) : product(grouped, outChannels, ...kernel);
      const trainable = sum(weight, biasTerm(args.flag('bias', true), outChannels));
      const stride = args.sizes('stride', rank, 1);
      const dilation = args.sizes('dilation', rank, 1);
      const padding = args.padding('padding', rank, 0);
      const spatial = spatialDims(input, rank, true).map((length, i) => {
        if (transposed) {
          return Array.isArray(padding)
            ? transposedOutput(
                length,
                kernel[i]!,
                stride[i]!,
                padding[i]!,
                args.sizes('output_padding', rank, 0)[i]!,
                dilation[i]!,
              )
            : UNKNOWN_DIM;
        }
        if (padding === 'same') return length;
        const pad = padding === 'valid' ? ZERO : Array.isArray(padding) ? padding[i]! : undefined;
        return pad ? windowOutput(length, kernel[i]!, stride[i]!, pad, dilation[i]!) : UNKNOWN_DIM;
      });
      return { trainable, output: imageShape(batchDim(input, N), spatial, outChannels, true) };
    },
  };
}

function pool(rank: number, max: boolean): LayerSpec {
  const signature = max
    ? ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode']
    : ['kernel_size', 'stride', 'padding', 'ceil_mode'];
  return {
    signature,
    compute: (args, input) => ({ trainable: ZERO, output: poolShape(args, input, rank) }),
  };
}

/** Output of a max/avg pooling over the last `rank` dimensions; stride defaults to the window. */
export function poolShape(args: LayerArgs, input: Shape | undefined, rank: number): Shape | undefined {
  if (!input || input.dims.length < rank + 1) return input ? shapeOf(input.dims.map(() => UNKNOWN_DIM)) : undefined;
  const kernel = args.sizes('kernel_size', rank);
  const stride = args.get('stride')?.kind === 'none' || !args.has('stride') ? kernel : args.sizes('stride', rank, 1);
  const padding = args.sizes('padding', rank, 0);
  const dilation = args.sizes('dilation', rank, 1);
  const ceil = args.flag('ceil_mode', false) === true;
  const leading = input.dims.slice(0, input.dims.length - rank);
  const spatial = input.dims
    .slice(input.dims.length - rank)
    .map((length, i) => windowOutput(length, kernel[i]!, stride[i]!, padding[i]!, dilation[i]!, ceil));
  return shapeOf([...leading, ...spatial]);
}

function adaptivePool(rank: number): LayerSpec {
  return {
    signature: ['output_size'],
    compute(args, input) {
      if (!input || input.dims.length < rank + 1) return { trainable: ZERO, output: undefined };
      const wanted = args.sizes('output_size', rank);
      const leading = input.dims.slice(0, input.dims.length - rank);
      // `None` in output_size keeps the input's size.
      const value = args.get('output_size');
      const spatial = wanted.map((size, i) =>
        value?.kind === 'tuple' && value.items[i]?.kind === 'none' ? input.dims[leading.length + i]! : size,
      );
      return { trainable: ZERO, output: shapeOf([...leading, ...spatial]) };
    },
  };
}

const RNN_SIGNATURE = [
  'input_size',
  'hidden_size',
  'num_layers',
  'bias',
  'batch_first',
  'dropout',
  'bidirectional',
  'proj_size',
];

/** RNN/LSTM/GRU: per layer and direction gates*(in*h + h*h) weights and two biases (b_ih and b_hh) per gate. */
function recurrent(gates: number, signature: readonly string[] = RNN_SIGNATURE): LayerSpec {
  return {
    signature,
    returnsTuple: true,
    compute(args, input) {
      const inputSize = args.size('input_size');
      const hidden = args.size('hidden_size');
      const layers = args.size('num_layers', 1);
      const directions = args.flag('bidirectional', false);
      const bias = args.flag('bias', true);
      const projection = args.size('proj_size', 0);
      const hasProjection = !isKnown(projection) || projection.value > 0;
      const recurrentSize = hasProjection ? projection : hidden;
      if (!isKnown(layers) || directions === null) {
        return {
          trainable: unknown(
            `${layers.text} layers of ${gates}*(in*${hidden.text} + ${hidden.text}*${hidden.text} + 2*${hidden.text})`,
          ),
          output: undefined,
        };
      }
      const dirCount = directions ? 2 : 1;
      const terms: Size[] = [];
      for (let layer = 0; layer < layers.value; layer += 1) {
        const layerInput =
          layer === 0 ? inputSize : dirCount === 1 ? recurrentSize : product(known(dirCount), recurrentSize);
        const perDirection = sum(
          product(
            known(gates),
            sum(
              product(layerInput, hidden),
              product(recurrentSize, hidden),
              bias === false ? ZERO : bias === null ? unknown('biases?') : product(known(2), hidden),
            ),
          ),
          hasProjection ? product(recurrentSize, hidden) : ZERO,
        );
        terms.push(dirCount === 1 ? perDirection : product(known(2), perDirection));
      }
      const features = dirCount === 1 ? recurrentSize : product(known(2), recurrentSize);
      return { trainable: sum(...terms), output: withLast(input, features) };
    },
  };
}

function cell(gates: number): LayerSpec {
  return {
    signature: ['input_size', 'hidden_size', 'bias'],
    // LSTMCell returns (h, c); the others return h.
    returnsTuple: gates === 4,
    compute(args, input) {
      const inputSize = args.size('input_size');
      const hidden = args.size('hidden_size');
      const bias = args.flag('bias', true);
      const trainable = product(
        known(gates),
        sum(
          product(inputSize, hidden),
          product(hidden, hidden),
          bias === false ? ZERO : bias === null ? unknown('biases?') : product(known(2), hidden),
        ),
      );
      return { trainable, output: withLast(input, hidden) };
    },
  };
}

function batchNorm(): LayerSpec {
  return {
    signature: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'],
    compute(args, input) {
      const features = args.size('num_features');
      const affine = args.flag('affine', true);
      const tracked = args.flag('track_running_stats', true);
      return {
        trainable: affine === null ? unknown('affine?') : affine ? product(known(2), features) : ZERO,
        nonTrainable: tracked ? product(known(2), features) : ZERO,
        output: input,
      };
    },
  };
}

function instanceNorm(): LayerSpec {
  return {
    signature: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'],
    compute(args, input) {
      const features = args.size('num_features');
      const affine = args.flag('affine', false);
      const tracked = args.flag('track_running_stats', false);
      return {
        trainable: affine === null ? unknown('affine?') : affine ? product(known(2), features) : ZERO,
        nonTrainable: tracked ? product(known(2), features) : ZERO,
        output: input,
      };
    },
  };
}

/** MultiheadAttention: q, k, v projections (one packed 3E×E matrix when kdim = vdim = E), their biases, and out_proj. */
export function attentionParams(
  embed: Size,
  kdim: Size,
  vdim: Size,
  bias: boolean | null,
  biasKv: boolean | null,
): Size {
  const same = kdim.text === embed.text && vdim.text === embed.text;
  const weights = same
    ? product(known(3), embed, embed)
    : sum(product(embed, embed), product(embed, kdim), product(embed, vdim));
  const inBias = bias === false ? ZERO : product(known(3), embed);
  return sum(
    weights,
    inBias,
    product(embed, embed),
    bias === false ? ZERO : embed,
    biasKv ? product(known(2), embed) : ZERO,
  );
}

const multiheadAttention: LayerSpec = {
  returnsTuple: true,
  signature: [
    'embed_dim',
    'num_heads',
    'dropout',
    'bias',
    'add_bias_kv',
    'add_zero_attn',
    'kdim',
    'vdim',
    'batch_first',
  ],
  compute(args, input) {
    const embed = args.size('embed_dim');
    const kdim = args.get('kdim')?.kind === 'none' || !args.has('kdim') ? embed : args.size('kdim');
    const vdim = args.get('vdim')?.kind === 'none' || !args.has('vdim') ? embed : args.size('vdim');
    return {
      trainable: attentionParams(embed, kdim, vdim, args.flag('bias', true), args.flag('add_bias_kv', false)),
      output: input ?? shapeOf([ANY_LEADING, embed]),
    };
  },
};

function transformerLayer(decoder: boolean): LayerSpec {
  return {
    signature: [
      'd_model',
      'nhead',
      'dim_feedforward',
      'dropout',
      'activation',
      'layer_norm_eps',
      'batch_first',
      'norm_first',
      'bias',
    ],
    compute(args, input) {
      const model = args.size('d_model');
      const feedForward = args.size('dim_feedforward', 2048);
      const bias = args.flag('bias', true);
      const attention = attentionParams(model, model, model, bias, false);
      const norms = product(known(decoder ? 3 : 2), known(2), model);
      const trainable = sum(
        decoder ? product(known(2), attention) : attention,
        linear(model, feedForward, bias),
        linear(feedForward, model, bias),
        bias === false ? product(known(decoder ? 3 : 2), model) : norms,
      );
      return { trainable, output: input };
    },
  };
}

const flatten: LayerSpec = {
  signature: ['start_dim', 'end_dim'],
  compute(args, input) {
    return { trainable: ZERO, output: flattenShape(input, args.size('start_dim', 1), args.size('end_dim', -1)) };
  },
};

/** `torch.flatten(x, start, end)` and `nn.Flatten(start, end)`. */
export function flattenShape(input: Shape | undefined, start: Size, end: Size): Shape | undefined {
  if (!input || !isKnown(start) || !isKnown(end)) return undefined;
  const rank = input.dims.length;
  const from = start.value < 0 ? rank + start.value : start.value;
  const to = end.value < 0 ? rank + end.value : end.value;
  if (from < 0 || to >= rank || from > to) return undefined;
  return shapeOf([
    ...input.dims.slice(0, from),
    flattenedSize(input.dims.slice(from, to + 1)),
    ...input.dims.slice(to + 1),
  ]);
}

const ACTIVATIONS = [
  'ReLU',
  'ReLU6',
  'LeakyReLU',
  'ELU',
  'CELU',
  'SELU',
  'GELU',
  'SiLU',
  'Mish',
  'Sigmoid',
  'Tanh',
  'Softmax',
  'LogSoftmax',
  'Softmax2d',
  'Softplus',
  'Softsign',
  'Hardtanh',
  'Hardswish',
  'Hardsigmoid',
  'Tanhshrink',
  'Threshold',
  'LogSigmoid',
  'Identity',
];
/** Layers without parameters whose output shape is not followed here. */
const NO_PARAMETERS = [
  'Upsample',
  'UpsamplingNearest2d',
  'UpsamplingBilinear2d',
  'PixelShuffle',
  'PixelUnshuffle',
  'Unflatten',
  'ZeroPad1d',
  'ZeroPad2d',
  'ZeroPad3d',
  'ConstantPad1d',
  'ConstantPad2d',
  'ConstantPad3d',
  'ReflectionPad1d',
  'ReflectionPad2d',
  'ReflectionPad3d',
  'ReplicationPad1d',
  'ReplicationPad2d',
  'ReplicationPad3d',
  'CosineSimilarity',
  'PairwiseDistance',
  'ChannelShuffle',
  'LocalResponseNorm',
  'Fold',
  'Unfold',
  'CrossEntropyLoss',
  'NLLLoss',
  'MSELoss',
  'L1Loss',
  'SmoothL1Loss',
  'HuberLoss',
  'BCELoss',
  'BCEWithLogitsLoss',
  'KLDivLoss',
  'CTCLoss',
  'CosineEmbeddingLoss',
  'MarginRankingLoss',
  'TripletMarginLoss',
  'HingeEmbeddingLoss',
  'MultiLabelSoftMarginLoss',
  'PoissonNLLLoss',
  'GaussianNLLLoss',
];
const DROPOUT = ['Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout'];

export const TORCH_LAYERS: ReadonlyMap<string, LayerSpec> = new Map<string, LayerSpec>([
  [
    'torch.nn.Linear',
    {
      signature: ['in_features', 'out_features', 'bias'],
      compute: (args, input): LayerResult => ({
        trainable: linear(args.size('in_features'), args.size('out_features'), args.flag('bias', true)),
        output: withLast(input, args.size('out_features')),
      }),
    },
  ],
  [
    'torch.nn.Bilinear',
    {
      signature: ['in1_features', 'in2_features', 'out_features', 'bias'],
      compute: (args): LayerResult => ({
        trainable: sum(
          product(args.size('out_features'), args.size('in1_features'), args.size('in2_features')),
          biasTerm(args.flag('bias', true), args.size('out_features')),
        ),
        output: shapeOf([ANY_LEADING, args.size('out_features')]),
      }),
    },
  ],
  ['torch.nn.Conv1d', conv(1, false)],
  ['torch.nn.Conv2d', conv(2, false)],
  ['torch.nn.Conv3d', conv(3, false)],
  ['torch.nn.ConvTranspose1d', conv(1, true)],
  ['torch.nn.ConvTranspose2d', conv(2, true)],
  ['torch.nn.ConvTranspose3d', conv(3, true)],
  [
    'torch.nn.Embedding',
    {
      signature: ['num_embeddings', 'embedding_dim', 'padding_idx'],
      compute: (args, input): LayerResult => ({
        trainable: product(args.size('num_embeddings'), args.size('embedding_dim')),
        output: input
          ? shapeOf([...input.dims, args.size('embedding_dim')])
          : shapeOf([ANY_LEADING, args.size('embedding_dim')]),
      }),
    },
  ],
  [
    'torch.nn.EmbeddingBag',
    {
      signature: ['num_embeddings', 'embedding_dim'],
      compute: (args, input): LayerResult => ({
        trainable: product(args.size('num_embeddings'), args.size('embedding_dim')),
        output: shapeOf([batchDim(input, N), args.size('embedding_dim')]),
      }),
    },
  ],
  [
    'torch.nn.RNN',
    recurrent(1, [
      'input_size',
      'hidden_size',
      'num_layers',
      'nonlinearity',
      'bias',
      'batch_first',
      'dropout',
      'bidirectional',
    ]),
  ],
  ['torch.nn.LSTM', recurrent(4)],
  ['torch.nn.GRU', recurrent(3)],
  ['torch.nn.RNNCell', cell(1)],
  ['torch.nn.LSTMCell', cell(4)],
  ['torch.nn.GRUCell', cell(3)],
  ['torch.nn.BatchNorm1d', batchNorm()],
  ['torch.nn.BatchNorm2d', batchNorm()],
  ['torch.nn.BatchNorm3d', batchNorm()],
  ['torch.nn.InstanceNorm1d', instanceNorm()],
  ['torch.nn.InstanceNorm2d', instanceNorm()],
  ['torch.nn.InstanceNorm3d', instanceNorm()],
  [
    'torch.nn.LayerNorm',
    {
      signature: ['normalized_shape', 'eps', 'elementwise_affine', 'bias'],
      compute(args, input): LayerResult {
        const value = args.get('normalized_shape');
        const elements =
          value?.kind === 'tuple'
            ? product(...args.sizes('normalized_shape', value.items.length))
            : args.size('normalized_shape');
        const affine = args.flag('elementwise_affine', true);
        const bias = args.flag('bias', true);
        return { trainable: affine === false ? ZERO : sum(elements, bias === false ? ZERO : elements), output: input };
      },
    },
  ],
  [
    'torch.nn.GroupNorm',
    {
      signature: ['num_groups', 'num_channels', 'eps', 'affine'],
      compute: (args, input): LayerResult => ({
        trainable: args.flag('affine', true) === false ? ZERO : product(known(2), args.size('num_channels')),
        output: input,
      }),
    },
  ],
  ['torch.nn.MultiheadAttention', multiheadAttention],
  ['torch.nn.TransformerEncoderLayer', transformerLayer(false)],
  ['torch.nn.TransformerDecoderLayer', transformerLayer(true)],
  [
    'torch.nn.PReLU',
    {
      signature: ['num_parameters'],
      compute: (args, input): LayerResult => ({ trainable: args.size('num_parameters', 1), output: input }),
    },
  ],
  ['torch.nn.Flatten', flatten],
  [
    'torch.nn.Parameter',
    {
      signature: ['data', 'requires_grad'],
      compute(args): LayerResult {
        const data = args.get('data');
        const size = data?.kind === 'tensor' ? product(...data.dims) : unknown('parameter size');
        const trainable = args.flag('requires_grad', true);
        return {
          trainable: trainable === false ? ZERO : trainable === null ? unknown(`requires_grad?${size.text}`) : size,
          output: undefined,
        };
      },
    },
  ],
  ['torch.nn.MaxPool1d', pool(1, true)],
  ['torch.nn.MaxPool2d', pool(2, true)],
  ['torch.nn.MaxPool3d', pool(3, true)],
  ['torch.nn.AvgPool1d', pool(1, false)],
  ['torch.nn.AvgPool2d', pool(2, false)],
  ['torch.nn.AvgPool3d', pool(3, false)],
  ['torch.nn.AdaptiveAvgPool1d', adaptivePool(1)],
  ['torch.nn.AdaptiveAvgPool2d', adaptivePool(2)],
  ['torch.nn.AdaptiveAvgPool3d', adaptivePool(3)],
  ['torch.nn.AdaptiveMaxPool1d', adaptivePool(1)],
  ['torch.nn.AdaptiveMaxPool2d', adaptivePool(2)],
  ['torch.nn.AdaptiveMaxPool3d', adaptivePool(3)],
  ...ACTIVATIONS.map((name): [string, LayerSpec] => [`torch.nn.${name}`, passThrough()]),
  ...DROPOUT.map((name): [string, LayerSpec] => [`torch.nn.${name}`, passThrough(['p', 'inplace'])]),
  ...NO_PARAMETERS.map((name): [string, LayerSpec] => [
    `torch.nn.${name}`,
    { signature: [], compute: () => ({ trainable: ZERO, output: undefined }) },
  ]),
]);
