// Naming rules for resolved Python symbols: one canonical spelling per API, and its framework.

export type ScanFramework = 'pytorch' | 'tensorflow' | 'keras' | 'jax' | 'flax' | 'optax';

/** Equivalent module prefixes, rewritten to the spelling used in content/. Longest first. */
const CANONICAL_PREFIXES: readonly [string, string][] = [
  ['tensorflow.python.keras.', 'keras.'],
  ['tensorflow.keras.', 'keras.'],
  ['tf_keras.', 'keras.'],
  ['keras.src.', 'keras.'],
  ['keras.api.', 'keras.'],
];

export function canonicalSymbol(symbol: string): string {
  for (const [prefix, replacement] of CANONICAL_PREFIXES) {
    if (symbol.startsWith(prefix)) return replacement + symbol.slice(prefix.length);
  }
  return symbol;
}

export function frameworkOf(symbol: string): ScanFramework | undefined {
  const root = symbol.split('.')[0];
  switch (root) {
    case 'torch':
      return 'pytorch';
    case 'keras':
    case 'tf_keras':
      return 'keras';
    case 'tensorflow':
      return symbol.startsWith('tensorflow.keras.') || symbol.startsWith('tensorflow.python.keras.') ? 'keras' : 'tensorflow';
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
  ['tensorflow', 'tensorflow'],
  ['tf', 'tensorflow'],
  ['keras', 'keras'],
  ['jax', 'jax'],
  ['optax', 'optax'],
  ['flax', 'flax'],
]);

/** Keras accepts these strings in place of objects (`activation='relu'`, `optimizer='adam'`, `loss='mse'`). */
export const KERAS_STRING_IDENTIFIERS: Readonly<Record<'activation' | 'optimizer' | 'loss', Readonly<Record<string, string>>>> = {
  activation: {
    relu: 'keras.activations.relu',
    sigmoid: 'keras.activations.sigmoid',
    tanh: 'keras.activations.tanh',
    softmax: 'keras.activations.softmax',
    gelu: 'keras.activations.gelu',
    elu: 'keras.activations.elu',
    selu: 'keras.activations.selu',
    swish: 'keras.activations.swish',
    silu: 'keras.activations.silu',
    leaky_relu: 'keras.activations.leaky_relu',
    softsign: 'keras.activations.softsign',
    log_softmax: 'keras.activations.log_softmax',
  },
  optimizer: {
    adam: 'keras.optimizers.Adam',
    adamw: 'keras.optimizers.AdamW',
    sgd: 'keras.optimizers.SGD',
    rmsprop: 'keras.optimizers.RMSprop',
    adagrad: 'keras.optimizers.Adagrad',
  },
  loss: {
    mse: 'keras.losses.MeanSquaredError',
    mean_squared_error: 'keras.losses.MeanSquaredError',
    mae: 'keras.losses.MeanAbsoluteError',
    mean_absolute_error: 'keras.losses.MeanAbsoluteError',
    binary_crossentropy: 'keras.losses.BinaryCrossentropy',
    categorical_crossentropy: 'keras.losses.CategoricalCrossentropy',
    sparse_categorical_crossentropy: 'keras.losses.SparseCategoricalCrossentropy',
  },
};
