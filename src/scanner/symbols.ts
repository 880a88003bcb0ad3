// Naming rules for resolved Python symbols: one canonical spelling per API, and its framework.

export type ScanFramework = 'pytorch' | 'tensorflow' | 'keras' | 'jax' | 'flax' | 'optax';

/**
 * Equivalent spellings of one API, rewritten to the one used in content/. Applied until none matches,
 * so `tensorflow.keras.optimizers.legacy.Adam` becomes `keras.optimizers.Adam` in two steps.
 */
const CANONICAL_REWRITES: readonly [RegExp, string][] = [
  [/^tensorflow\.python\.keras\./, 'keras.'],
  [/^tensorflow\.compat\.v[12]\.keras\./, 'keras.'],
  [/^tensorflow\.keras\./, 'keras.'],
  // TF1 losses that tf.keras never had; the rest of tf.losses (and tf.optimizers, tf.initializers) is tf.keras.
  [
    /^tensorflow\.(?:compat\.v1\.)?losses\.((?:sparse_)?softmax_cross_entropy|sigmoid_cross_entropy|mean_squared_error|huber_loss|absolute_difference)$/,
    'tensorflow.compat.v1.losses.$1',
  ],
  [/^tensorflow\.(optimizers|losses|initializers)\./, 'keras.$1.'],
  [/^tf_keras\./, 'keras.'],
  [/^keras\.(?:src|api)\./, 'keras.'],
  // Keras 2 module paths (`from keras.layers.core import Dense`) and renamed namespaces.
  [
    /^keras\.layers\.(?:core|convolutional|recurrent|normalization|pooling|embeddings|advanced_activations|wrappers|merge|noise)\./,
    'keras.layers.',
  ],
  [/^keras\.layers\.experimental\.(?:preprocessing\.)?/, 'keras.layers.'],
  [/^keras\.optimizers\.(?:legacy|experimental)\./, 'keras.optimizers.'],
  [/^keras\.utils\.np_utils\./, 'keras.utils.'],
  // TensorFlow 1 code spells tf.compat.v1 APIs without the prefix; v2 is the default namespace.
  [/^tensorflow\.(train|layers|nn\.rnn_cell)\./, 'tensorflow.compat.v1.$1.'],
  [/^tensorflow\.(\w+_initializer)$/, 'tensorflow.compat.v1.$1'],
  [/^tensorflow\.nn\.((?:bidirectional_)?dynamic_rnn)$/, 'tensorflow.compat.v1.nn.$1'],
  [
    /^tensorflow\.(?:compat\.v1\.)?nn\.softmax_cross_entropy_with_logits_v2$/,
    'tensorflow.nn.softmax_cross_entropy_with_logits',
  ],
  [/^tensorflow\.compat\.v2\./, 'tensorflow.'],
  // The rest of tf.compat.v1 is TensorFlow under the same names: `tf.compat.v1.nn.relu` is tf.nn.relu.
  [
    /^tensorflow\.compat\.v1\.(?!(?:train|layers|losses|keras)\.|nn\.(?:(?:dropout|dynamic_rnn|bidirectional_dynamic_rnn)$|rnn_cell\.)|\w+_initializer$)/,
    'tensorflow.',
  ],
  // Optax re-exports its submodules at the top level; nnx re-exports the linen initialisers.
  [/^optax\.(?:schedules|losses|transforms)\./, 'optax.'],
  [/^flax\.nnx\.initializers\./, 'flax.linen.initializers.'],
  // Both Flax APIs re-export their layers from submodules: `nn.attention.make_causal_mask`, `flax.nnx.nn.linear.Linear`.
  [
    /^flax\.linen\.(?:activation|attention|combinators|linear|normalization|pooling|recurrent|stochastic|module)\./,
    'flax.linen.',
  ],
  [/^flax\.nnx\.nn\.(?:(?!initializers\.)[a-z_]+\.)?/, 'flax.nnx.'],
  [/^jax\.experimental\.(stax|optimizers)\./, 'jax.example_libraries.$1.'],
  [/^torchvision\.transforms\.v2\./, 'torchvision.transforms.'],
  // torch.nn re-exports every layer class of its submodules (`torch.nn.modules.conv.Conv2d`).
  [/^torch\.nn\.modules\.(?:[a-z_]+\.)?(?=[A-Z]\w*$)/, 'torch.nn.'],
  [/^lightning\.pytorch\./, 'pytorch_lightning.'],
];

/** Scans look the same few hundred names up many times; the cache is dropped whenever it grows large. */
const canonicalCache = new Map<string, string>();

export function canonicalSymbol(symbol: string): string {
  const cached = canonicalCache.get(symbol);
  if (cached !== undefined) return cached;
  if (canonicalCache.size > 10_000) canonicalCache.clear();
  const canonical = rewriteToFixedPoint(symbol);
  canonicalCache.set(symbol, canonical);
  return canonical;
}

function rewriteToFixedPoint(symbol: string): string {
  let current = symbol;
  for (let changed = true; changed;) {
    changed = false;
    for (const [pattern, replacement] of CANONICAL_REWRITES) {
      const next = current.replace(pattern, replacement);
      if (next !== current) {
        current = next;
        changed = true;
      }
    }
  }
  return current;
}

export function frameworkOf(symbol: string): ScanFramework | undefined {
  const canonical = canonicalSymbol(symbol);
  // Most symbols start with their root and a dot: compare in place rather than split the name.
  if (canonical.startsWith('torch.')) return 'pytorch';
  if (canonical.startsWith('keras.')) return 'keras';
  const dot = canonical.indexOf('.');
  switch (dot < 0 ? canonical : canonical.slice(0, dot)) {
    case 'torch':
    case 'torchvision':
    case 'pytorch_lightning':
      return 'pytorch';
    case 'keras':
      return 'keras';
    case 'tensorflow':
      return 'tensorflow';
    case 'jax':
      return 'jax';
    case 'flax':
      return 'flax';
    case 'optax':
      return 'optax';
    default:
      return undefined;
  }
}

/**
 * Top-level package names that are unambiguous even in a snippet without imports (interview notes,
 * notebooks that import in another cell). `tf` is the universal alias of TensorFlow.
 */
export const IMPLICIT_ROOTS: ReadonlyMap<string, string> = new Map([
  ['torch', 'torch'],
  ['torchvision', 'torchvision'],
  ['tensorflow', 'tensorflow'],
  ['tf', 'tensorflow'],
  ['keras', 'keras'],
  ['jax', 'jax'],
  ['optax', 'optax'],
  ['flax', 'flax'],
]);

export type KerasStringKind = 'activation' | 'optimizer' | 'loss' | 'initializer' | 'regularizer' | 'constraint';

/** Keras accepts these strings in place of objects (`activation='relu'`, `optimizer='adam'`, `kernel_initializer='he_normal'`). */
const KERAS_STRING_IDENTIFIERS: Readonly<Record<KerasStringKind, Readonly<Record<string, string>>>> = {
  activation: {
    relu: 'keras.activations.relu',
    relu6: 'keras.activations.relu6',
    sigmoid: 'keras.activations.sigmoid',
    hard_sigmoid: 'keras.activations.hard_sigmoid',
    tanh: 'keras.activations.tanh',
    softmax: 'keras.activations.softmax',
    log_softmax: 'keras.activations.log_softmax',
    gelu: 'keras.activations.gelu',
    elu: 'keras.activations.elu',
    selu: 'keras.activations.selu',
    swish: 'keras.activations.swish',
    silu: 'keras.activations.silu',
    mish: 'keras.activations.mish',
    leaky_relu: 'keras.activations.leaky_relu',
    softsign: 'keras.activations.softsign',
    linear: 'keras.activations.linear',
  },
  optimizer: {
    adam: 'keras.optimizers.Adam',
    adamw: 'keras.optimizers.AdamW',
    nadam: 'keras.optimizers.Nadam',
    sgd: 'keras.optimizers.SGD',
    rmsprop: 'keras.optimizers.RMSprop',
    adagrad: 'keras.optimizers.Adagrad',
    adadelta: 'keras.optimizers.Adadelta',
  },
  loss: {
    mse: 'keras.losses.MeanSquaredError',
    mean_squared_error: 'keras.losses.MeanSquaredError',
    mae: 'keras.losses.MeanAbsoluteError',
    mean_absolute_error: 'keras.losses.MeanAbsoluteError',
    huber: 'keras.losses.Huber',
    huber_loss: 'keras.losses.Huber',
    bce: 'keras.losses.BinaryCrossentropy',
    binary_crossentropy: 'keras.losses.BinaryCrossentropy',
    categorical_crossentropy: 'keras.losses.CategoricalCrossentropy',
    sparse_categorical_crossentropy: 'keras.losses.SparseCategoricalCrossentropy',
  },
  initializer: {
    he_normal: 'keras.initializers.HeNormal',
    he_uniform: 'keras.initializers.HeUniform',
    glorot_normal: 'keras.initializers.GlorotNormal',
    glorot_uniform: 'keras.initializers.GlorotUniform',
    lecun_normal: 'keras.initializers.LecunNormal',
    lecun_uniform: 'keras.initializers.LecunUniform',
    zeros: 'keras.initializers.Zeros',
    zero: 'keras.initializers.Zeros',
    ones: 'keras.initializers.Ones',
    one: 'keras.initializers.Ones',
    constant: 'keras.initializers.Constant',
    random_normal: 'keras.initializers.RandomNormal',
    normal: 'keras.initializers.RandomNormal',
    random_uniform: 'keras.initializers.RandomUniform',
    uniform: 'keras.initializers.RandomUniform',
    truncated_normal: 'keras.initializers.TruncatedNormal',
    orthogonal: 'keras.initializers.Orthogonal',
    variance_scaling: 'keras.initializers.VarianceScaling',
  },
  regularizer: {
    l1: 'keras.regularizers.L1',
    l2: 'keras.regularizers.L2',
    l1_l2: 'keras.regularizers.L1L2',
  },
  constraint: {
    max_norm: 'keras.constraints.MaxNorm',
  },
};

/** Keras also accepts the class name ('HeNormal', 'MeanSquaredError'), so lookups ignore case and underscores. */
const normaliseIdentifier = (text: string): string => text.toLowerCase().replace(/_/g, '');

const NORMALISED_IDENTIFIERS = new Map(
  Object.entries(KERAS_STRING_IDENTIFIERS).map(([kind, table]) => [
    kind as KerasStringKind,
    new Map(Object.entries(table).map(([name, symbol]) => [normaliseIdentifier(name), symbol])),
  ]),
);

export function kerasStringSymbol(kind: KerasStringKind, identifier: string): string | undefined {
  return NORMALISED_IDENTIFIERS.get(kind)?.get(normaliseIdentifier(identifier));
}

/**
 * Which kind of string a Keras keyword argument takes, if any: `kernel_initializer` takes an initialiser,
 * and so does the bare `initializer` of `add_weight(...)`.
 */
export function kerasKeywordKind(keyword: string): KerasStringKind | undefined {
  if (keyword === 'activation' || keyword === 'recurrent_activation') return 'activation';
  const suffix = keyword.slice(keyword.lastIndexOf('_') + 1);
  if (suffix === 'initializer' || suffix === 'regularizer' || suffix === 'constraint') return suffix;
  return undefined;
}
