import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/diagnostics/findings';
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
  it('accepts a small positional eps and keyword momentum', () => {
    expect(checksIn(`${TORCH}a = nn.BatchNorm2d(64, 1e-3)\nb = nn.BatchNorm1d(256, momentum=0.8)\n`)).toEqual([]);
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

describe('Keras optimizer arguments removed in Keras 3', () => {
  it('renames lr= to learning_rate= and explains decay=', () => {
    const source = `${KERAS}opt = keras.optimizers.SGD(lr=0.01, decay=1e-6, momentum=0.9)\n`;
    const findings = check(source);
    expect(findings.map((finding) => finding.check)).toEqual([
      'kerasRemovedOptimizerArgs',
      'kerasRemovedOptimizerArgs',
    ]);
    expect(findings[1]!.message).toContain('InverseTimeDecay');
    expect(fixed(source, 'kerasRemovedOptimizerArgs')).toContain('keras.optimizers.SGD(learning_rate=0.01, decay=1e-6');
  });
  it('accepts learning_rate= and the legacy optimizers, which still take lr=', () => {
    expect(
      checksIn(`${KERAS}a = keras.optimizers.Adam(learning_rate=1e-3)\nb = keras.optimizers.legacy.Adam(lr=1e-3)\n`),
    ).toEqual([]);
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
  it('rewrites torch.range to torch.arange with the end made exclusive', () => {
    const source = `${TORCH}steps = torch.range(0, 10)\n`;
    expect(checksIn(source)).toEqual(['deprecatedTorchRange']);
    expect(fixed(source, 'deprecatedTorchRange')).toContain('torch.arange(0, 11.0)');
    expect(check(`${TORCH}t = torch.range(a, b)\n`)[0]?.fixes).toEqual([]);
    expect(checksIn(`${TORCH}t = torch.arange(0, 10)\nfor i in range(10):\n    pass\n`)).toEqual([]);
  });
  it('replaces size_average and reduce with the reduction they mean', () => {
    expect(fixed(`${TORCH}c = nn.MSELoss(size_average=False)\n`, 'deprecatedLossReduction')).toContain(
      "nn.MSELoss(reduction='sum')",
    );
    expect(
      fixed(`${TORCH}l = F.cross_entropy(x, y, size_average=True, reduce=False)\n`, 'deprecatedLossReduction'),
    ).toContain("F.cross_entropy(x, y, reduction='none')");
    expect(checksIn(`${TORCH}c = nn.MSELoss(reduction='sum')\n`)).toEqual([]);
  });
  it('replaces torchvision pretrained=False with weights=None and offers weights="DEFAULT" for True', () => {
    const source = 'import torchvision\nm = torchvision.models.resnet18(pretrained=False)\n';
    expect(fixed(source, 'torchvisionPretrained')).toContain('resnet18(weights=None)');
    const [finding] = check('from torchvision import models\nm = models.resnet50(pretrained=True)\n');
    expect(finding?.fixes[0]).toMatchObject({ preferred: false });
    expect(checksIn('import timm\nm = timm.create_model("resnet50", pretrained=True)\n')).toEqual([]);
  });
  it("rewrites torch.cuda.amp.autocast to torch.amp.autocast('cuda')", () => {
    const source = `${TORCH}with torch.cuda.amp.autocast(enabled=True):\n    y = model(x)\nscaler = torch.cuda.amp.GradScaler()\n`;
    expect(checksIn(source)).toEqual(['deprecatedCudaAmp', 'deprecatedCudaAmp']);
    expect(fixed(source, 'deprecatedCudaAmp')).toContain("with torch.amp.autocast('cuda', enabled=True):");
    expect(checksIn(`${TORCH}with torch.autocast("cuda"):\n    y = model(x)\n`)).toEqual([]);
  });
  it('leaves the old AMP API alone as the fallback of an except branch for old PyTorch versions', () => {
    const source = `${TORCH}try:\n    scaler = torch.amp.GradScaler(device="cuda")\nexcept (AttributeError, TypeError):\n    scaler = torch.cuda.amp.GradScaler()\n`;
    expect(checksIn(source)).toEqual([]);
    expect(checksIn(source.replace('except (AttributeError, TypeError):', 'finally:'))).toEqual(['deprecatedCudaAmp']);
  });
});

describe('module use', () => {
  it('flags module.forward(x) and calls the module instead', () => {
    const source = `${TORCH}def step(model, x):\n    return model.encoder.forward(x)\n`;
    expect(checksIn(source)).toEqual(['forwardCalledDirectly']);
    expect(fixed(source, 'forwardCalledDirectly')).toContain('return model.encoder(x)');
  });
  it("does not flag a module's own forward, super().forward, a base class's forward or an RPC RemoteModule", () => {
    expect(checksIn(`${TORCH}def step(self, x):\n    return self.remote_emb_module.forward(x)\n`)).toEqual([]);
    const source =
      `${TORCH}class Net(nn.Module):\n    def predict(self, x):\n        return self.forward(x)\n\n` +
      'class Wrapped(Net):\n    def forward(self, x):\n        y = super().forward(x)\n        return Net.forward(self, y)\n';
    expect(checksIn(source)).toEqual([]);
  });
  it('flags a misspelt requires_grad assignment and renames it', () => {
    const source = `${TORCH}for p in model.parameters():\n    p.require_grad = False\n`;
    expect(checksIn(source)).toEqual(['requiresGradMisspelt']);
    expect(fixed(source, 'requiresGradMisspelt')).toContain('p.requires_grad = False');
    expect(
      checksIn(`${TORCH}for p in model.parameters():\n    p.requires_grad = False\n    p.requires_grad_(False)\n`),
    ).toEqual([]);
  });
  it('flags eval() in a training loop that never switches back to train(), and inserts train()', () => {
    const loop =
      `${TORCH}def fit(model, opt, loader, val):\n    for epoch in range(10):\n        for x, y in loader:\n            opt.zero_grad()\n` +
      '            F.cross_entropy(model(x), y).backward()\n            opt.step()\n        model.eval()\n        with torch.no_grad():\n            acc = score(model, val)\n';
    expect(checksIn(loop)).toEqual(['evalModeNeverReset']);
    expect(fixed(loop, 'evalModeNeverReset')).toContain(
      '    for epoch in range(10):\n        model.train()\n        for x, y in loader:',
    );
    expect(
      checksIn(loop.replace('        for x, y in loader:\n', '        model.train()\n        for x, y in loader:\n')),
    ).toEqual([]);
  });
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
  it('rewrites log(sum(exp(x))) to logsumexp when the dimension is given, and explains softplus for log(1 + exp(x))', () => {
    expect(fixed(`${TORCH}lse = torch.log(torch.sum(torch.exp(z), dim=1))\n`, 'unstableLogExp')).toContain(
      'lse = torch.logsumexp(z, dim=1)',
    );
    expect(
      fixed('import tensorflow as tf\nlse = tf.math.log(tf.reduce_sum(tf.exp(z), axis=-1))\n', 'unstableLogExp'),
    ).toContain('tf.reduce_logsumexp(z, axis=-1)');
    const [softplus] = check(`${TORCH}y = torch.log(1 + torch.exp(x))\n`);
    expect(softplus?.message).toContain('softplus');
    expect(softplus?.fixes).toEqual([]);
  });
  it('leaves stable or different formulas alone', () => {
    expect(checksIn('import jax.numpy as jnp\ny = jnp.log(1 + jnp.exp(-abs_logits))\n')).toEqual([]);
    expect(
      checksIn(
        `${TORCH}a = torch.log(x + 1e-8)\nb = 2 * torch.exp(x) - 1\nc = torch.exp(x) - 10\nd = torch.log(1 + x - y)\n`,
      ),
    ).toEqual([]);
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

describe('every check', () => {
  // One mistake per check, as small as it can be; together they must reach every check id.
  const SAMPLES = [
    `${TORCH}criterion = nn.CrossEntropyLoss()\nloss = criterion(F.softmax(z, dim=1), y)\nbce = nn.BCEWithLogitsLoss()\nl2 = bce(torch.sigmoid(z), y)\nl3 = F.nll_loss(F.softmax(z, dim=1), y)\n`,
    `${KERAS}model = keras.Sequential([layers.Dense(10, activation='softmax')])\nmodel.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n`,
    `${KERAS}m = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(1, activation='softmax')])\nm.compile(loss='binary_crossentropy')\n`,
    `${KERAS}m = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(10, activation='sigmoid')])\nm.compile(loss='categorical_crossentropy')\n`,
    `${KERAS}m = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(10, activation='softmax')])\nm.compile(loss='mse')\n`,
    `${KERAS}y_train = y_train / 255\nm = keras.Sequential([layers.Dense(8, activation='relu'), layers.Dense(10, activation='softmax')])\nm.compile(loss='sparse_categorical_crossentropy')\n`,
    `${KERAS}x_train = x_train / 255.0\nm.evaluate(x_test, y_test)\n`,
    `${TORCH}def train(model, loader, optimizer):\n    for x, y in loader:\n        F.mse_loss(model(x), y).backward()\n        optimizer.step()\n        nn.utils.clip_grad_norm_(model.parameters(), 1.0)\n        model.eval()\n`,
    `${TORCH}def fit(model):\n    model.train()\n\ndef evaluate(model, loader):\n    return [model(x) for x in loader]\n`,
    `${TORCH}nn.init.zeros_(layer.weight)\nd = nn.Dropout(p=0.95)\nopt = torch.optim.Adam(model.parameters(), lr=0.5)\nbn = nn.BatchNorm1d(64, 0.8)\n`,
    'import tensorflow as tf\ny = tf.nn.dropout(x, keep_prob=0.5)\n',
    `${KERAS}opt = keras.optimizers.SGD(lr=0.01)\n`,
    `${TORCH}class Net(nn.Module):\n    def forward(self, x):\n        return F.dropout(x, 0.2)\n`,
    `${TORCH}a = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Tanh())\nb = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\nc = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\nd = nn.Sequential(nn.Dropout(0.2), nn.BatchNorm1d(8))\n`,
    `${TORCH}y = model.encoder.forward(x)\nmodel = torch.load(path)\nz = torch.log(1 + x)\nr = torch.range(0, 3)\np.require_grad = False\nc = nn.L1Loss(size_average=False)\n`,
    `${TORCH}import torchvision\nm = torchvision.models.resnet18(pretrained=False)\nwith torch.cuda.amp.autocast():\n    pass\n`,
  ];
  const findings = SAMPLES.flatMap((source) => check(source));
  it('fires on its sample, so no check is dead', () => {
    expect([...new Set(findings.map((finding) => finding.check))].sort()).toEqual([...CHECK_IDS].sort());
  });
  it('names a concept of the knowledge base for Explain', () => {
    const ids = new Set(readdirSync('content').map((name) => name.replace(/\.yaml$/, '')));
    expect(
      findings
        .filter((finding) => !ids.has(finding.conceptId))
        .map((finding) => `${finding.check}: ${finding.conceptId}`),
    ).toEqual([]);
  });
});
