// Neighbouring layers that undo or waste each other: two activations, two linear maps, a bias or dropout before batch norm.
import type { FileFacts } from '../facts';
import type { CheckId, Finding, QuickFix } from '../findings';
import { layerSequences, type SequencedLayer } from '../layerSequences';

/** A layer that applies an activation of its own (Dense(64, activation='relu'), nn.ReLU()). */
const NON_LINEAR = (activation: string | undefined): boolean => activation !== undefined && activation !== 'linear';

export function checkLayerOrder(facts: FileFacts): Finding[] {
  const findings: Finding[] = [];
  for (const sequence of layerSequences(facts)) {
    sequence.forEach((layer, i) => {
      const next = sequence[i + 1];
      if (!next) return;
      const finding = pairFinding(layer, next);
      if (finding) findings.push(finding);
    });
  }
  return findings;
}

function pairFinding(layer: SequencedLayer, next: SequencedLayer): Finding | undefined {
  const { info } = layer;
  const name = `\`${layer.call.callee}\` (line ${layer.call.range.startLine + 1})`;
  if (
    next.info.kind === 'activation' &&
    NON_LINEAR(info.activation) &&
    NON_LINEAR(next.info.activation) &&
    (info.kind === 'activation' || info.kind === 'dense' || info.kind === 'conv')
  ) {
    return finding(
      'consecutiveActivations',
      'warning',
      next,
      'activation-functions',
      `${info.activation} from ${name} is followed directly by ${next.info.activation}, so the outputs go through two activations in a row. ` +
        `The second one works on already-squashed or clipped values (${next.info.activation} of ${info.activation}), which narrows the range the layer can output and usually weakens gradients. ` +
        'Keep one activation: remove this layer, or the activation of the layer before.',
      [],
    );
  }
  if (info.kind === 'dense' && next.info.kind === 'dense' && info.activation === 'linear') {
    return finding(
      'linearLayersWithoutActivation',
      'information',
      layer,
      'activation-functions',
      `${name} has no activation and feeds straight into another dense layer. Two linear maps in a row are one linear map (W2·(W1·x + b1) + b2), ` +
        'so the pair adds parameters but no expressive power. Add an activation between them, unless the bottleneck is deliberate.',
      [],
    );
  }
  if (
    (info.kind === 'dense' || info.kind === 'conv') &&
    next.info.kind === 'batchnorm' &&
    info.bias &&
    info.activation === 'linear'
  ) {
    return finding(
      'biasBeforeBatchNorm',
      'information',
      layer,
      'batch-normalisation',
      `${name} adds a bias that the batch normalisation right after it removes: normalising subtracts the batch mean, bias included, and the norm layer's own shift (beta) takes its place. ` +
        'The bias is wasted parameters and computation.',
      biasFix(layer),
    );
  }
  if (info.kind === 'dropout' && next.info.kind === 'batchnorm') {
    return finding(
      'dropoutBeforeBatchNorm',
      'information',
      next,
      'dropout',
      `Dropout (${name}) feeds straight into batch normalisation. In training the norm layer's running statistics see the variance of dropped-and-rescaled activations, ` +
        'but at inference dropout is off and the variance is different, so the normalisation is off (the "variance shift"). Put dropout after the normalisation, or after the last norm layer.',
      [],
    );
  }
  return undefined;
}

function finding(
  check: CheckId,
  severity: Finding['severity'],
  layer: SequencedLayer,
  conceptId: string,
  message: string,
  fixes: QuickFix[],
): Finding {
  return { check, severity, range: layer.call.callRange, message, conceptId, fixes };
}

function biasFix(layer: SequencedLayer): QuickFix[] {
  const { call, info } = layer;
  const keyword = info.framework === 'keras' ? 'use_bias' : 'bias';
  const written = call.argumentRanges.keyword[keyword];
  const edit = written
    ? { range: written, newText: 'False' }
    : {
        range: {
          startLine: call.callRange.endLine,
          startColumn: call.callRange.endColumn - 1,
          endLine: call.callRange.endLine,
          endColumn: call.callRange.endColumn - 1,
        },
        newText: `${call.args.positional.length + Object.keys(call.args.keyword).length > 0 ? ', ' : ''}${keyword}=False`,
      };
  return [{ title: `Set ${keyword}=False`, edits: [edit], preferred: true }];
}
