import { describe, expect, it } from 'vitest';
import { check, checksIn, fixed } from '../support/diagnosticsHarness';

const KERAS = 'from tensorflow import keras\nfrom tensorflow.keras import layers\n';
const TORCH = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';

describe('argument values', () => {
  it('flags nn.BatchNorm1d(n, 0.8), whose second argument is eps, and offers the matching PyTorch momentum', () => {
    const source = `${TORCH}bn = nn.BatchNorm1d(256, 0.8)\n`;
    const [finding] = check(source);
    expect(finding?.check).toBe('batchNormPositionalEps');
    expect(finding?.message).toContain('momentum=0.2');
    expect(finding?.fixes[0]?.preferred).toBe(false);
    expect(fixed(source, 'batchNormPositionalEps')).toContain('nn.BatchNorm1d(256, momentum=0.2)');
  });
  it('flags Adam(lr=0.1) on a network and SGD(lr=3.0), but not Adam at 0.1 on a tensor being optimised directly', () => {
    expect(checksIn(`${TORCH}opt = torch.optim.Adam(model.parameters(), lr=0.1)\n`)).toEqual([
      'implausibleLearningRate',
    ]);
    expect(checksIn(`${TORCH}opt = torch.optim.SGD(model.parameters(), lr=3.0)\n`)).toEqual([
      'implausibleLearningRate',
    ]);
    expect(checksIn(`${TORCH}opt = torch.optim.Adam([image], lr=0.1)\n`)).toEqual([]);
    expect(checksIn(`${TORCH}opt = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)\n`)).toEqual([]);
  });
  it('accepts a large adaptive rate for a one-layer Keras regression, not for a deeper model', () => {
    const compile = "model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1), loss='mse')\n";
    expect(checksIn(`${KERAS}model = keras.Sequential([layers.Dense(1)])\n${compile}`)).toEqual([]);
    expect(
      checksIn(`${KERAS}model = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(1)])\n${compile}`),
    ).toEqual(['implausibleLearningRate']);
  });
  it("reads Keras' old lr= spelling as the learning rate", () => {
    expect(checksIn(`${KERAS}opt = keras.optimizers.Adam(lr=0.5)\n`).sort()).toEqual([
      'implausibleLearningRate',
      'kerasRemovedOptimizerArgs',
    ]);
  });
});

describe('deprecated PyTorch APIs', () => {
  it('flags torch.load of a whole pickled module, which fails from PyTorch 2.6 on, and leaves state-dict loads alone', () => {
    const source = `${TORCH}with open(path, "rb") as f:\n    model = torch.load(f)\nmodel.rnn.flatten_parameters()\n`;
    const [finding] = check(source);
    expect(finding).toMatchObject({ check: 'torchLoadWithoutWeightsOnly', severity: 'warning' });
    expect(finding?.message).toContain('UnpicklingError');
    expect(fixed(source, 'torchLoadWithoutWeightsOnly')).toContain('model = torch.load(f, weights_only=False)');
    expect(
      checksIn(
        `${TORCH}state = torch.load("ckpt.pt", map_location="cpu")\nnet.load_state_dict(torch.load(path))\nmodel_checkpoint = torch.load(path)\n`,
      ),
    ).toEqual([]);
    expect(checksIn(`${TORCH}model = torch.load("m.pt", weights_only=False)\n`)).toEqual([]);
  });
  it('replaces torchvision pretrained=False with weights=None and offers weights="DEFAULT" for True', () => {
    const source = 'import torchvision\nm = torchvision.models.resnet18(pretrained=False)\n';
    expect(fixed(source, 'torchvisionPretrained')).toContain('resnet18(weights=None)');
    const [finding] = check('from torchvision import models\nm = models.resnet50(pretrained=True)\n');
    expect(finding?.fixes[0]).toMatchObject({ preferred: false });
    expect(checksIn('import timm\nm = timm.create_model("resnet50", pretrained=True)\n')).toEqual([]);
  });
  it('leaves the old AMP API alone as the fallback of an except branch for old PyTorch versions', () => {
    const source = `${TORCH}try:\n    scaler = torch.amp.GradScaler(device="cuda")\nexcept (AttributeError, TypeError):\n    scaler = torch.cuda.amp.GradScaler()\n`;
    expect(checksIn(source)).toEqual([]);
    expect(checksIn(source.replace('except (AttributeError, TypeError):', 'finally:'))).toEqual(['deprecatedCudaAmp']);
  });
});

describe('module use', () => {
  it('flags eval() in an evaluation function the training loop calls, but not eval() after training has finished', () => {
    const helper =
      `${TORCH}def evaluate(model, val):\n    model.eval()\n    with torch.no_grad():\n        return [model(x) for x in val]\n\n` +
      'def fit(model, opt, loader, val):\n    for epoch in range(10):\n        for x, y in loader:\n            opt.zero_grad()\n' +
      '            F.cross_entropy(model(x), y).backward()\n            opt.step()\n        evaluate(model, val)\n';
    expect(checksIn(helper)).toEqual(['evalModeNeverReset']);
    const after = helper.replace('        evaluate(model, val)\n', '    evaluate(model, val)\n');
    expect(checksIn(after)).toEqual([]);
  });
});

describe('numerically unstable formulas', () => {
  it('rewrites log(1 + x) to log1p and exp(x) - 1 to expm1', () => {
    expect(fixed(`${TORCH}y = torch.log(1 + x)\n`, 'unstableLogExp')).toContain('y = torch.log1p(x)');
    expect(fixed('import numpy as np\ny = np.exp(rate * t) - 1\n', 'unstableLogExp')).toContain(
      'y = np.expm1(rate * t)\n',
    );
    expect(fixed('import tensorflow as tf\ny = tf.exp(x) - 1.0\n', 'unstableLogExp')).toContain(
      'y = tf.math.expm1(x)\n',
    );
  });
});

describe('constant initialisation in TF1 layers and from arrays', () => {
  it('flags a TF1 tf.layers.dense with a zeros initializer', () => {
    expect(
      checksIn(
        'import tensorflow as tf\nh = tf.layers.dense(x, 64, kernel_initializer=tf.zeros_initializer())\nout = tf.layers.dense(h, 10)\n',
      ),
    ).toEqual(['constantWeightInit']);
  });
  it('does not flag Constant(embedding_matrix), which loads pretrained vectors, but flags Constant(0.5)', () => {
    const embedding = `${KERAS}e = layers.Embedding(n, 100, embeddings_initializer=keras.initializers.Constant(embedding_matrix), trainable=False)\n`;
    expect(checksIn(embedding)).toEqual([]);
    expect(checksIn(`${KERAS}h = layers.Dense(64, kernel_initializer=keras.initializers.Constant(0.5))\n`)).toEqual([
      'constantWeightInit',
    ]);
  });
});
