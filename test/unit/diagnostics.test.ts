import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParamsLookup } from '../../src/diagnostics/facts';
import { CHECK_IDS } from '../../src/diagnostics/findings';
import { runChecks } from '../../src/diagnostics/runChecks';
import { scanPython } from '../../src/scanner/scanner';
import { check, checksIn, fixed, NO_CONCEPTS, paramsFor } from '../support/diagnosticsHarness';

const TORCH = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';

describe('softmax or sigmoid before a loss that expects logits', () => {
  it('recognises a loss moved to the device in the same line, as in criterion = nn.CrossEntropyLoss().to(device)', () => {
    const source = `${TORCH}criterion = nn.CrossEntropyLoss().to(device)\nloss = criterion(F.softmax(logits, dim=1), labels)\n`;
    expect(checksIn(source)).toEqual(['softmaxBeforeCrossEntropy']);
    expect(checksIn(source.replace('.to(device)', '.to(device).train_with(x)'))).toEqual([]);
  });
  it('does not flag a user function named like a loss', () => {
    expect(
      checksIn(
        `${TORCH}def criterion(p, y):\n    return (p - y).abs().mean()\nloss = criterion(F.softmax(z, dim=1), y)\n`,
      ),
    ).toEqual([]);
  });
  it("does not take another function's CrossEntropyLoss for this function's NLLLoss", () => {
    const source =
      `${TORCH}def train_ce(x, y):\n    criterion = nn.CrossEntropyLoss()\n    return criterion(model(x), y)\n\n` +
      `def train_nll(x, y):\n    criterion = nn.NLLLoss()\n    output = F.log_softmax(model(x), dim=1)\n    return criterion(output, y)\n`;
    expect(checksIn(source)).toEqual([]);
  });
  it('does not flag a criterion that a helper picks at run time', () => {
    const source =
      `${TORCH}def build(kind):\n    if kind == "ce":\n        return nn.CrossEntropyLoss()\n    return nn.NLLLoss()\n\n` +
      `criterion = nn.CrossEntropyLoss()\n\ndef step(x, y, kind):\n    criterion = build(kind)\n    out = F.log_softmax(model(x), dim=1)\n    return criterion(out, y)\n`;
    expect(checksIn(source)).toEqual([]);
  });
  it('does not flag log-probabilities computed in a branch the loss is outside of, or replaced before the loss', () => {
    const branch =
      `${TORCH}criterion = nn.CrossEntropyLoss()\n\ndef step(x, y, nll_head):\n    out = model(x)\n    if nll_head:\n` +
      `        out = F.log_softmax(out, dim=1)\n        return F.nll_loss(out, y)\n    return criterion(out, y)\n`;
    const replaced = `${TORCH}def scaled(logits, y, T):\n    scores = F.softmax(logits, dim=1)\n    scores = logits / T\n    return F.cross_entropy(scores, y)\n`;
    expect(checksIn(branch)).toEqual([]);
    expect(checksIn(replaced)).toEqual([]);
  });
  it('still flags softmax computed under autocast and a criterion moved to the GPU', () => {
    const source =
      `${TORCH}criterion = nn.CrossEntropyLoss()\ncriterion = criterion.cuda()\n\ndef step(x, y):\n    with torch.autocast("cuda"):\n` +
      `        probs = F.softmax(model(x), dim=1)\n    return criterion(probs, y)\n`;
    expect(checksIn(source)).toEqual(['softmaxBeforeCrossEntropy']);
  });
});

describe('Keras from_logits mismatch', () => {
  const model =
    "from tensorflow import keras\nfrom tensorflow.keras import layers\nmodel = keras.Sequential([layers.Dense(10, activation='softmax')])\n";
  it('flags from_logits=True when the output layer already applies softmax', () => {
    const source = `${model}model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n`;
    expect(checksIn(source)).toEqual(['fromLogitsMismatch']);
    expect(fixed(source, 'fromLogitsMismatch')).toContain('SparseCategoricalCrossentropy(from_logits=False)');
  });
  it('does not flag a sigmoid or softmax inside the model (squeeze-excite, attention pooling) when the output layer gives logits', () => {
    const source =
      'from tensorflow import keras\nfrom tensorflow.keras import layers\n' +
      "def se_block(x):\n    s = layers.Dense(8, activation='sigmoid')(x)\n    return layers.multiply([x, s])\n" +
      'inputs = keras.Input(shape=(8,))\nx = se_block(inputs)\nscores = layers.Dense(1)(x)\nweights = layers.Softmax(axis=1)(scores)\noutputs = layers.Dense(10)(x)\n' +
      'model = keras.Model(inputs, outputs)\nmodel.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n';
    expect(checksIn(source)).toEqual([]);
  });
  it("flags an Activation('softmax') layer after the last Dense, a subclassed model returning a softmax layer, and tf.nn.softmax on the outputs", () => {
    const loss = 'model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n';
    const head = 'from tensorflow import keras\nfrom tensorflow.keras import layers\nimport tensorflow as tf\n';
    const added = `${head}model = keras.Sequential()\nmodel.add(layers.Dense(10))\nmodel.add(layers.Activation('softmax'))\n${loss}`;
    const subclassed =
      `${head}class Classifier(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.out = layers.Dense(10, activation='softmax')\n\n` +
      `    def call(self, x):\n        return self.out(x)\n\nmodel = Classifier()\n${loss}`;
    const functional = `${head}inputs = keras.Input(shape=(4,))\nx = layers.Dense(10)(inputs)\noutputs = tf.nn.softmax(x)\nmodel = keras.Model(inputs, outputs)\n${loss}`;
    for (const source of [added, subclassed, functional]) expect(checksIn(source)).toEqual(['fromLogitsMismatch']);
  });
});

describe('training loop without zero_grad', () => {
  const loop = `${TORCH}def train(model, loader, optimizer):\n    for x, y in loader:\n        loss = F.mse_loss(model(x), y)\n        loss.backward()\n        optimizer.step()\n`;
  it('accepts model.zero_grad(), set_to_none and a zero_grad in a helper', () => {
    expect(
      checksIn(loop.replace('        loss.backward()', '        model.zero_grad()\n        loss.backward()')),
    ).toEqual([]);
    expect(
      checksIn(
        loop.replace(
          '        loss.backward()',
          '        optimizer.zero_grad(set_to_none=True)\n        loss.backward()',
        ),
      ),
    ).toEqual([]);
  });
  it('does not flag TensorFlow code that happens to call .step()', () => {
    expect(checksIn('import tensorflow as tf\nfor x in data:\n    loss.backward()\n    opt.step()\n')).toEqual([]);
  });
  it("leaves a step helper alone that is handed the caller's loss, but not a train step that computes its own", () => {
    const helper = `${TORCH}class Scaler:\n    def __call__(self, loss: torch.Tensor, optimizer, clip=None):\n        self.scaler.scale(loss).backward()\n        self.scaler.step(optimizer)\n`;
    expect(checksIn(helper)).toEqual([]);
    const apex = `${TORCH}def step(loss, optimizer):\n    with amp.scale_loss(loss, optimizer) as scaled_loss:\n        scaled_loss.backward()\n    optimizer.step()\n`;
    expect(checksIn(apex)).toEqual([]);
    const own = `${TORCH}def train_step(model, optimizer, batch, loss_fn):\n    loss = loss_fn(model(batch[0]), batch[1])\n    loss.backward()\n    optimizer.step()\n`;
    expect(checksIn(own)).toEqual(['missingZeroGrad']);
  });
  it('accepts gradients cleared or overwritten by hand', () => {
    expect(
      checksIn(
        loop.replace(
          '        loss.backward()',
          '        for p in model.parameters():\n            p.grad = None\n        loss.backward()',
        ),
      ),
    ).toEqual([]);
    expect(
      checksIn(
        loop.replace(
          '        optimizer.step()',
          '        optimizer.step()\n        for p in model.parameters():\n            p.grad.data.zero_()',
        ),
      ),
    ).toEqual([]);
  });
});

describe('evaluation without eval mode or no_grad', () => {
  it('accepts eval() with a no_grad decorator, and test functions', () => {
    expect(
      checksIn(
        `${TORCH}@torch.no_grad()\ndef evaluate(model, loader):\n    model.eval()\n    return [model(x) for x in loader]\n`,
      ),
    ).toEqual([]);
    expect(checksIn(`${TORCH}def test_model_shapes(model):\n    assert model(x).shape == (1, 10)\n`)).toEqual([]);
  });
  it('leaves the mode to the caller of a helper that is handed its model when nothing in the file trains', () => {
    const helper = `${TORCH}def evaluate(model, loader):\n    with torch.no_grad():\n        return [model(x) for x in loader]\n`;
    expect(checksIn(helper)).toEqual([]);
    expect(
      checksIn(`${TORCH}def predict_file(learner, x):\n    with torch.no_grad():\n        return learner.model(x)\n`),
    ).toEqual([]);
    const [finding] = check(helper.replace('    with torch.no_grad():\n        return', '    return'));
    expect(finding?.severity).toBe('information');
  });
  it('does not ask for no_grad where evaluation needs gradients, nor for eval() where the function switches to train() itself', () => {
    const adversarial =
      `${TORCH}def evaluate_fgsm(model, loader, eps):\n    model.eval()\n    for x, y in loader:\n        x.requires_grad_(True)\n` +
      `        F.cross_entropy(model(x), y).backward()\n        yield model(x + eps * x.grad.sign())\n`;
    const mcDropout = `${TORCH}def fit(model):\n    model.train()\n\ndef predict_mc(model, x, n):\n    model.train()\n    with torch.no_grad():\n        return [model(x) for _ in range(n)]\n`;
    expect(checksIn(adversarial)).toEqual([]);
    expect(checksIn(mcDropout)).toEqual([]);
  });
  it('ignores JAX code that only borrows the torch DataLoader', () => {
    const source =
      'import jax\nimport torch\nimport torch.utils.data as data\n\ndef predict(model, x):\n    return jax.nn.softmax(model(x))\n\nloader = torch.utils.data.DataLoader(ds)\n';
    expect(checksIn(source)).toEqual([]);
  });
});

describe('evaluation mode in module classes', () => {
  it("leaves a LightningModule's validation_step and a model's own predict() alone, but checks a trainer's validate()", () => {
    const lightning = `${TORCH}import lightning.pytorch as pl\nclass AutoEncoder(pl.LightningModule):\n    def validation_step(self, batch, batch_idx):\n        x_hat = self.decoder(self.encoder(batch))\n        return F.mse_loss(x_hat, batch)\n`;
    const own = `${TORCH}class Net(nn.Module):\n    def predict(self, x):\n        return self.classifier(x).argmax(-1)\n`;
    const trainer = `${TORCH}class Trainer:\n    def validate(self, loader):\n        return [self.model(x) for x in loader]\n`;
    expect(checksIn(lightning)).toEqual([]);
    expect(checksIn(own)).toEqual([]);
    expect(checksIn(trainer)).toEqual(['evaluationWithoutEvalMode']);
  });
  it("leaves Lightning hooks of a subclass of an in-file LightningModule, and a Trainer subclass's prediction_step, alone", () => {
    const lightning =
      `${TORCH}import lightning as L\nclass Base(L.LightningModule):\n    pass\n\nclass Classifier(Base):\n` +
      `    def validation_step(self, batch, batch_idx):\n        return self.model(batch)\n\n    def predict_step(self, batch, batch_idx):\n        return self.model(batch).softmax(-1)\n`;
    const trainer =
      `${TORCH}from transformers import Trainer\nclass DistillTrainer(Trainer):\n    def prediction_step(self, model, inputs, prediction_loss_only, ignore_keys=None):\n` +
      `        return model(**inputs).loss.detach()\n`;
    expect(checksIn(lightning)).toEqual([]);
    expect(checksIn(trainer)).toEqual([]);
  });
});

describe('constant weight initialisation', () => {
  it('flags nn.init.zeros_ on a weight and offers He or Xavier', () => {
    const source = `${TORCH}layer = nn.Linear(4, 4)\nnn.init.zeros_(layer.weight)\n`;
    const [finding] = check(source);
    expect(finding?.check).toBe('constantWeightInit');
    expect(finding?.fixes.map((fix) => fix.title)).toEqual([
      'Use He (Kaiming) normal initialisation',
      'Use Xavier (Glorot) uniform initialisation',
    ]);
    expect(fixed(source, 'constantWeightInit')).toContain('nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")');
  });
  it('does not flag the norm-layer branch of a module-init loop, but still the linear branch', () => {
    const source =
      `${TORCH}for m in self.modules():\n` +
      `    if isinstance(m, nn.Conv2d):\n        nn.init.kaiming_normal_(m.weight, mode="fan_out")\n` +
      `    elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):\n        nn.init.constant_(m.weight, 1)\n        nn.init.constant_(m.bias, 0)\n` +
      `    elif isinstance(m, nn.Linear):\n        nn.init.zeros_(m.weight)\n`;
    expect(check(source).map((finding) => [finding.check, finding.range.startLine])).toEqual([
      ['constantWeightInit', 10],
    ]);
  });
  it('does not flag the zero-initialised classifier head, affine scales or an added branch, but still a hidden layer', () => {
    const source =
      `${TORCH}def init_weights(module, name='', head_bias=0.0):\n    if isinstance(module, nn.Linear):\n` +
      `        if name.startswith('head'):\n            nn.init.zeros_(module.weight)\n` +
      `        elif 'classifier' in name:\n            nn.init.zeros_(module.weight)\n        else:\n            nn.init.zeros_(module.weight)\n` +
      `class Abn(nn.Module):\n    def reset(self):\n        if self.affine:\n            nn.init.constant_(self.weight, 1)\n` +
      `        nn.init.zeros_(self.mlp_add.fc2.weight)\n`;
    expect(check(source).map((finding) => [finding.check, finding.range.startLine])).toEqual([
      ['constantWeightInit', 10],
    ]);
  });
  it("flags a Keras kernel_initializer='zeros' but not a zero bias_initializer", () => {
    const source =
      "from tensorflow.keras import layers\nd = layers.Dense(8, kernel_initializer='zeros', bias_initializer='zeros')\n";
    expect(checksIn(source)).toEqual(['constantWeightInit']);
    expect(fixed(source, 'constantWeightInit')).toContain("kernel_initializer='he_normal'");
  });
  it('does not flag fill_(1) in a norm branch, norm and scale classes, or opt-in zero-init branches', () => {
    const source =
      `${TORCH}def weights_init(m):\n    if m.__class__.__name__.find("BatchNorm") != -1:\n        m.weight.data.fill_(1)\n` +
      `    for name, sub in m.named_modules():\n        if "bn" in name:\n            nn.init.ones_(sub.weight)\n\n` +
      `class RMSNorm(nn.Module):\n    def reset_parameters(self):\n        nn.init.ones_(self.weight)\n\n` +
      `class LayerScale(nn.Module):\n    def __init__(self, init_values):\n        nn.init.constant_(self.weight, init_values)\n\n` +
      `def make_embedding(n, d, zero_init=False):\n    m = nn.Embedding(n, d)\n    if zero_init:\n        nn.init.constant_(m.weight, 0)\n    return m\n`;
    expect(checksIn(source)).toEqual([]);
  });
  it('does not flag deliberate zero starts: LoRA B, adapter up-projections, ResNet fc heads, zero_init_* methods', () => {
    const source =
      `${TORCH}nn.init.zeros_(self.lora_B.weight)\nnn.init.zeros_(self.up.weight)\nnn.init.constant_(model.fc.weight, 0)\n` +
      `class ResNet(nn.Module):\n    def zero_init_last(self):\n        nn.init.zeros_(self.layer4.conv3.weight)\n`;
    expect(checksIn(source)).toEqual([]);
    expect(checksIn(`${TORCH}def init_all_zero(m):\n    nn.init.zeros_(m.weight)\n`)).toEqual(['constantWeightInit']);
  });
  it('does not flag a one-unit layer or a layer whose bias the same function sets to chosen values', () => {
    const source =
      `${TORCH}class Critic(nn.Module):\n    def __init__(self):\n        self.v = nn.Linear(64, 1)\n        nn.init.zeros_(self.v.weight)\n\n` +
      `class STN(nn.Module):\n    def __init__(self):\n        self.loc = nn.Linear(32, 6)\n        nn.init.zeros_(self.loc.weight)\n` +
      `        self.loc.bias.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))\n`;
    expect(checksIn(source)).toEqual([]);
  });
  it('does not flag a Keras or Flax output layer, a layer named head, or one with an explicit bias, but still a hidden layer', () => {
    const keras =
      'from tensorflow import keras\nfrom tensorflow.keras import layers\n' +
      "logreg = keras.Sequential([layers.Dense(3, activation='softmax', kernel_initializer='zeros')])\n" +
      "inputs = keras.Input(shape=(8,))\nx = layers.Dense(16, activation='relu', kernel_initializer='zeros')(inputs)\n" +
      "t = layers.Dense(9, kernel_initializer='zeros', bias_initializer=keras.initializers.Constant(1.0))(x)\n" +
      "x = layers.Conv2D(3, 1, kernel_initializer='zeros')(x)\nunet = keras.Model(inputs, x)\n";
    const flax =
      'import flax.linen as nn\nclass CNN(nn.Module):\n    @nn.compact\n    def __call__(self, x):\n' +
      "        x = nn.Dense(10, kernel_init=nn.initializers.zeros, name='head')(x)\n        return nn.Dense(10, kernel_init=nn.initializers.zeros)(x)\n";
    expect(check(keras).map((finding) => [finding.check, finding.range.startLine])).toEqual([
      ['constantWeightInit', 4],
    ]);
    expect(checksIn(flax)).toEqual([]);
  });
});

describe('dropout probabilities', () => {
  it('flags p=0.9 and suggests the complement without making it the preferred fix', () => {
    const source = `${TORCH}drop = nn.Dropout(p=0.9)\n`;
    const [finding] = check(source);
    expect(finding?.check).toBe('extremeDropout');
    expect(finding?.message).toContain('drops 90% of units');
    expect(finding?.fixes[0]?.preferred).toBe(false);
    expect(fixed(source, 'extremeDropout')).toContain('nn.Dropout(p=0.1)');
  });
  it('reports keep_prob passed to tf.nn.dropout when only tf.compat.v1.nn.dropout documents it', () => {
    const source = 'import tensorflow as tf\ny = tf.nn.dropout(x, keep_prob=0.8)\n';
    const v1Only: ParamsLookup = (symbol) =>
      symbol === 'tensorflow.compat.v1.nn.dropout'
        ? [{ name: 'keep_prob', position: 1, kind: 'keep-probability', meaning: 'keep probability (TF1)' }]
        : undefined;
    expect(runChecks(source, scanPython(source, NO_CONCEPTS), v1Only).map((finding) => finding.check)).toEqual([
      'deprecatedKeepProb',
    ]);
  });
});

describe('learning rates', () => {
  it('accepts Adagrad at 1.0, clipped SGD at 20 and Adam at 1.0 under a LambdaLR multiplier', () => {
    expect(checksIn(`${TORCH}opt = torch.optim.Adagrad(params, lr=1.0)\n`)).toEqual([]);
    expect(checksIn(`${TORCH}opt = torch.optim.SGD(params, lr=20)\nnn.utils.clip_grad_norm_(params, 0.25)\n`)).toEqual(
      [],
    );
    expect(
      checksIn(
        `${TORCH}opt = torch.optim.Adam(params, lr=1.0)\nsched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=noam)\n`,
      ),
    ).toEqual([]);
  });
});

describe('gradient clipping order', () => {
  const loop = (body: string) =>
    `${TORCH}def train(model, loader, optimizer):\n    for x, y in loader:\n        optimizer.zero_grad()\n${body}`;
  it('accepts the right order and leaves ambiguous multi-optimiser loops alone', () => {
    expect(
      checksIn(
        loop(
          '        loss.backward()\n        nn.utils.clip_grad_norm_(model.parameters(), 1.0)\n        optimizer.step()\n',
        ),
      ),
    ).toEqual([]);
    const gan = loop(
      '        d_loss.backward()\n        d_optimizer.step()\n        g_loss.backward()\n        g_optimizer.step()\n        nn.utils.clip_grad_norm_(g.parameters(), 1.0)\n',
    );
    expect(checksIn(gan)).not.toContain('clippingOutOfOrder');
  });
});

describe('sample files', () => {
  it('finds every check exactly where the mistakes fixture marks it', () => {
    const source = readFileSync('test/fixtures/mistakes_training.py', 'utf8');
    const marked = source
      .split('\n')
      .flatMap((line, index) =>
        /# (\w+)$/.exec(line) && !line.trimStart().startsWith('#') ? [`${index}:${/# (\w+)$/.exec(line)![1]}`] : [],
      );
    const found = check(source).map((finding) => `${finding.range.startLine}:${finding.check}`);
    expect(found.sort()).toEqual(marked.sort());
  });
  it('the fixed fixture no longer triggers the fixed checks', () => {
    let source = readFileSync('test/fixtures/mistakes_training.py', 'utf8');
    for (const id of [
      'softmaxBeforeCrossEntropy',
      'missingZeroGrad',
      'clippingOutOfOrder',
      'functionalDropoutAlwaysOn',
      'evaluationWithoutEvalMode',
    ] as const) {
      source = fixed(source, id);
    }
    expect(checksIn(source)).not.toEqual(
      expect.arrayContaining([
        'softmaxBeforeCrossEntropy',
        'missingZeroGrad',
        'clippingOutOfOrder',
        'functionalDropoutAlwaysOn',
      ]),
    );
    expect(source).toContain(
      'optimizer.zero_grad()\n            loss.backward()\n            torch.nn.utils.clip_grad_norm_',
    );
  });
  it('links every finding to a concept of the knowledge base, so Explain always has a page to open', () => {
    const ids = new Set(readdirSync('content').map((name) => name.replace(/\.yaml$/, '')));
    const linked = check(readFileSync('test/fixtures/mistakes_training.py', 'utf8')).map(
      (finding) => finding.conceptId,
    );
    expect(linked.filter((id) => !ids.has(id))).toEqual([]);
    expect(linked).toContain('train-eval-mode');
  });
  it.each(readdirSync('examples').filter((name) => name.endsWith('.py')))(
    'the shipped example %s produces no diagnostics',
    (name) => {
      expect(check(readFileSync(`examples/${name}`, 'utf8'))).toEqual([]);
    },
  );
});

describe('settings', () => {
  it('offers exactly one setting per check, plus the master switch', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    const settings = Object.keys(manifest.contributes.configuration.properties).filter((key) =>
      key.startsWith('dlTutor.diagnostics.'),
    );
    expect(settings.sort()).toEqual(
      ['dlTutor.diagnostics.enabled', ...CHECK_IDS.map((id) => `dlTutor.diagnostics.${id}`)].sort(),
    );
  });
  it('skips checks the user turned off', () => {
    const source = readFileSync('test/fixtures/mistakes_training.py', 'utf8');
    const findings = runChecks(source, scanPython(source, NO_CONCEPTS), paramsFor, (id) => id !== 'extremeDropout');
    expect(findings.map((f) => f.check)).not.toContain('extremeDropout');
    expect(findings.length).toBe(check(source).length - 1);
  });
});
