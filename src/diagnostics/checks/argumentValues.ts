// Argument values that are almost certainly mistakes: extreme dropout, TF1 keep_prob, implausible learning rates.
import { parseNumber } from '../../content/argumentNotes';
import type { FileFacts } from '../facts';
import { argumentOfKind } from '../facts';
import type { Finding } from '../findings';
import { kerasCompilations } from '../kerasCompile';
import type { CallSite, SourceRange } from '../../scanner/scanner';

// Adadelta and Adagrad are left out: Adadelta's lr only rescales the step, and both use 1.0 in their papers.
const ADAPTIVE_OPTIMISER = /(adam|rmsprop|adamax|nadam|lamb|lion|adafactor|yogi|novograd)/i;
/** TensorFlow 1 code, where the second positional argument of tf.nn.dropout is keep_prob, not rate. */
const TF1_SYMBOL =
  /^tensorflow\.(compat\.v1\.|contrib\.|(placeholder|Session|InteractiveSession|global_variables_initializer|variable_scope|get_variable)$)/;
/** A rate of 0 that the code sets later: DINO's `SGD(params, lr=0)  # lr is set by scheduler`, `param_group['lr'] = ...`. */
const RATE_SET_LATER = /\[\s*['"](lr|learning_rate)['"]\s*\]\s*=(?!=)|sched/i;
/** A base rate that a schedule multiplies (the Transformer's Noam schedule: Adam with lr=1.0 and a LambdaLR). */
const RATE_IS_MULTIPLIER = /LambdaLR|MultiplicativeLR|lr_lambda/;
const CLIPS_GRADIENTS = /clip_grad_(norm|value)_?\(|clip_by_global_norm|clipnorm|clipvalue/;

export function checkArgumentValues(facts: FileFacts): Finding[] {
  const findings: Finding[] = [];
  const tf1 = facts.calls.some((call) => TF1_SYMBOL.test(facts.canonical(call) ?? ''));
  // Whole-file tests, asked once per run rather than once per optimiser.
  const fileTests = new Map<RegExp, boolean>();
  const fileMatches = (pattern: RegExp): boolean => {
    let found = fileTests.get(pattern);
    if (found === undefined) fileTests.set(pattern, (found = pattern.test(facts.text.text)));
    return found;
  };
  for (const call of facts.calls) {
    const symbol = facts.canonical(call);
    const drop = argumentOfKind(facts, call, 'drop-probability');
    const dropValue = drop ? parseNumber(drop.value) : undefined;
    const tf1KeepProb = tf1 && symbol === 'tensorflow.nn.dropout' && drop?.keyword === false;
    if (drop && dropValue !== undefined && dropValue >= 0.9 && !tf1KeepProb) {
      const range = drop.keyword
        ? call.argumentRanges.keyword[drop.param.name]!
        : call.argumentRanges.positional[drop.param.position!]!;
      const keep = Math.round((1 - dropValue) * 1000) / 1000;
      findings.push({
        check: 'extremeDropout',
        severity: 'warning',
        range,
        message:
          dropValue > 1
            ? `${drop.param.name}=${drop.value} is not a probability: dropout rates lie between 0 and 1.`
            : `${drop.param.name}=${drop.value} drops ${Math.round(dropValue * 100)}% of units during training, leaving little signal. ` +
              `In ${call.callee} this is the probability of DROPPING a unit; if you meant to keep ${Math.round(dropValue * 100)}%, use ${keep}.`,
        conceptId: 'dropout',
        fixes:
          dropValue <= 1
            ? [
                {
                  title: `Use ${drop.param.name}=${keep} (drop ${Math.round(keep * 100)}%, keep ${Math.round(dropValue * 100)}%)`,
                  edits: [{ range, newText: String(keep) }],
                  preferred: false,
                },
              ]
            : [],
      });
    }

    // tf.nn.dropout(x, keep_prob=...) is the TF1 signature, documented under tf.compat.v1.
    const keep =
      argumentOfKind(facts, call, 'keep-probability') ??
      (symbol === 'tensorflow.nn.dropout'
        ? argumentOfKind(facts, call, 'keep-probability', 'tensorflow.compat.v1.nn.dropout')
        : undefined);
    const keepValue = keep ? parseNumber(keep.value) : undefined;
    if (keep && keep.keyword) {
      const whole = call.argumentRanges.keywordWhole[keep.param.name]!;
      const rate = keepValue !== undefined ? Math.round((1 - keepValue) * 1000) / 1000 : undefined;
      findings.push({
        check: 'deprecatedKeepProb',
        severity: 'information',
        range: whole,
        message: `${keep.param.name} is the deprecated TensorFlow 1 keep probability, the opposite of rate: keep_prob=${keep.value} drops ${keepValue !== undefined ? `${Math.round((1 - keepValue) * 100)}%` : '1 − keep_prob'} of units. TensorFlow 2 code passes rate=1 − keep_prob.`,
        conceptId: 'dropout',
        fixes:
          rate !== undefined && keepValue! > 0 && keepValue! <= 1
            ? [
                {
                  title: `Replace with rate=${rate}`,
                  edits: [{ range: whole, newText: `rate=${rate}` }],
                  preferred: true,
                },
              ]
            : [],
      });
    }

    const batchNormEps = positionalEps(facts, call);
    if (batchNormEps) findings.push(batchNormEps);

    const rate = learningRateOf(facts, call);
    const rateValue = rate ? parseNumber(rate.value) : undefined;
    if (rate && rateValue !== undefined) {
      const adaptive = ADAPTIVE_OPTIMISER.test(symbol ?? '');
      // Clipped SGD takes large steps on purpose: language models train with lr=20 and clip_grad_norm_(..., 0.25).
      const unbounded = fileMatches(RATE_IS_MULTIPLIER) || (!adaptive && fileMatches(CLIPS_GRADIENTS));
      // Optimising a few tensors directly (an image in style transfer, a toy function) tolerates larger steps than a network.
      const network = !/^\[/.test(call.args.positional[0] ?? '') && !compilesSingleLayer(facts, call);
      const limit = unbounded ? Infinity : adaptive ? (network ? 0.1 : 1) : network ? 3 : 10;
      if ((rateValue > 0 && rateValue < limit) || (rateValue === 0 && fileMatches(RATE_SET_LATER))) continue;
      const range = rate.range;
      findings.push({
        check: 'implausibleLearningRate',
        severity: 'warning',
        range,
        message:
          rateValue <= 0
            ? `A learning rate of ${rate.value} cannot train: it must be positive.`
            : `A learning rate of ${rate.value} is implausibly large for ${call.callee}${adaptive ? ', whose adaptive steps are already about the size of the rate; typical values are 1e-4 to 1e-3' : '; plain SGD on a network typically uses 0.001 to 0.1 (up to about 1 with large batches)'}. Training will most likely diverge.`,
        conceptId: 'learning-rate',
        fixes: [],
      });
    }
  }
  return findings;
}

/** The learning rate as the content documents it, or Keras' old `lr=` spelling (which kerasRemovedOptimizerArgs reports separately). */
function learningRateOf(facts: FileFacts, call: CallSite): { value: string; range: SourceRange } | undefined {
  const rate = argumentOfKind(facts, call, 'learning-rate');
  if (rate)
    return {
      value: rate.value,
      range: rate.keyword
        ? call.argumentRanges.keyword[rate.param.name]!
        : call.argumentRanges.positional[rate.param.position!]!,
    };
  const lr = facts.canonical(call)?.startsWith('keras.optimizers.') ? call.argumentRanges.keyword.lr : undefined;
  return lr ? { value: call.args.keyword.lr!, range: lr } : undefined;
}

const TORCH_BATCHNORM = /^torch\.nn\.(Lazy)?BatchNorm[123]d$/;

/** `nn.BatchNorm1d(256, 0.8)`: the second parameter is eps; 0.8 is a Keras-style momentum in the wrong place. */
function positionalEps(facts: FileFacts, call: CallSite): Finding | undefined {
  const symbol = facts.canonical(call) ?? '';
  const position = symbol.includes('Lazy') ? 0 : 1;
  const value = TORCH_BATCHNORM.test(symbol) ? parseNumber(call.args.positional[position] ?? '') : undefined;
  if (value === undefined || value < 0.05) return undefined;
  const range = call.argumentRanges.positional[position]!;
  const torchMomentum = Math.round((1 - value) * 1000) / 1000;
  return {
    check: 'batchNormPositionalEps',
    severity: 'warning',
    range,
    message:
      `The second argument of ${call.callee} is eps, not momentum: eps=${call.args.positional[position]} is added to the batch variance before the square root (the default is 1e-5), ` +
      'so features with small variance are barely normalised. A momentum was probably meant; in PyTorch it is the weight of the new batch (default 0.1), ' +
      `so Keras' momentum=${value} is PyTorch's momentum=${torchMomentum}.`,
    conceptId: 'batch-normalisation',
    fixes:
      value < 1
        ? [
            {
              title: `Use momentum=${torchMomentum} (Keras momentum ${value}) and the default eps`,
              edits: [{ range, newText: `momentum=${torchMomentum}` }],
              preferred: false,
            },
          ]
        : [],
  };
}

/** `model.compile(optimizer=RMSprop(0.1))` for a one-layer Keras model (a linear or logistic regression), which tolerates large steps. */
function compilesSingleLayer(facts: FileFacts, optimizer: CallSite): boolean {
  const inside = (outer: SourceRange, inner: SourceRange) =>
    (outer.startLine < inner.startLine ||
      (outer.startLine === inner.startLine && outer.startColumn <= inner.startColumn)) &&
    (inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn));
  return kerasCompilations(facts).some(
    (compilation) => compilation.output?.layerCount === 1 && inside(compilation.compile.callRange, optimizer.callRange),
  );
}
