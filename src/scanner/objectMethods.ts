// Methods of the objects a training loop is built from: `optimizer.step()`, `scheduler.step()`,
// `scaler.step(optimizer)`, `tape.gradient(loss, vars)`, `model.fit(...)`, `state.apply_gradients(grads=g)`.
// The receiver is a user's variable, so its kind comes from what the file assigns to it
// (`optimizer = torch.optim.SGD(...)`, `with tf.GradientTape() as tape`) or, for a parameter or an
// attribute assigned elsewhere, from its name; either way the call must fit the method's signature.
import type { CallArguments } from './calls';

export type ObjectKind =
  | 'torch-optimizer'
  | 'torch-scheduler'
  | 'grad-scaler'
  | 'gradient-tape'
  | 'keras-optimizer'
  | 'keras-model'
  | 'flax-train-state'
  | 'nnx-optimizer'
  | 'optax-transformation'
  | 'torch-module';

/** The kind of object a constructor or factory returns, from its canonical symbol. */
export function objectKindOf(canonicalSymbol: string): ObjectKind | undefined {
  if (/^torch\.optim\.(?:lr_scheduler\.|swa_utils\.SWALR$)/.test(canonicalSymbol)) return 'torch-scheduler';
  if (/^torch\.optim\.[A-Z]\w*$/.test(canonicalSymbol)) return 'torch-optimizer';
  if (/^torch\.(?:cuda\.|cpu\.)?amp\.GradScaler$/.test(canonicalSymbol)) return 'grad-scaler';
  if (canonicalSymbol === 'tensorflow.GradientTape') return 'gradient-tape';
  if (/^keras\.optimizers\.[A-Z]\w*$/.test(canonicalSymbol)) return 'keras-optimizer';
  if (
    /^keras\.(?:Model|Sequential|models\.(?:Model|Sequential|load_model|clone_model)|saving\.load_model|applications\.\w+)$/.test(
      canonicalSymbol,
    )
  )
    return 'keras-model';
  if (/^flax\.training\.train_state\.TrainState(?:\.create)?$/.test(canonicalSymbol)) return 'flax-train-state';
  if (/^flax\.nnx\.(?:Optimizer|ModelAndOptimizer)$/.test(canonicalSymbol)) return 'nnx-optimizer';
  if (/^(?:torch\.nn\.[A-Z]\w*|torchvision\.models\.\w+)$/.test(canonicalSymbol)) return 'torch-module';
  if (
    /^optax\.(?:contrib\.)?[a-z]\w*$/.test(canonicalSymbol) &&
    !/^optax\.(?:apply_updates|\w*(?:loss|entropy|error|schedule)\w*)$/.test(canonicalSymbol)
  )
    return 'optax-transformation';
  return undefined;
}

/** The frameworks a file imports, which decide whose objects an untyped receiver may be. */
export interface FileFrameworks {
  torch: boolean;
  keras: boolean;
  tensorflow: boolean;
  flax: boolean;
  nnx: boolean;
  optax: boolean;
}

/** What a receiver's name suggests when nothing in the file assigns it (a function parameter, `self.opt`). */
const NAMED_KINDS: readonly [RegExp, ObjectKind[]][] = [
  [
    /optimi[sz]er|^opt(?:im)?(?:_|\d|[A-Z]|$)|_opt(?:im)?(?:_|\d|$)/,
    ['torch-optimizer', 'keras-optimizer', 'nnx-optimizer', 'optax-transformation'],
  ],
  [/sched/i, ['torch-scheduler']],
  [/scaler$/i, ['grad-scaler']],
  [/tape$/i, ['gradient-tape']],
  [/(?:model|net|classifier|regressor|encoder|decoder|discriminator|generator|critic|gan|vae)$/i, ['keras-model']],
  [/state$/i, ['flax-train-state']],
  // `model.zero_grad()`, `netD.zero_grad()`: any receiver in a torch file, since only modules and optimizers have it.
  [/^/, ['torch-module']],
];

type Fits = (args: CallArguments) => boolean;
const keywordsIn = (args: CallArguments, allowed: readonly string[]): boolean =>
  Object.keys(args.keyword).every((k) => allowed.includes(k));
const positionalAtMost =
  (count: number, keywords: readonly string[]): Fits =>
  (args) =>
    args.positional.length <= count && keywordsIn(args, keywords);
const hasAnyArgument: Fits = (args) => args.positional.length + Object.keys(args.keyword).length > 0;

const KERAS_FIT_KEYWORDS = [
  'x',
  'y',
  'batch_size',
  'epochs',
  'verbose',
  'callbacks',
  'validation_split',
  'validation_data',
  'shuffle',
  'class_weight',
  'sample_weight',
  'initial_epoch',
  'steps_per_epoch',
  'validation_steps',
  'validation_batch_size',
  'validation_freq',
];

interface MethodRule {
  symbol: string;
  fits: Fits;
  /** For a receiver known only by its name, whether the framework is in the file. */
  needs: keyof FileFrameworks;
}

const METHODS: Readonly<Record<ObjectKind, Readonly<Record<string, MethodRule>>>> = {
  'torch-optimizer': {
    zero_grad: {
      symbol: 'torch.optim.Optimizer.zero_grad',
      fits: positionalAtMost(0, ['set_to_none']),
      needs: 'torch',
    },
    step: { symbol: 'torch.optim.Optimizer.step', fits: positionalAtMost(1, ['closure']), needs: 'torch' },
  },
  'torch-scheduler': {
    step: {
      symbol: 'torch.optim.lr_scheduler.LRScheduler.step',
      fits: positionalAtMost(1, ['epoch', 'metrics']),
      needs: 'torch',
    },
  },
  'grad-scaler': {
    step: { symbol: 'torch.amp.GradScaler.step', fits: (args) => args.positional.length >= 1, needs: 'torch' },
    scale: { symbol: 'torch.amp.GradScaler.scale', fits: (args) => args.positional.length === 1, needs: 'torch' },
    unscale_: { symbol: 'torch.amp.GradScaler.unscale_', fits: (args) => args.positional.length === 1, needs: 'torch' },
    update: { symbol: 'torch.amp.GradScaler.update', fits: positionalAtMost(1, ['new_scale']), needs: 'torch' },
  },
  'gradient-tape': {
    gradient: {
      symbol: 'tensorflow.GradientTape.gradient',
      fits: (args) => args.positional.length + Object.keys(args.keyword).length >= 2,
      needs: 'tensorflow',
    },
  },
  'keras-optimizer': {
    apply_gradients: {
      symbol: 'keras.optimizers.Optimizer.apply_gradients',
      fits: (args) => args.positional.length === 1 || 'grads_and_vars' in args.keyword,
      needs: 'keras',
    },
  },
  'keras-model': {
    compile: {
      symbol: 'keras.Model.compile',
      fits: (args) =>
        ['optimizer', 'loss', 'metrics'].some((k) => k in args.keyword) || /^['"]/.test(args.positional[0] ?? ''),
      needs: 'keras',
    },
    fit: {
      symbol: 'keras.Model.fit',
      fits: (args) => hasAnyArgument(args) && keywordsIn(args, KERAS_FIT_KEYWORDS),
      needs: 'keras',
    },
    evaluate: {
      symbol: 'keras.Model.evaluate',
      fits: (args) =>
        keywordsIn(args, ['x', 'y', 'batch_size', 'verbose', 'sample_weight', 'steps', 'callbacks', 'return_dict']),
      needs: 'keras',
    },
    predict: {
      symbol: 'keras.Model.predict',
      fits: (args) => hasAnyArgument(args) && keywordsIn(args, ['x', 'batch_size', 'verbose', 'steps', 'callbacks']),
      needs: 'keras',
    },
    train_on_batch: { symbol: 'keras.Model.train_on_batch', fits: hasAnyArgument, needs: 'keras' },
    test_on_batch: { symbol: 'keras.Model.test_on_batch', fits: hasAnyArgument, needs: 'keras' },
  },
  'flax-train-state': {
    apply_gradients: {
      symbol: 'flax.training.train_state.TrainState.apply_gradients',
      fits: (args) => 'grads' in args.keyword,
      needs: 'flax',
    },
  },
  'nnx-optimizer': {
    update: {
      symbol: 'flax.nnx.Optimizer.update',
      fits: (args) => args.positional.length >= 1 && args.positional.length <= 2,
      needs: 'nnx',
    },
  },
  'torch-module': {
    zero_grad: { symbol: 'torch.nn.Module.zero_grad', fits: positionalAtMost(0, ['set_to_none']), needs: 'torch' },
  },
  'optax-transformation': {
    update: {
      symbol: 'optax.GradientTransformation.update',
      fits: (args) => args.positional.length >= 2,
      needs: 'optax',
    },
    init: { symbol: 'optax.GradientTransformation.init', fits: (args) => args.positional.length === 1, needs: 'optax' },
  },
};

/**
 * A class's own `self.step()` or `self.update()` is its own method; only `self.zero_grad()` is always the inherited
 * torch module method (a Keras model or LightningModule on the torch backend).
 */
const OWN_RECEIVERS = new Set(['self', 'cls']);

/**
 * The symbol for `receiver.method(args)`. `assigned` is what the file assigns to this receiver: an object kind,
 * 'other' when it holds an instance of another imported class (`x = torch.nn.Linear(...)`, `LogisticRegression()`),
 * or undefined when nothing in the file tells (then the receiver's name decides).
 */
export function objectMethodSymbol(
  receiver: string,
  method: string,
  args: CallArguments,
  assigned: ObjectKind | 'other' | undefined,
  frameworks: FileFrameworks,
): string | undefined {
  if (OWN_RECEIVERS.has(receiver) && method !== 'zero_grad') return undefined;
  if (assigned === 'other') {
    // Another imported class: only zero_grad(), which in a torch file means the object is a module.
    const rule = frameworks.torch ? METHODS['torch-module'][method] : undefined;
    return rule?.fits(args) ? rule.symbol : undefined;
  }
  if (assigned) {
    // A Keras model on the torch backend is also a torch module (`model.zero_grad()` in a Keras-with-torch loop).
    const rule =
      METHODS[assigned][method] ??
      (assigned === 'keras-model' && frameworks.torch ? METHODS['torch-module'][method] : undefined);
    return rule?.fits(args) ? rule.symbol : undefined;
  }
  const name = receiver.slice(receiver.lastIndexOf('.') + 1);
  for (const [pattern, kinds] of NAMED_KINDS) {
    if (!pattern.test(name)) continue;
    for (const kind of kinds) {
      const rule = METHODS[kind][method];
      if (rule && frameworks[rule.needs] && !excludedBy(kind, frameworks) && rule.fits(args)) return rule.symbol;
    }
  }
  return undefined;
}

/** An optimizer named `optimizer` in a file with Flax NNX is NNX's own, not a raw Optax transformation. */
function excludedBy(kind: ObjectKind, frameworks: FileFrameworks): boolean {
  return kind === 'optax-transformation' && frameworks.nnx;
}

export function isObjectMethodName(method: string): boolean {
  return Object.values(METHODS).some((methods) => Object.hasOwn(methods, method));
}
