// A Keras model's output layer against the loss it is compiled with, and softmax over a single unit in any framework.
import type { CallSite, SourceRange } from '../../scanner/scanner';
import type { FileFacts } from '../facts';
import type { Finding, QuickFix } from '../findings';
import { kerasCompilations, type Compilation } from '../kerasCompile';
import { layerSequences, type SequencedLayer } from '../layerSequences';
import { isProbabilityActivation, layerInfo } from '../layers';
import { sameRange } from '../sourceText';

export function checkSoftmaxSingleUnit(facts: FileFacts): Finding[] {
  const findings: Finding[] = [];
  const binaryLoss = kerasCompilations(facts).some((compilation) => compilation.loss?.kind === 'binary');
  const report = (range: SourceRange, activationRange: SourceRange | undefined, quote: string) => {
    if (findings.some((finding) => sameRange(finding.range, range))) return;
    findings.push({
      check: 'softmaxSingleUnit',
      severity: 'warning',
      range,
      message:
        'Softmax over a single unit always outputs 1.0 (e^z / e^z), whatever the input, so every prediction is the same and no gradient flows back: the model cannot learn. ' +
        'For two classes use one unit with sigmoid (and binary cross-entropy), or two units with softmax.',
      conceptId: 'softmax',
      fixes: activationRange
        ? [
            {
              title: 'Use sigmoid (one unit, binary cross-entropy)',
              edits: [{ range: activationRange, newText: `${quote}sigmoid${quote}` }],
              preferred: binaryLoss,
            },
          ]
        : [],
    });
  };
  // `Dense(1, activation='softmax')` anywhere, not only as the output.
  for (const call of facts.calls) {
    const info = layerInfo(facts, call);
    if (info?.kind !== 'dense' || info.units !== 1 || info.activation !== 'softmax') continue;
    const range = call.argumentRanges.keyword.activation ?? call.argumentRanges.positional[1]!;
    const written = call.args.keyword.activation ?? call.args.positional[1]!;
    report(range, /^['"]softmax['"]$/.test(written) ? range : undefined, written.startsWith('"') ? '"' : "'");
  }
  // `Dense(1)` or `nn.Linear(64, 1)` followed by a softmax layer.
  for (const sequence of layerSequences(facts)) {
    sequence.forEach((layer, i) => {
      const next = sequence[i + 1];
      if (
        layer.info.kind !== 'dense' ||
        layer.info.units !== 1 ||
        layer.info.activation !== 'linear' ||
        next?.info.activation !== 'softmax' ||
        !overLastAxis(next)
      )
        return;
      report(next.call.callRange, undefined, "'");
    });
  }
  return findings;
}

/** A softmax layer over the features of a dense layer's output: Keras' default axis -1, or torch's dim -1 or 1 on (batch, features). */
function overLastAxis(softmax: SequencedLayer): boolean {
  const { args } = softmax.call;
  const axis = (
    args.keyword.axis ??
    args.keyword.dim ??
    (softmax.call.callee.endsWith('Softmax') ? args.positional[0] : undefined)
  )?.replace(/\s/g, '');
  return axis === undefined || axis === '-1' || (axis === '1' && softmax.info.framework === 'torch');
}

export function checkOutputLossMismatch(facts: FileFacts): Finding[] {
  return kerasCompilations(facts).flatMap((compilation) => {
    const { loss, output } = compilation;
    if (!loss || !output || !output.activation || loss.fromLogits || loss.kind === 'regression') return [];
    const activation = output.activation;
    const layer = output.layer;
    const where = `the output layer (\`${layer.callee}\` on line ${layer.range.startLine + 1})`;
    const categorical = loss.kind === 'categorical' || loss.kind === 'sparse-categorical';
    if (categorical && output.units === 1 && activation !== 'softmax') {
      const literal = /^(['"])\w+\1$/.exec(loss.text);
      const fixes: QuickFix[] =
        literal && activation === 'sigmoid'
          ? [
              {
                title: 'Use binary_crossentropy',
                edits: [{ range: loss.range, newText: `${literal[1]}binary_crossentropy${literal[1]}` }],
                preferred: true,
              },
            ]
          : [];
      return [
        mismatch(
          loss.range,
          `${loss.text} needs one output unit per class, but ${where} has a single unit. ` +
            (loss.kind === 'categorical'
              ? 'Keras rescales the outputs to sum to 1, so the one unit always predicts probability 1: the loss is 0 whatever the model does and nothing is learned. '
              : 'Only class 0 exists for it, so a label of 1 is out of range: the loss is wrong (or the run fails). ') +
            'For two classes use one sigmoid unit with binary_crossentropy, or one unit per class with softmax.',
          fixes,
        ),
      ];
    }
    if (categorical && activation === 'sigmoid' && output.units !== 1) {
      return [
        mismatch(
          loss.range,
          `${loss.text} expects a probability distribution over the classes, but ${where} applies sigmoid, whose outputs are independent and do not sum to 1. ` +
            'Keras rescales them to sum to 1, which hides the mistake while the gradients push every class separately. Use softmax for one label per example (or binary cross-entropy for several labels per example).',
          activationFix(facts, layer, 'softmax'),
        ),
      ];
    }
    if (categorical && !isProbabilityActivation(activation) && activation !== 'log_softmax' && output.units !== 1) {
      return [
        mismatch(
          loss.range,
          `${loss.text} expects probabilities, but ${where} applies ${activation === 'linear' ? 'no activation' : activation}, so its outputs are raw scores. ` +
            'Keras divides them by their sum and clips them into (0, 1), so negative or unbounded scores give meaningless losses and gradients. Add softmax to the output layer, or build the loss with from_logits=True.',
          activationFix(facts, layer, 'softmax'),
        ),
      ];
    }
    if (loss.kind === 'binary' && !isProbabilityActivation(activation) && activation !== 'log_softmax') {
      return [
        mismatch(
          loss.range,
          `${loss.text} expects probabilities in (0, 1), but ${where} applies ${activation === 'linear' ? 'no activation' : activation}. ` +
            'Keras clips the outputs into (0, 1), so every output outside that range gets the same loss and no gradient: training stalls. Use sigmoid on the output, or build the loss with from_logits=True.',
          activationFix(facts, layer, 'sigmoid'),
        ),
      ];
    }
    if (loss.kind === 'binary' && activation === 'softmax' && (output.units ?? 0) > 2 && compilation.accuracy) {
      return [
        mismatch(
          loss.range,
          `${loss.text} on ${where}, a softmax over ${output.units} classes, scores each unit as a separate yes/no question, and the 'accuracy' metric becomes binary accuracy ` +
            `over all ${output.units} units, which is high even for a model that is always wrong (mostly zeros are right). Use categorical_crossentropy (one-hot labels) or sparse_categorical_crossentropy (class indices).`,
          [],
        ),
      ];
    }
    return [];
  });
}

export function checkRegressionLossOnClassifier(facts: FileFacts): Finding[] {
  return kerasCompilations(facts).flatMap((compilation: Compilation) => {
    const { loss, output } = compilation;
    if (loss?.kind !== 'regression' || !output) return [];
    const classifier = output.activation === 'softmax' || (output.activation === 'sigmoid' && compilation.accuracy);
    if (!classifier) return [];
    const replacement = output.activation === 'sigmoid' ? 'binary_crossentropy' : 'categorical_crossentropy';
    const literal = /^(['"])\w+\1$/.exec(loss.text);
    const fixes: QuickFix[] = literal
      ? [
          {
            title: `Use ${replacement}`,
            edits: [{ range: loss.range, newText: `${literal[1]}${replacement}${literal[1]}` }],
            preferred: output.activation === 'sigmoid',
          },
        ]
      : [];
    return [
      {
        check: 'regressionLossOnClassifier' as const,
        severity: 'warning' as const,
        range: loss.range,
        message:
          `${loss.text} is a regression loss, but the model is a classifier: its output layer (\`${output.layer.callee}\` on line ${output.layer.range.startLine + 1}) applies ${output.activation}. ` +
          `The squared error's gradient is multiplied by the ${output.activation}'s slope, which vanishes when the model is confidently wrong, so it learns slowly or stalls; ` +
          `cross-entropy's gradient is simply prediction − label. Use ${replacement}${output.activation === 'softmax' ? ' (or sparse_categorical_crossentropy for integer labels)' : ''}.`,
        conceptId: 'cross-entropy-loss',
        fixes,
      },
    ];
  });
}

function mismatch(range: SourceRange, message: string, fixes: QuickFix[]): Finding {
  return {
    check: 'outputLossMismatch',
    severity: 'warning',
    range,
    message,
    conceptId: 'logits-vs-probabilities',
    fixes,
  };
}

/** Set the output Dense layer's activation: replace a string, or add the argument when there is none. */
function activationFix(facts: FileFacts, layer: CallSite, activation: string): QuickFix[] {
  if (layerInfo(facts, layer)?.kind !== 'dense') return [];
  const range =
    layer.argumentRanges.keyword.activation ??
    (facts.canonical(layer) === 'keras.layers.Dense' ? layer.argumentRanges.positional[1] : undefined);
  const written = layer.args.keyword.activation ?? layer.args.positional[1];
  const title = `Apply ${activation} in the output layer`;
  if (range && written && /^(['"])\w+\1$/.test(written))
    return [{ title, edits: [{ range, newText: `${written[0]}${activation}${written[0]}` }], preferred: false }];
  if (
    range ||
    layer.args.positional.some((arg) => arg.startsWith('*')) ||
    Object.keys(layer.args.keyword).length + layer.args.positional.length === 0
  )
    return [];
  const end = { line: layer.callRange.endLine, column: layer.callRange.endColumn - 1 };
  return [
    {
      title,
      edits: [
        {
          range: { startLine: end.line, startColumn: end.column, endLine: end.line, endColumn: end.column },
          newText: `, activation='${activation}'`,
        },
      ],
      preferred: false,
    },
  ];
}
