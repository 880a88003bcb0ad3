import { describe, expect, it } from 'vitest';
import { decodePythonSource } from '../../src/scanner/decodeSource';
import { scanPython, type SymbolCatalogue } from '../../src/scanner/scanner';
import { canonicalSymbol } from '../../src/scanner/symbols';
import { tokenize } from '../../src/scanner/tokenizer';

/** A fixed catalogue, independent of content/, so these tests pin the scanner's behaviour alone. */
const SYMBOLS: Record<string, string> = {
  'torch.nn.Dropout': 'dropout',
  'torch.nn.functional.dropout': 'dropout',
  'torch.nn.functional.relu': 'relu',
  'torch.nn.ReLU': 'relu',
  'torch.relu': 'relu',
  'torch.nn.BatchNorm2d': 'batch-normalisation',
  'torch.nn.CrossEntropyLoss': 'cross-entropy-loss',
  'torch.nn.Conv2d': 'convolution',
  'torch.nn.LSTM': 'lstm',
  'torch.optim.Adam': 'adam',
  'torch.optim.SGD': 'batch-sgd-minibatch',
  'torch.optim.lr_scheduler.StepLR': 'learning-rate-schedule',
  'torch.nn.utils.clip_grad_norm_': 'gradient-clipping',
  'torch.nn.init.kaiming_normal_': 'he-initialisation',
  'keras.layers.Dropout': 'dropout',
  'keras.layers.LSTM': 'lstm',
  'keras.layers.Dense': 'fully-connected-layer',
  'keras.optimizers.Adam': 'adam',
  'keras.activations.relu': 'relu',
  'keras.activations.softmax': 'softmax',
  'keras.losses.SparseCategoricalCrossentropy': 'cross-entropy-loss',
  'tensorflow.nn.dropout': 'dropout',
  'tensorflow.compat.v1.nn.dropout': 'dropout',
  'flax.linen.Dropout': 'dropout',
  'flax.linen.Dense': 'fully-connected-layer',
  'flax.linen.relu': 'relu',
  'optax.adam': 'adam',
  'optax.clip_by_global_norm': 'gradient-clipping',
  'jax.numpy.tanh': 'tanh',
  'jax.nn.relu': 'relu',
  'torch.Tensor': 'tensor',
  'torch.nn.Linear': 'fully-connected-layer',
  'torch.nn.functional.gelu': 'elu-gelu-silu',
  'torch.Tensor.relu': 'relu',
  'torch.Tensor.softmax': 'softmax',
  'torch.Tensor.backward': 'backpropagation',
  'torchvision.transforms.Normalize': 'data-normalisation',
  'torchvision.transforms.RandomHorizontalFlip': 'data-augmentation',
  'pytorch_lightning.callbacks.EarlyStopping': 'early-stopping',
  'keras.layers.Activation': 'activation-functions',
  'keras.layers.RandomFlip': 'data-augmentation',
  'keras.initializers.HeNormal': 'he-initialisation',
  'keras.regularizers.L2': 'l1-l2-regularisation',
  'keras.activations.sigmoid': 'sigmoid',
  'keras.activations.tanh': 'tanh',
  'keras.losses.MeanSquaredError': 'mse-loss',
  'keras.losses.BinaryCrossentropy': 'binary-cross-entropy',
  'keras.optimizers.SGD': 'batch-sgd-minibatch',
  'tensorflow.compat.v1.train.GradientDescentOptimizer': 'gradient-descent',
  'tensorflow.nn.softmax_cross_entropy_with_logits': 'cross-entropy-loss',
  'optax.cosine_decay_schedule': 'learning-rate-schedule',
  'flax.linen.initializers.lecun_normal': 'weight-initialisation',
  'keras.initializers.Zeros': 'weight-initialisation',
  'tensorflow.nn.relu': 'relu',
  'tensorflow.compat.v1.glorot_uniform_initializer': 'xavier-initialisation',
  'torch.nn.Module.eval': 'train-eval-mode',
  'torch.nn.Module.train': 'train-eval-mode',
  'torch.optim.Optimizer.zero_grad': 'training-step',
  'torch.optim.Optimizer.step': 'training-step',
  'torch.optim.lr_scheduler.LRScheduler.step': 'learning-rate-schedule',
  'torch.amp.GradScaler.step': 'mixed-precision',
  'torch.amp.GradScaler.update': 'mixed-precision',
  'tensorflow.GradientTape.gradient': 'training-step',
  'keras.optimizers.Optimizer.apply_gradients': 'training-step',
  'keras.Model.compile': 'keras-training-api',
  'keras.Model.fit': 'keras-training-api',
  'keras.Model.evaluate': 'keras-training-api',
  'flax.training.train_state.TrainState.apply_gradients': 'training-step',
  'flax.nnx.Optimizer.update': 'training-step',
  'optax.GradientTransformation.update': 'training-step',
  'optax.GradientTransformation.init': 'training-step',
  'torch.nn.Module.zero_grad': 'training-step',
};

const catalogue: SymbolCatalogue = {
  conceptFor: (symbol) => SYMBOLS[symbol],
  hasPrefix: (prefix) => Object.keys(SYMBOLS).some((symbol) => symbol === prefix || symbol.startsWith(`${prefix}.`)),
};

function scan(source: string) {
  return scanPython(source, catalogue).uses;
}

function symbols(source: string): string[] {
  return scan(source).map((use) => use.symbol);
}

describe('import resolution', () => {
  it('resolves `import torch.nn as nn`', () => {
    expect(symbols('import torch.nn as nn\nx = nn.Dropout(0.5)')).toEqual(['torch.nn.Dropout']);
  });
  it('resolves `from torch import nn`', () => {
    expect(symbols('from torch import nn\nx = nn.ReLU()')).toEqual(['torch.nn.ReLU']);
  });
  it('resolves `import torch.nn.functional as F`', () => {
    expect(symbols('import torch.nn.functional as F\ny = F.relu(x)')).toEqual(['torch.nn.functional.relu']);
  });
  it('resolves `from torch.optim import Adam`', () => {
    expect(symbols('from torch.optim import Adam\nopt = Adam(model.parameters(), lr=1e-3)')).toEqual([
      'torch.optim.Adam',
    ]);
  });
  it('resolves a plain `import torch` with the full path', () => {
    expect(symbols('import torch\nopt = torch.optim.SGD(params, lr=0.1)')).toEqual(['torch.optim.SGD']);
  });
  it('resolves `import torch.nn` (binds the top-level package)', () => {
    expect(symbols('import torch.nn\nd = torch.nn.Dropout()')).toEqual(['torch.nn.Dropout']);
  });
  it('resolves `import tensorflow as tf` with tf.keras', () => {
    expect(symbols('import tensorflow as tf\nl = tf.keras.layers.Dropout(0.2)')).toEqual([
      'tensorflow.keras.layers.Dropout',
    ]);
  });
  it('resolves `from tensorflow import keras`', () => {
    expect(symbols('from tensorflow import keras\nl = keras.layers.LSTM(64)')).toEqual([
      'tensorflow.keras.layers.LSTM',
    ]);
  });
  it('resolves `from tensorflow.keras import layers`', () => {
    expect(symbols('from tensorflow.keras import layers\nl = layers.Dense(10)')).toEqual([
      'tensorflow.keras.layers.Dense',
    ]);
  });
  it('resolves standalone `import keras`', () => {
    expect(symbols('import keras\nopt = keras.optimizers.Adam(learning_rate=3e-4)')).toEqual(['keras.optimizers.Adam']);
  });
  it('resolves `import flax.linen as nn` to Flax, not PyTorch', () => {
    const uses = scan('import flax.linen as nn\nx = nn.Dropout(rate=0.1)(x, deterministic=False)');
    expect(uses.map((u) => [u.symbol, u.framework])).toEqual([['flax.linen.Dropout', 'flax']]);
  });
  it('resolves `from flax import linen as nn`', () => {
    expect(symbols('from flax import linen as nn\nx = nn.Dense(features=10)(x)\nx = nn.relu(x)')).toEqual([
      'flax.linen.Dense',
      'flax.linen.relu',
    ]);
  });
  it('resolves `import optax`', () => {
    expect(symbols('import optax\ntx = optax.chain(optax.clip_by_global_norm(1.0), optax.adam(1e-3))')).toEqual([
      'optax.clip_by_global_norm',
      'optax.adam',
    ]);
  });
  it('resolves `import jax.numpy as jnp`', () => {
    expect(symbols('import jax.numpy as jnp\ny = jnp.tanh(x)')).toEqual(['jax.numpy.tanh']);
  });
  it('resolves imported names with aliases: `from torch.nn import Dropout as Drop`', () => {
    expect(symbols('from torch.nn import Dropout as Drop\nd = Drop(0.3)')).toEqual(['torch.nn.Dropout']);
  });
  it('resolves parenthesised multi-line from-imports', () => {
    expect(symbols('from torch.nn import (\n    Dropout,\n    ReLU as Act,\n)\na = Act()\nb = Dropout()')).toEqual([
      'torch.nn.ReLU',
      'torch.nn.Dropout',
    ]);
  });
  it('resolves several modules in one import statement', () => {
    expect(symbols('import os, torch.nn as nn\nd = nn.Dropout()')).toEqual(['torch.nn.Dropout']);
  });
  it('resolves `from torch.nn import *`', () => {
    expect(symbols('from torch.nn import *\nd = Dropout(0.1)\nprint(d)')).toEqual(['torch.nn.Dropout']);
  });
  it('resolves deep paths from a submodule import', () => {
    expect(
      symbols('from torch.optim import lr_scheduler\ns = lr_scheduler.StepLR(opt, step_size=10, gamma=0.1)'),
    ).toEqual(['torch.optim.lr_scheduler.StepLR']);
  });
  it('resolves imports made inside a function', () => {
    expect(symbols('def build():\n    import torch.nn as nn\n    return nn.LSTM(10, 20)')).toEqual(['torch.nn.LSTM']);
  });
  it('resolves imports inside try/except blocks', () => {
    expect(symbols('try:\n    import tensorflow as tf\nexcept ImportError:\n    tf = None\n')).toEqual([]);
    expect(
      symbols('try:\n    from tensorflow import keras\nexcept ImportError:\n    pass\nm = keras.layers.Dense(3)'),
    ).toEqual(['tensorflow.keras.layers.Dense']);
  });
  it('ignores relative imports', () => {
    expect(symbols('from . import nn\nd = nn.Dropout(0.5)')).toEqual([]);
  });
  it('does not resolve names from modules that are not deep-learning frameworks', () => {
    expect(symbols('import mylib.nn as nn\nd = nn.Dropout(0.5)')).toEqual([]);
  });
  it('treats an un-imported `torch.` or `tf.` prefix in a snippet as the framework', () => {
    expect(symbols('d = torch.nn.Dropout(0.5)\ne = tf.nn.dropout(x, rate=0.5)')).toEqual([
      'torch.nn.Dropout',
      'tensorflow.nn.dropout',
    ]);
  });
  it('does not guess ambiguous aliases such as `nn` or `F` without an import', () => {
    expect(symbols('d = nn.Dropout(0.5)\ny = F.relu(x)')).toEqual([]);
  });
  it('resolves torchvision transforms as PyTorch', () => {
    const uses = scan(
      'import torchvision.transforms as T\nt = T.Compose([T.RandomHorizontalFlip(), T.Normalize((0.5,), (0.5,))])',
    );
    expect(uses.map((u) => [u.symbol, u.framework])).toEqual([
      ['torchvision.transforms.RandomHorizontalFlip', 'pytorch'],
      ['torchvision.transforms.Normalize', 'pytorch'],
    ]);
  });
  it('resolves Lightning callbacks under both package names', () => {
    const source =
      'from pytorch_lightning.callbacks import EarlyStopping\nfrom lightning.pytorch import callbacks\na = EarlyStopping("val_loss")\nb = callbacks.EarlyStopping("val_loss")';
    expect(scan(source).map((u) => u.canonicalSymbol)).toEqual([
      'pytorch_lightning.callbacks.EarlyStopping',
      'pytorch_lightning.callbacks.EarlyStopping',
    ]);
  });
  it('follows module aliases assigned in code (`nn = torch.nn`, `tfkl = tfk.layers`)', () => {
    const source =
      'import torch\nimport tensorflow as tf\nnn = torch.nn\nF = nn.functional\ntfk = tf.keras\ntfkl = tfk.layers\ndef f(x):\n    return F.relu(nn.Dropout(0.1)(x))\nd = tfkl.Dropout(0.2)';
    expect(symbols(source)).toEqual([
      'torch.nn.functional.relu',
      'torch.nn.Dropout',
      'tensorflow.keras.layers.Dropout',
    ]);
  });
  it('lets the latest star import win', () => {
    expect(symbols('from keras.layers import *\nfrom torch.nn import *\nd = Dropout(0.1)')).toEqual([
      'torch.nn.Dropout',
    ]);
  });
  it('resolves an import on the same line as try:', () => {
    expect(symbols('try: import torch.nn as nn\nexcept ImportError: pass\nd = nn.Dropout(0.5)')).toEqual([
      'torch.nn.Dropout',
    ]);
  });
});

describe('canonical spellings', () => {
  it.each([
    ['keras.layers.core.Dense', 'keras.layers.Dense'],
    ['keras.layers.convolutional.Conv2D', 'keras.layers.Conv2D'],
    ['tensorflow.keras.optimizers.legacy.Adam', 'keras.optimizers.Adam'],
    ['tensorflow.keras.optimizers.experimental.AdamW', 'keras.optimizers.AdamW'],
    ['tensorflow.keras.layers.experimental.preprocessing.RandomFlip', 'keras.layers.RandomFlip'],
    ['tensorflow.optimizers.SGD', 'keras.optimizers.SGD'],
    ['tensorflow.losses.MeanSquaredError', 'keras.losses.MeanSquaredError'],
    ['tensorflow.losses.sparse_softmax_cross_entropy', 'tensorflow.compat.v1.losses.sparse_softmax_cross_entropy'],
    ['tensorflow.compat.v1.keras.layers.Dense', 'keras.layers.Dense'],
    ['tensorflow.train.GradientDescentOptimizer', 'tensorflow.compat.v1.train.GradientDescentOptimizer'],
    ['tensorflow.nn.softmax_cross_entropy_with_logits_v2', 'tensorflow.nn.softmax_cross_entropy_with_logits'],
    ['optax.schedules.cosine_decay_schedule', 'optax.cosine_decay_schedule'],
    ['flax.nnx.initializers.lecun_normal', 'flax.linen.initializers.lecun_normal'],
    ['jax.experimental.stax.Dense', 'jax.example_libraries.stax.Dense'],
    ['torchvision.transforms.v2.Normalize', 'torchvision.transforms.Normalize'],
    ['tensorflow.compat.v1.nn.relu', 'tensorflow.nn.relu'],
    ['tensorflow.compat.v1.initializers.he_normal', 'keras.initializers.he_normal'],
    ['tensorflow.compat.v1.nn.dropout', 'tensorflow.compat.v1.nn.dropout'],
    ['tensorflow.compat.v1.nn.rnn_cell.LSTMCell', 'tensorflow.compat.v1.nn.rnn_cell.LSTMCell'],
    ['tensorflow.glorot_uniform_initializer', 'tensorflow.compat.v1.glorot_uniform_initializer'],
    ['tensorflow.compat.v1.glorot_uniform_initializer', 'tensorflow.compat.v1.glorot_uniform_initializer'],
    ['torch.nn.modules.conv.Conv2d', 'torch.nn.Conv2d'],
    ['torch.nn.modules.Dropout', 'torch.nn.Dropout'],
    ['flax.linen.attention.make_causal_mask', 'flax.linen.make_causal_mask'],
    ['flax.nnx.nn.linear.Linear', 'flax.nnx.Linear'],
    ['flax.nnx.nn.initializers.lecun_normal', 'flax.linen.initializers.lecun_normal'],
    ['keras.utils.np_utils.to_categorical', 'keras.utils.to_categorical'],
  ])('spells %s as %s', (symbol, canonical) => {
    expect(canonicalSymbol(symbol)).toBe(canonical);
  });
  it('maps old spellings found in code to the concept of the canonical one', () => {
    const source =
      'import tensorflow as tf\nfrom keras.layers.core import Activation\nimport optax\no = tf.train.GradientDescentOptimizer(0.5)\na = Activation("relu")\ns = optax.schedules.cosine_decay_schedule(1e-3, 100)';
    expect(scan(source).map((u) => u.conceptId)).toEqual([
      'gradient-descent',
      'activation-functions',
      'relu',
      'learning-rate-schedule',
    ]);
  });
  it('maps everything reached through `import tensorflow.compat.v1 as tf` to its TensorFlow 2 name, TF1-only APIs kept', () => {
    const source =
      'import tensorflow.compat.v1 as tf\nh = tf.nn.relu(x)\nh = tf.nn.dropout(h, keep_prob=0.5)\ninit = tf.glorot_uniform_initializer()\nopt = tf.train.GradientDescentOptimizer(0.1)';
    expect(scan(source).map((u) => [u.symbol, u.canonicalSymbol])).toEqual([
      ['tensorflow.compat.v1.nn.relu', 'tensorflow.nn.relu'],
      ['tensorflow.compat.v1.nn.dropout', 'tensorflow.compat.v1.nn.dropout'],
      ['tensorflow.compat.v1.glorot_uniform_initializer', 'tensorflow.compat.v1.glorot_uniform_initializer'],
      ['tensorflow.compat.v1.train.GradientDescentOptimizer', 'tensorflow.compat.v1.train.GradientDescentOptimizer'],
    ]);
  });
  it('resolves layer classes imported from torch.nn.modules submodules', () => {
    expect(scan('from torch.nn.modules.conv import Conv2d\nc = Conv2d(3, 8, 3)').map((u) => u.canonicalSymbol)).toEqual(
      ['torch.nn.Conv2d'],
    );
  });
});

describe('shadowing and user names', () => {
  it('does not flag a variable that happens to be called dropout', () => {
    expect(symbols('import torch\ndropout = 0.5\nx = dropout * 2\nprint(dropout)')).toEqual([]);
  });
  it('does not flag attributes of user objects (self.dropout)', () => {
    expect(
      symbols('import torch.nn as nn\nclass M(nn.Module):\n    def forward(self, x):\n        return self.dropout(x)'),
    ).toEqual([]);
  });
  it('does not flag a keyword argument named like a concept', () => {
    expect(symbols('import torch.nn as nn\nm = build(dropout=0.3, relu=True)')).toEqual([]);
  });
  it('stops resolving a module alias after it is reassigned at module level', () => {
    expect(symbols('import torch.nn as nn\na = nn.Dropout()\nnn = MyNamespace()\nb = nn.Dropout()')).toEqual([
      'torch.nn.Dropout',
    ]);
  });
  it('respects a function parameter that shadows an import', () => {
    expect(symbols('import torch.nn.functional as F\ndef f(F, x):\n    return F.relu(x)\ny = F.relu(z)')).toEqual([
      'torch.nn.functional.relu',
    ]);
  });
  it('respects a local assignment anywhere in the function', () => {
    expect(
      symbols('from torch.nn.functional import relu\ndef f(x):\n    y = relu(x)\n    relu = 3\n    return y'),
    ).toEqual([]);
  });
  it('respects a user-defined function that replaces an imported name', () => {
    expect(symbols('from torch.nn.functional import relu\ndef relu(x):\n    return x\ny = relu(3)')).toEqual([]);
  });
  it('respects for-loop and with-statement targets', () => {
    expect(symbols('import torch.nn as nn\nfor nn in range(3):\n    nn.Dropout()')).toEqual([]);
    expect(symbols('import torch.nn as nn\nwith open(p) as nn:\n    nn.Dropout()')).toEqual([]);
  });
  it('still resolves module aliases inside methods of classes', () => {
    expect(
      symbols(
        'import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        self.fc = nn.Dropout(p=0.2)',
      ),
    ).toEqual(['torch.nn.Dropout']);
  });
  it('puts the body of a one-line def in the function, where a parameter shadows an import', () => {
    expect(symbols('import torch.nn as nn\ndef g(nn): return nn.Dropout(0.5)\nd = nn.ReLU()')).toEqual([
      'torch.nn.ReLU',
    ]);
  });
  it('splits statements at semicolons', () => {
    expect(symbols('import torch.nn as nn\na = nn.ReLU(); nn = None; b = nn.Dropout()')).toEqual(['torch.nn.ReLU']);
  });
  it('respects lambda parameters inside the lambda only', () => {
    const source =
      'import torch.nn.functional as F\nscale = lambda F, x: F.relu(x)\nsort(xs, key=lambda x: F.relu(x), reverse=F.relu)';
    expect(symbols(source)).toEqual(['torch.nn.functional.relu', 'torch.nn.functional.relu']);
  });
  it('keeps an optional import in force after its `except ImportError` fallback', () => {
    const source =
      'try:\n    import torch.nn as nn\nexcept ImportError:  # optional\n    nn = None\ndef head(p):\n    return nn.Dropout(p)\ntry: from torch.nn.functional import relu\nexcept ImportError:\n    def relu(x): return x\ny = relu(z)';
    expect(symbols(source)).toEqual(['torch.nn.Dropout', 'torch.nn.functional.relu']);
  });
  it('still lets an assignment outside an except clause shadow the import', () => {
    expect(
      symbols('try:\n    import torch.nn as nn\nexcept ImportError:\n    pass\nnn = None\nd = nn.Dropout()'),
    ).toEqual([]);
  });
  it('does not treat a class attribute as visible inside its methods', () => {
    const source =
      'import torch.nn.functional as F\nclass A:\n    F = None\n    def f(self, x):\n        return F.relu(x)';
    expect(symbols(source)).toEqual(['torch.nn.functional.relu']);
  });
});

describe('comments, strings and docstrings', () => {
  it('ignores symbols in comments', () => {
    expect(symbols('import torch.nn as nn\n# nn.Dropout(0.5) would help here\nx = 1')).toEqual([]);
  });
  it('ignores symbols in single- and double-quoted strings', () => {
    expect(symbols(`import torch.nn as nn\na = 'nn.Dropout(0.5)'\nb = "nn.ReLU()"`)).toEqual([]);
  });
  it('ignores symbols in triple-quoted docstrings spanning lines', () => {
    expect(
      symbols(
        'import torch.nn as nn\ndef f():\n    """Uses nn.Dropout(0.5)\n    and nn.ReLU."""\n    return nn.ReLU()',
      ),
    ).toEqual(['torch.nn.ReLU']);
  });
  it('ignores symbols in f-strings, raw strings and byte strings', () => {
    expect(symbols(`import torch.nn as nn\na = f"{nn.Dropout(0.5)}"\nb = rb'nn.ReLU()'\nc = R"nn.ReLU"`)).toEqual([]);
  });
  it('keeps correct positions after a multi-line string', () => {
    const uses = scan('import torch.nn as nn\nx = """\nline\n"""\ny = nn.ReLU()');
    expect(uses[0]!.range).toMatchObject({ startLine: 4, startColumn: 4, endColumn: 11 });
  });
  it('handles escaped quotes inside strings', () => {
    expect(symbols(`import torch.nn as nn\na = 'it\\'s nn.Dropout'\nb = nn.ReLU()`)).toEqual(['torch.nn.ReLU']);
  });
});

describe('type annotations', () => {
  it('does not report parameter and return annotations, but does report default values', () => {
    const source =
      'import torch\nimport torch.nn.functional as F\ndef f(x: torch.Tensor, act=F.relu, key=lambda t: F.gelu(t)) -> torch.Tensor:\n    return act(x)';
    expect(symbols(source)).toEqual(['torch.nn.functional.relu', 'torch.nn.functional.gelu']);
  });
  it('does not report annotated names, but does report the value assigned', () => {
    expect(symbols('import torch\nout: torch.Tensor = torch.relu(x)\nmask: torch.Tensor')).toEqual(['torch.relu']);
  });
  it('does not report type expressions outside annotations: typing generics, TypeVar bounds, type statements', () => {
    const source =
      'import torch.nn as nn\nfrom typing import Callable, TypeVar\nT = TypeVar("T", bound=nn.Linear)\nFactory = Callable[[], nn.ReLU]\ntype Act = nn.ReLU | nn.Dropout\nacts: dict[str, type[nn.ReLU]] = {"relu": nn.ReLU}';
    expect(symbols(source)).toEqual(['torch.nn.ReLU']);
    expect(scan(source)[0]!.range.startLine).toBe(5);
  });
  it('does not report PEP 695 type parameters, but still finds parameter annotations and defaults after them', () => {
    const source =
      'import torch.nn as nn\ndef wrap[M: nn.Linear, K: (nn.ReLU, nn.Dropout)](m: M, act: nn.ReLU = nn.ReLU()) -> M:\n    return m\nclass Box[M: nn.Linear]:\n    pass';
    const uses = scan(source);
    expect(uses.map((u) => u.symbol)).toEqual(['torch.nn.ReLU']);
    expect(uses[0]!.isCall).toBe(true);
  });
  it('reports a Flax dataclass field default', () => {
    expect(symbols('from flax import linen as nn\nclass M(nn.Module):\n    act: Callable = nn.relu')).toEqual([
      'flax.linen.relu',
    ]);
  });
});

describe('PyTorch tensor methods', () => {
  it('reports backward, softmax and relu called on tensors', () => {
    const uses = scan('import torch\nloss.backward()\nprobs = logits.softmax(dim=-1)\nh = x.relu()');
    expect(uses.map((u) => [u.symbol, u.conceptId])).toEqual([
      ['torch.Tensor.backward', 'backpropagation'],
      ['torch.Tensor.softmax', 'softmax'],
      ['torch.Tensor.relu', 'relu'],
    ]);
    expect(uses[1]!.range).toEqual({ startLine: 2, startColumn: 15, endLine: 2, endColumn: 22 });
    expect(uses[1]!.args).toEqual({ positional: [], keyword: { dim: '-1' } });
  });
  it('reports methods of call and subscript results', () => {
    expect(
      symbols('import torch\nscaler.scale(loss).backward()\np = model(x).softmax(-1)\nq = out[:, 0].relu()'),
    ).toEqual(['torch.Tensor.backward', 'torch.Tensor.softmax', 'torch.Tensor.relu']);
  });
  it('records every method called on a call or subscript result once, for the checks, whatever the file imports', () => {
    const { resultMethodCalls } = scanPython(
      'scaler.scale(loss).backward()\n(loss / accum).backward(retain_graph=True)\nv = model(x).item()\ny = a.b()\n',
      { conceptFor: () => undefined, hasPrefix: () => false },
    );
    expect(resultMethodCalls.map((call) => [call.method, call.statementIndex, call.range.startColumn])).toEqual([
      ['backward', 0, 19],
      ['backward', 1, 15],
      ['item', 2, 13],
    ]);
  });
  it('does not report module attributes or calls whose shape does not fit a tensor method', () => {
    const source =
      'import torch\nh = self.relu(x)\ns = self.softmax(h)\nt = model.relu(x)\nu = net.softmax(h)\naccelerator.backward(loss)';
    expect(symbols(source)).toEqual([]);
  });
  it('reports model.eval() and model.train() with a mode flag, also on call results', () => {
    const source =
      "import torch\nmodel.eval()\nmodel.train()\nself.model.train(False)\nnet.train(mode=phase == 'train')\nmodel.train(args.is_training)\nm = resnet18(weights=w).eval()";
    const uses = scan(source);
    expect(uses.map((u) => [u.symbol, u.range.startLine])).toEqual([
      ['torch.nn.Module.eval', 1],
      ['torch.nn.Module.train', 2],
      ['torch.nn.Module.train', 3],
      ['torch.nn.Module.train', 4],
      ['torch.nn.Module.train', 5],
      ['torch.nn.Module.eval', 6],
    ]);
    expect(uses[1]!.range).toEqual({ startLine: 2, startColumn: 6, endLine: 2, endColumn: 11 });
    expect(uses[3]!.args).toEqual({ positional: [], keyword: { mode: "phase == 'train'" } });
  });
  it('does not report train() and eval() of trainers, of self, or with data arguments', () => {
    const source =
      'import torch\ntrainer.train()\nself.trainer.train()\nrunner.eval()\nself.train()\ntokenizer.train(files)\nnet.train(train_loader)\nw2v.train(corpus, epochs=5)\naccuracy.eval(feed_dict=fd)\nx = eval("1 + 1")';
    expect(symbols(source)).toEqual([]);
  });
  it('leaves train() and eval() alone in files that also use Flax NNX, whose modules have them too', () => {
    expect(symbols('import torch\nfrom flax import nnx\nmodel.eval()\nloss.backward()')).toEqual([
      'torch.Tensor.backward',
    ]);
  });
  it('does not report tensor-like methods in files that do not import torch', () => {
    expect(symbols('import jax\nloss.backward()\nx.relu()')).toEqual([]);
  });
});

describe('methods of training-loop objects', () => {
  const pairs = (source: string) =>
    scan(source)
      .filter((u) => u.via === 'code')
      .map((u) => [u.symbol, u.range.startLine]);

  it('resolves optimizer, scheduler and scaler methods from what the file assigns to the receiver', () => {
    const source = [
      'import torch',
      'optim = torch.optim.SGD(model.parameters(), lr=0.1)',
      'sched = torch.optim.lr_scheduler.StepLR(optim, 10)',
      'amp = torch.cuda.amp.GradScaler()',
      'optim.zero_grad(set_to_none=True)',
      'amp.step(optim)',
      'amp.update()',
      'sched.step()',
      'optim.step()',
    ].join('\n');
    expect(pairs(source).slice(2)).toEqual([
      ['torch.optim.Optimizer.zero_grad', 4],
      ['torch.amp.GradScaler.step', 5],
      ['torch.amp.GradScaler.update', 6],
      ['torch.optim.lr_scheduler.LRScheduler.step', 7],
      ['torch.optim.Optimizer.step', 8],
    ]);
    const zeroGrad = scan(source).find((u) => u.symbol === 'torch.optim.Optimizer.zero_grad')!;
    expect(zeroGrad.range).toEqual({ startLine: 4, startColumn: 6, endLine: 4, endColumn: 15 });
    expect(zeroGrad.args).toEqual({ positional: [], keyword: { set_to_none: 'True' } });
  });
  it('resolves a receiver known only by its name, as a function parameter or an attribute', () => {
    const source =
      'import torch\ndef train(model, optimizer, scheduler, scaler):\n    optimizer.zero_grad()\n    scaler.step(optimizer)\n    self.lr_scheduler.step()\n    opt_g.step()';
    expect(pairs(source)).toEqual([
      ['torch.optim.Optimizer.zero_grad', 2],
      ['torch.amp.GradScaler.step', 3],
      ['torch.optim.lr_scheduler.LRScheduler.step', 4],
      ['torch.optim.Optimizer.step', 5],
    ]);
  });
  it('resolves zero_grad() of a module, whatever its name or layer class', () => {
    const source =
      'import torch\nnetD.zero_grad()\nfc = torch.nn.Linear(3, 1)\nfc.zero_grad(set_to_none=False)\nfc.zero_grad(x)\nself.zero_grad()';
    expect(pairs(source).filter(([symbol]) => symbol !== 'torch.nn.Linear')).toEqual([
      ['torch.nn.Module.zero_grad', 1],
      ['torch.nn.Module.zero_grad', 3],
      ['torch.nn.Module.zero_grad', 5],
    ]);
  });
  it('lets a framework function assigned to a receiver leave its kind to its name', () => {
    const source =
      'import optax\nfrom flax import jax_utils\nstate = jax_utils.replicate(state)\nstate = state.apply_gradients(grads=grads)';
    expect(pairs(source)).toEqual([['flax.training.train_state.TrainState.apply_gradients', 3]]);
  });
  it("does not report the user's own objects, their own step methods, or calls that do not fit", () => {
    const source = [
      'import torch',
      'env.step(action)',
      'self.step()',
      'simulator.step()',
      'options.step()',
      'lin = torch.nn.Linear(2, 2)',
      'lin.step()',
      'optimizer.step(a, b)',
      'optimizer.zero_grad(model)',
      'scaler.step()',
      'model.fit(x, y)',
    ].join('\n');
    expect(pairs(source).map(([symbol]) => symbol)).toEqual(['torch.nn.Linear']);
  });
  it('ignores the same words in comments and strings', () => {
    const source =
      'import torch\n# optimizer.step() after backward\ns = "optimizer.zero_grad()"\n"""\nscheduler.step()\n"""';
    expect(pairs(source)).toEqual([]);
  });
  it("leaves alone the methods of another library's objects assigned in the file", () => {
    const source =
      'import keras\nfrom sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression()\nmodel.fit(X, y, sample_weight=w)';
    expect(pairs(source)).toEqual([]);
  });
  it('needs the framework in the file for a receiver known only by its name', () => {
    expect(
      pairs(
        'import numpy as np\noptimizer.zero_grad()\nscheduler.step()\ntape.gradient(loss, w)\nmodel.fit(x, y, epochs=3)',
      ),
    ).toEqual([]);
  });
  it('resolves TensorFlow tapes, Keras models and optimizers', () => {
    const source = [
      'import tensorflow as tf',
      'from tensorflow import keras',
      'net = keras.Sequential([keras.layers.Dense(1)])',
      "net.compile(optimizer='adam', loss='mse')",
      'net.fit(x, y, epochs=3, validation_split=0.1)',
      'net.evaluate(x_test, y_test, verbose=0)',
      'with tf.GradientTape() as g:',
      '    loss = loss_fn(y, model(x))',
      'grads = g.gradient(loss, model.trainable_variables)',
      'optimizer.apply_gradients(zip(grads, model.trainable_variables))',
      'clf.fit(X, y)',
    ].join('\n');
    const methods = pairs(source).filter(([symbol]) =>
      /^(?:keras\.Model|keras\.optimizers\.Optimizer|tensorflow\.GradientTape)\./.test(String(symbol)),
    );
    expect(methods).toEqual([
      ['keras.Model.compile', 3],
      ['keras.Model.fit', 4],
      ['keras.Model.evaluate', 5],
      ['tensorflow.GradientTape.gradient', 8],
      ['keras.optimizers.Optimizer.apply_gradients', 9],
    ]);
  });
  it('resolves Flax train states, NNX optimizers and Optax transformations', () => {
    const linen =
      'import optax\nfrom flax.training import train_state\ntx = optax.adam(1e-3)\nopt_state = tx.init(params)\nupdates, opt_state = tx.update(grads, opt_state, params)\nstate = state.apply_gradients(grads=grads)';
    expect(pairs(linen).filter(([symbol]) => symbol !== 'optax.adam')).toEqual([
      ['optax.GradientTransformation.init', 3],
      ['optax.GradientTransformation.update', 4],
      ['flax.training.train_state.TrainState.apply_gradients', 5],
    ]);
    const nnx =
      'import optax\nfrom flax import nnx\noptimizer = nnx.Optimizer(model, optax.adam(1e-3))\noptimizer.update(grads)';
    expect(pairs(nnx).filter(([symbol]) => symbol === 'flax.nnx.Optimizer.update')).toEqual([
      ['flax.nnx.Optimizer.update', 3],
    ]);
  });
});

describe('concepts that depend on an argument', () => {
  it("takes the concept of a call from the catalogue's conceptForCall, and of a bare name from conceptFor", () => {
    const byMode: SymbolCatalogue = {
      conceptFor: (symbol) => (symbol === 'keras.layers.TextVectorization' ? 'text-vectorisation' : undefined),
      conceptForCall: (symbol, args) =>
        args.keyword.output_mode === "'tf_idf'" ? 'tf-idf' : byMode.conceptFor(symbol),
      hasPrefix: (prefix) => 'keras.layers.TextVectorization'.startsWith(prefix),
    };
    const source =
      "from keras import layers\na = layers.TextVectorization(output_mode='tf_idf')\nb = layers.TextVectorization()\nc = layers.TextVectorization";
    expect(scanPython(source, byMode).uses.map((u) => u.conceptId)).toEqual([
      'tf-idf',
      'text-vectorisation',
      'text-vectorisation',
    ]);
  });
});

describe('call arguments', () => {
  it('reads keyword arguments as source text', () => {
    expect(scan('import torch.nn as nn\nd = nn.Dropout(p=0.8)')[0]!.args).toEqual({
      positional: [],
      keyword: { p: '0.8' },
    });
  });
  it('reads positional and keyword arguments together', () => {
    const use = scan('import torch.nn as nn\nc = nn.Conv2d(3, 16, kernel_size=3, padding=1)')[0]!;
    expect(use.args).toEqual({ positional: ['3', '16'], keyword: { kernel_size: '3', padding: '1' } });
  });
  it('reads calls spread over several lines, without comments', () => {
    const source =
      'import torch\nopt = torch.optim.Adam(\n    model.parameters(),  # all of them\n    lr=1e-3,\n    betas=(0.9,\n           0.999),\n)';
    const use = scan(source)[0]!;
    expect(use.args).toEqual({ positional: ['model.parameters()'], keyword: { lr: '1e-3', betas: '(0.9, 0.999)' } });
    expect(use.callRange).toMatchObject({ startLine: 1, endLine: 6 });
  });
  it('keeps nested calls and brackets inside one argument', () => {
    const use = scan('import torch\ntorch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=cfg["clip"])')[0]!;
    expect(use.args).toEqual({ positional: ['model.parameters()'], keyword: { max_norm: 'cfg["clip"]' } });
  });
  it('reports *args and **kwargs as positional text', () => {
    expect(scan('import torch.nn as nn\nd = nn.Dropout(*a, **kw)')[0]!.args).toEqual({
      positional: ['*a', '**kw'],
      keyword: {},
    });
  });
  it('reports a reference without a call as a use with no arguments', () => {
    const use = scan('import torch.nn as nn\nact = nn.ReLU\nlayers = [nn.ReLU]')[0]!;
    expect(use.isCall).toBe(false);
    expect(use.args).toEqual({ positional: [], keyword: {} });
  });
  it('finds calls nested inside other calls and lists', () => {
    expect(
      symbols('import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.Dropout(0.25))'),
    ).toEqual(['torch.nn.Conv2d', 'torch.nn.ReLU', 'torch.nn.Dropout']);
  });
  it('reports 0-based positions of the symbol, not the call', () => {
    const use = scan('import torch.nn as nn\nself.drop = nn.Dropout(p=0.8)')[0]!;
    expect(use.range).toEqual({ startLine: 1, startColumn: 12, endLine: 1, endColumn: 22 });
  });
  it('matches the longest known prefix of an attribute chain', () => {
    const use = scan('import torch\nf = torch.nn.Dropout.forward')[0]!;
    expect(use.symbol).toBe('torch.nn.Dropout');
    expect(use.range.endColumn).toBe(20);
  });
});

describe('Keras string identifiers', () => {
  it('maps activation strings in Keras layers to their concept', () => {
    const uses = scan('from tensorflow.keras import layers\nd = layers.Dense(64, activation="relu")');
    expect(uses.map((u) => [u.symbol, u.via])).toEqual([
      ['tensorflow.keras.layers.Dense', 'code'],
      ['keras.activations.relu', 'string-identifier'],
    ]);
  });
  it("maps compile(optimizer='adam', loss=...) when Keras is imported", () => {
    const uses = scan("import keras\nmodel.compile(optimizer='adam', loss='sparse_categorical_crossentropy')");
    expect(uses.map((u) => u.symbol)).toEqual([
      'keras.Model.compile',
      'keras.optimizers.Adam',
      'keras.losses.SparseCategoricalCrossentropy',
    ]);
  });
  it('maps the positional activation of an Activation layer', () => {
    expect(symbols("from tensorflow.keras.layers import Activation\nx = Activation('relu')(x)")).toEqual([
      'tensorflow.keras.layers.Activation',
      'keras.activations.relu',
    ]);
  });
  it('maps initializer, regularizer and recurrent activation strings, and class-name spellings', () => {
    const source =
      "from tensorflow.keras import layers\nc = layers.Conv2D(32, 3, kernel_initializer='he_normal', kernel_regularizer='l2')\nl = layers.LSTM(8, recurrent_activation='sigmoid', bias_initializer='HeNormal')";
    expect(symbols(source)).toEqual([
      'keras.initializers.HeNormal',
      'keras.regularizers.L2',
      'tensorflow.keras.layers.LSTM',
      'keras.activations.sigmoid',
      'keras.initializers.HeNormal',
    ]);
  });
  it('maps strings passed to Keras layers that have no concept of their own', () => {
    expect(symbols("import keras\nc = keras.layers.ConvLSTM2D(8, 3, activation='tanh')")).toEqual([
      'keras.activations.tanh',
    ]);
  });
  it('maps the losses of a multi-output compile(), not the output names', () => {
    const source =
      "import keras\nmodel.compile(optimizer='sgd', loss={'out_a': 'mse', 'out_b': 'binary_crossentropy'})\nm.compile(loss=['mse'])";
    expect(symbols(source)).toEqual([
      'keras.Model.compile',
      'keras.optimizers.SGD',
      'keras.losses.MeanSquaredError',
      'keras.losses.BinaryCrossentropy',
      'keras.losses.MeanSquaredError',
    ]);
  });
  it('maps positional activations of Dense and recurrent layers', () => {
    const source =
      "import keras\nd = keras.layers.Dense(64, 'relu')\nl = keras.layers.LSTM(32, 'tanh', 'sigmoid')\nc = keras.layers.Conv2D(32, 'relu')";
    expect(symbols(source)).toEqual([
      'keras.layers.Dense',
      'keras.activations.relu',
      'keras.layers.LSTM',
      'keras.activations.tanh',
      'keras.activations.sigmoid',
    ]);
  });
  it('maps compile() optimizer and loss passed positionally, but not compile() of an imported module', () => {
    const source =
      "import re\nimport torch\nimport keras\nmodel.compile('sgd', 'mse', metrics=['mae'])\np = re.compile('adam')\nm = torch.compile('sgd')";
    const uses = scan(source);
    expect(uses.map((u) => u.symbol)).toEqual([
      'keras.Model.compile',
      'keras.optimizers.SGD',
      'keras.losses.MeanSquaredError',
    ]);
    expect(uses[2]!.range).toEqual({ startLine: 3, startColumn: 21, endLine: 3, endColumn: 26 });
  });
  it("maps the initializer and regularizer strings of a custom layer's add_weight()", () => {
    const source =
      "import keras\nclass Scale(keras.layers.Layer):\n    def build(self, shape):\n        self.w = self.add_weight(shape=shape[-1:], initializer='zeros', regularizer='l2')";
    expect(symbols(source)).toEqual(['keras.initializers.Zeros', 'keras.regularizers.L2']);
    expect(symbols("import torch\nself.w = self.add_weight(initializer='zeros')")).toEqual([]);
  });
  it('does not interpret compile() strings in files without Keras', () => {
    expect(symbols("import re\npattern.compile(optimizer='adam')")).toEqual([]);
  });
});

describe('frameworks', () => {
  it('labels each use with its framework', () => {
    const source =
      'import torch\nimport tensorflow as tf\nimport optax\nimport jax\na = torch.relu(x)\nb = tf.nn.dropout(x, 0.5)\nc = optax.adam(1e-3)\nd = jax.nn.relu(x)';
    expect(scan(source).map((u) => u.framework)).toEqual(['pytorch', 'tensorflow', 'optax', 'jax']);
  });
  it('labels tf.keras uses as keras and maps them to the canonical symbol', () => {
    const use = scan('import tensorflow as tf\nx = tf.keras.layers.Dropout(0.2)')[0]!;
    expect([use.framework, use.canonicalSymbol, use.conceptId]).toEqual(['keras', 'keras.layers.Dropout', 'dropout']);
  });
  it('recognises the TF1 keep_prob form through tf.compat.v1', () => {
    expect(scan('import tensorflow as tf\ny = tf.compat.v1.nn.dropout(x, keep_prob=0.8)')[0]!.args.keyword).toEqual({
      keep_prob: '0.8',
    });
  });
});

describe('robustness', () => {
  it('survives an unclosed parenthesis and recovers at the next def', () => {
    const source = 'import torch.nn as nn\nx = nn.Dropout(0.5\n\ndef f():\n    return nn.ReLU()';
    expect(symbols(source)).toEqual(['torch.nn.Dropout', 'torch.nn.ReLU']);
  });
  it('recovers from an unclosed parenthesis at the next indented def or return', () => {
    const source =
      'import torch.nn as nn\nclass N:\n    def a(self):\n        x = nn.Linear(3\n    def b(self, nn):\n        return nn.Dropout(0.1)\ndef c(x):\n    y = nn.ReLU(x\n    return nn.Dropout(0.2)';
    const uses = scan(source);
    expect(uses.map((u) => u.symbol)).toEqual(['torch.nn.Linear', 'torch.nn.ReLU', 'torch.nn.Dropout']);
    expect(uses[1]!.args).toEqual({ positional: ['x'], keyword: {} });
  });
  it('does not end a call at a keyword argument that starts like a statement', () => {
    const source =
      'import keras\nl = keras.layers.LSTM(64,\n    return_sequences=True,\n    from_logits=False)\nd = keras.layers.Dropout(0.1)';
    const uses = scan(source);
    expect(uses[0]!.args.keyword).toEqual({ return_sequences: 'True', from_logits: 'False' });
    expect(uses.map((u) => u.symbol)).toEqual(['keras.layers.LSTM', 'keras.layers.Dropout']);
  });
  it('ignores a byte-order mark at the start of the text', () => {
    expect(symbols('\uFEFFimport torch.nn as nn\nd = nn.Dropout(0.5)')).toEqual(['torch.nn.Dropout']);
  });
  it('survives an unterminated string', () => {
    expect(symbols('import torch.nn as nn\ns = "oops\nd = nn.Dropout()')).toEqual(['torch.nn.Dropout']);
  });
  it('survives an unterminated triple-quoted string (everything after is string)', () => {
    expect(symbols('import torch.nn as nn\ns = """never closed\nd = nn.Dropout()')).toEqual([]);
  });
  it('survives stray closing brackets and operators', () => {
    expect(symbols('import torch.nn as nn\n)))\n] = += \nd = nn.Dropout()')).toEqual(['torch.nn.Dropout']);
  });
  it('handles Windows line endings', () => {
    const uses = scan('import torch.nn as nn\r\nd = nn.Dropout(\r\n  p=0.1)\r\n');
    expect(uses[0]!.args.keyword).toEqual({ p: '0.1' });
    expect(uses[0]!.range.startLine).toBe(1);
  });
  it('handles backslash line continuations', () => {
    expect(scan('import torch.nn as nn\nd = \\\n    nn.Dropout(0.2)')[0]!.range.startLine).toBe(2);
  });
  it('handles non-ASCII identifiers and text', () => {
    expect(symbols('import torch.nn as nn\nrésumé = "naïve"\nd = nn.Dropout(0.5)  # größe')).toEqual([
      'torch.nn.Dropout',
    ]);
  });
  it('returns nothing for empty input', () => {
    expect(scan('')).toEqual([]);
  });
  it('tokenizes numbers with exponents and underscores as single tokens', () => {
    expect(tokenize('1e-3 1_000 .5 0x1F').map((t) => t.text)).toEqual(['1e-3', '1_000', '.5', '0x1F', '']);
  });
});

describe('decoding source bytes', () => {
  it('decodes UTF-8 and strips a BOM', () => {
    const result = decodePythonSource(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('x = 1')]));
    expect(result).toEqual({ ok: true, text: 'x = 1', encoding: 'utf-8' });
  });
  it('decodes non-UTF-8 bytes with a declared coding cookie', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('# -*- coding: latin-1 -*-\ns = "'),
      0xe9,
      ...new TextEncoder().encode('"\n'),
    ]);
    const result = decodePythonSource(bytes);
    expect(result.ok && result.text.includes('é')).toBe(true);
  });
  it('falls back to a single-byte decoding for undeclared non-UTF-8 input', () => {
    const result = decodePythonSource(new Uint8Array([0x78, 0x3d, 0xff, 0xfe, 0x0a]));
    expect(result.ok).toBe(true);
  });
  it('refuses binary input with a clear reason', () => {
    expect(decodePythonSource(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]))).toEqual({
      ok: false,
      reason: 'the file looks binary (it contains NUL bytes)',
    });
  });
});
