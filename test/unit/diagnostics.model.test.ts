import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check, checksIn, fixed } from '../support/diagnosticsHarness';

const KERAS = 'from tensorflow import keras\nfrom tensorflow.keras import layers\n';
const TORCH = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';
const sequential = (layers: string, compile: string) =>
  `${KERAS}model = keras.Sequential([\n    layers.Dense(64, activation='relu'),\n    ${layers},\n])\nmodel.compile(${compile})\n`;

describe('softmax over a single unit', () => {
  it('flags a one-unit layer followed by a softmax layer in Keras and in nn.Sequential, but not over another axis', () => {
    expect(
      checksIn(
        `${KERAS}model = keras.Sequential()\nmodel.add(layers.Dense(1))\nmodel.add(layers.Activation('softmax'))\n`,
      ),
    ).toEqual(['softmaxSingleUnit']);
    expect(checksIn(`${TORCH}head = nn.Sequential(nn.Linear(64, 1), nn.Softmax(dim=1))\n`)).toEqual([
      'softmaxSingleUnit',
    ]);
    expect(checksIn(`${KERAS}x = layers.Dense(1)(h)\nw = layers.Softmax(axis=1)(x)\n`)).toEqual([]);
  });
  it('does not flag softmax over several units or sigmoid over one', () => {
    expect(checksIn(sequential("layers.Dense(10, activation='softmax')", "loss='categorical_crossentropy'"))).toEqual(
      [],
    );
    expect(checksIn(sequential("layers.Dense(1, activation='sigmoid')", "loss='binary_crossentropy'"))).toEqual([]);
  });
});

describe('output activation against the compiled loss', () => {
  it('flags sigmoid over several classes with categorical cross-entropy and offers softmax', () => {
    const source = sequential(
      "layers.Dense(10, activation='sigmoid')",
      "optimizer='adam', loss='categorical_crossentropy'",
    );
    expect(checksIn(source)).toEqual(['outputLossMismatch']);
    expect(fixed(source, 'outputLossMismatch')).toContain("layers.Dense(10, activation='softmax')");
  });
  it('pairs a compile with the Sequential that last replaced the model, even when that one ends in another model', () => {
    const first = `${KERAS}model = keras.Sequential([layers.Dense(1)])\nmodel.compile(loss='mse')\n`;
    const nested = `encoder = keras.Sequential([layers.LSTM(8)])\ndecoder = keras.Sequential([layers.Dense(5, activation='softmax')])\nmodel = keras.Sequential([encoder, decoder])\n`;
    expect(checksIn(`${first}${nested}model.compile(loss='sparse_categorical_crossentropy')\n`)).toEqual([]);
    expect(checksIn(`${first}model.compile(loss='sparse_categorical_crossentropy')\n`)).toEqual(['outputLossMismatch']);
  });
  it('flags binary cross-entropy on a ReLU or linear output, across statements and in the functional API', () => {
    expect(checksIn(sequential("layers.Dense(1, activation='relu')", "loss='binary_crossentropy'"))).toEqual([
      'outputLossMismatch',
    ]);
    const functional =
      `${KERAS}def build():\n    inputs = keras.Input(shape=(20,))\n    x = layers.Dense(32, activation='relu')(inputs)\n    outputs = layers.Dense(1)(x)\n` +
      `    net = keras.Model(inputs, outputs)\n    net.compile(optimizer='sgd', loss=keras.losses.BinaryCrossentropy())\n    return net\n`;
    const [finding] = check(functional);
    expect(finding?.check).toBe('outputLossMismatch');
    expect(finding?.message).toContain('line 6');
    expect(fixed(functional, 'outputLossMismatch')).toContain("outputs = layers.Dense(1, activation='sigmoid')(x)");
  });
  it('flags categorical cross-entropy on a linear output without from_logits, and accepts from_logits=True', () => {
    expect(checksIn(sequential('layers.Dense(10)', "loss='sparse_categorical_crossentropy'"))).toEqual([
      'outputLossMismatch',
    ]);
    expect(checksIn(sequential('layers.Dense(10)', "loss=['categorical_crossentropy']"))).toEqual([
      'outputLossMismatch',
    ]);
    expect(
      checksIn(sequential('layers.Dense(10)', 'loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)')),
    ).toEqual([]);
    expect(
      checksIn(
        `${KERAS}loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n${sequential('layers.Dense(10)', 'loss=loss_fn')}`,
      ),
    ).toEqual([]);
  });
  it('pairs each compile with its own model', () => {
    const source =
      `${KERAS}encoder = keras.Sequential([layers.Dense(8)])\nclassifier = keras.Sequential([layers.Dense(10, activation='softmax')])\n` +
      "classifier.compile(loss='categorical_crossentropy')\n";
    expect(checksIn(source)).toEqual([]);
  });
});

describe('softmax fed to losses that expect logits, across frameworks and through the model', () => {
  it('flags tf.nn.sparse_softmax_cross_entropy_with_logits on a softmax, inline and through a variable', () => {
    const inline =
      'import tensorflow as tf\nloss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=tf.nn.softmax(z))\n';
    expect(checksIn(inline)).toEqual(['softmaxBeforeCrossEntropy']);
    expect(fixed(inline, 'softmaxBeforeCrossEntropy')).toContain('logits=z)');
    const variable =
      'import tensorflow as tf\nprobs = tf.nn.softmax(z)\nloss = tf.reduce_mean(tf.compat.v1.losses.softmax_cross_entropy(onehot, probs))\n';
    expect(checksIn(variable)).toEqual(['softmaxBeforeCrossEntropy']);
  });
  it('flags a subclassed model whose call() applies softmax outside training when the loss gets its default output', () => {
    const model =
      'import tensorflow as tf\nclass ConvNet(tf.keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.out = tf.keras.layers.Dense(10)\n\n' +
      '    def call(self, x, is_training=False):\n        x = self.out(x)\n        if not is_training:\n            x = tf.nn.softmax(x)\n        return x\n\nnet = ConvNet()\n';
    const buggy = `${model}pred = net(batch_x)\nloss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=batch_y, logits=pred)\n`;
    const [finding] = check(buggy);
    expect(finding?.check).toBe('softmaxBeforeCrossEntropy');
    expect(finding?.message).toContain('line 10');
    expect(checksIn(buggy.replace('net(batch_x)', 'net(batch_x, is_training=True)'))).toEqual([]);
    expect(checksIn(buggy.replace('net(batch_x)', 'net(batch_x, True)'))).toEqual([]);
  });
  it('leaves a forward() alone that returns the logits early in training mode and softmax otherwise', () => {
    const net =
      `${TORCH}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 3)\n\n` +
      '    def forward(self, x):\n        x = self.fc(x)\n        if self.training:\n            return x\n        return F.softmax(x, dim=1)\n\n' +
      'model = Net()\ncriterion = nn.CrossEntropyLoss()\nfor x, y in loader:\n    opt.zero_grad()\n    loss = criterion(model(x), y)\n    loss.backward()\n    opt.step()\n';
    expect(checksIn(net)).toEqual([]);
    expect(checksIn(net.replace('        if self.training:\n            return x\n', ''))).toEqual([
      'softmaxBeforeCrossEntropy',
    ]);
  });
  it('follows the model output through a loss helper of the file that passes its parameter to the logits loss', () => {
    const helper =
      'import tensorflow as tf\nclass Net(tf.keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.out = tf.keras.layers.Dense(10)\n\n' +
      '    def call(self, x, is_training=False):\n        x = self.out(x)\n        if not is_training:\n            x = tf.nn.softmax(x)\n        return x\n\nnet = Net()\n\n' +
      'def cross_entropy_loss(x, y):\n    y = tf.cast(y, tf.int64)\n    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x))\n\n' +
      'def train_step(x, y):\n    pred = net(x, is_training=True)\n    return cross_entropy_loss(pred, y)\n\n' +
      'pred = net(batch_x)\nprint(cross_entropy_loss(pred, batch_y))\n';
    const findings = check(helper);
    expect(findings.map((finding) => [finding.check, finding.range.startLine])).toEqual([
      ['softmaxBeforeCrossEntropy', 23],
    ]);
    expect(findings[0]!.message).toContain(
      '`cross_entropy_loss` (which passes it to `tf.nn.sparse_softmax_cross_entropy_with_logits` on line 17)',
    );
  });
  it('flags a torch model whose forward ends in softmax before CrossEntropyLoss, and a Keras loss called with from_logits=True', () => {
    const torch =
      `${TORCH}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 3)\n\n    def forward(self, x):\n` +
      '        return F.softmax(self.fc(x), dim=1)\n\nmodel = Net()\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\n';
    expect(checksIn(torch)).toEqual(['softmaxBeforeCrossEntropy']);
    const keras = `${KERAS}loss_fn = keras.losses.CategoricalCrossentropy(from_logits=True)\nloss = loss_fn(y, keras.activations.softmax(z))\n`;
    expect(checksIn(keras)).toEqual(['softmaxBeforeCrossEntropy']);
    expect(checksIn(keras.replace('from_logits=True', 'from_logits=False'))).toEqual([]);
  });
  it('flags a TF1 dense layer with a softmax activation whose output is passed as logits', () => {
    const source =
      'import tensorflow as tf\nlogits = tf.layers.dense(h, 10, activation=tf.nn.softmax)\nloss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)\n';
    expect(checksIn(source)).toEqual(['softmaxBeforeCrossEntropy']);
    expect(checksIn(source.replace('activation=tf.nn.softmax', 'activation=None'))).toEqual([]);
  });
  it('flags softmax or sigmoid before the optax losses, which take logits', () => {
    const source =
      'import jax\nimport optax\nprobs = jax.nn.softmax(model.apply(params, x))\nloss = optax.softmax_cross_entropy_with_integer_labels(probs, y).mean()\n';
    expect(checksIn(source)).toEqual(['softmaxBeforeCrossEntropy']);
    expect(
      checksIn('import flax.linen as nn\nimport optax\nl = optax.sigmoid_binary_cross_entropy(nn.sigmoid(z), y)\n'),
    ).toEqual(['sigmoidBeforeBCEWithLogits']);
    expect(
      checksIn(
        'import jax\nimport optax\nloss = optax.softmax_cross_entropy(logits=model.apply(params, x), labels=onehot)\n',
      ),
    ).toEqual([]);
  });
  it('flags sigmoid before tf.nn.sigmoid_cross_entropy_with_logits but not before a probability loss', () => {
    expect(
      checksIn(
        'import tensorflow as tf\nl = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=tf.sigmoid(z))\n',
      ),
    ).toEqual(['sigmoidBeforeBCEWithLogits']);
    expect(checksIn('import tensorflow as tf\nl = tf.keras.losses.binary_crossentropy(y, tf.sigmoid(z))\n')).toEqual(
      [],
    );
  });
});

describe('NLLLoss without log_softmax', () => {
  it("flags NLLLoss on a model whose forward returns a Linear layer's scores, not on one returning log_softmax", () => {
    const model = (ret: string) =>
      `${TORCH}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 3)\n\n    def forward(self, x):\n` +
      `        x = ${ret}\n        return x\n\nnet = Net()\ncriterion = nn.NLLLoss()\n\ndef step(x, y):\n    output = net(x)\n    return criterion(output, y)\n`;
    expect(checksIn(model('self.fc(x)'))).toEqual(['nllLossWithoutLogSoftmax']);
    expect(checksIn(model('F.log_softmax(self.fc(x), dim=1)'))).toEqual([]);
  });
});

describe('layer order', () => {
  it('leaves a bias alone when a variable decides it, and reads the positional bias of Conv2d', () => {
    const block = (conv: string) =>
      `${TORCH}def block(c, bias=True):\n    return nn.Sequential(${conv}, nn.BatchNorm2d(c))\n`;
    expect(checksIn(block('nn.Conv2d(c, c, 3, padding=1, bias=bias)'))).toEqual([]);
    expect(checksIn(block('nn.Conv2d(c, c, 3, 1, 1, 1, 1, False)'))).toEqual([]);
    expect(checksIn(block('nn.Conv2d(c, c, 3, 1, 1, 1, 1, True)'))).toEqual(['biasBeforeBatchNorm']);
    expect(checksIn(block('nn.Conv2d(c, c, 3, bias=True)'))).toEqual(['biasBeforeBatchNorm']);
  });
});

describe('reduced reproductions of faults people post, each with its usual fix', () => {
  const dir = 'test/fixtures/model-faults';
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.buggy.py'))
    .map((name) => name.replace(/\.buggy\.py$/, ''));
  it('has a fixed version for every faulty program', () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const name of names) expect(readdirSync(dir)).toContain(`${name}.fixed.py`);
  });
  it.each(names)('%s: the fault is flagged and its fix is silent', (name) => {
    expect(
      check(readFileSync(`${dir}/${name}.buggy.py`, 'utf8')).filter((finding) => finding.severity === 'warning'),
    ).not.toEqual([]);
    expect(check(readFileSync(`${dir}/${name}.fixed.py`, 'utf8'))).toEqual([]);
  });
});
