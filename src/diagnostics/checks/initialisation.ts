// Weights initialised to zero or one constant: every unit of the layer stays identical.
import type { CallSite } from '../../scanner/scanner';
import type { FileFacts } from '../facts';
import type { Finding, QuickFix } from '../findings';

const TORCH_CONSTANT_INITS = new Set(['torch.nn.init.zeros_', 'torch.nn.init.ones_', 'torch.nn.init.constant_']);
/** Layers where a constant start is a deliberate, known-good choice: norm scales, output heads, gates, zero-init residual branches. */
const DELIBERATE = /(bn|norm|ln|gamma|head|classifier|out|final|last|proj|gate|zero|scale|residual)/i;
/** A branch taken only for normalisation layers (`elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):`). */
const NORM_GUARD = /^(if|elif)\b.*(Norm|norm)/;
const KERAS_CONSTANT = /^(['"](zeros|ones)['"]|(\w+\.)*(Zeros|Ones|Constant|zeros|ones|constant)(\(.*\))?)$/;
const KERNEL_KEYWORDS = ['kernel_initializer', 'embeddings_initializer', 'depthwise_initializer', 'kernel_init'];

export function checkConstantWeightInit(facts: FileFacts): Finding[] {
  const findings: Finding[] = [];
  for (const call of facts.calls) {
    const symbol = facts.canonical(call);
    if (symbol && TORCH_CONSTANT_INITS.has(symbol)) {
      const target = call.args.positional[0] ?? call.args.keyword.tensor;
      if (!target || !/(^|\.)weight$/.test(target) || DELIBERATE.test(target) || underNormGuard(facts, call)) continue;
      findings.push(finding(call.range, `${call.callee}(${target}) gives every unit of the layer the same weights`, torchFixes(call, target)));
      continue;
    }
    if (!symbol && /(^|\.)weight(\.data)?\.(zero_|fill_)$/.test(call.callee)) {
      const target = call.callee.replace(/(\.data)?\.(zero_|fill_)$/, '');
      if (DELIBERATE.test(target)) continue;
      findings.push(finding(call.range, `${call.callee}() gives every unit of the layer the same weights`, []));
      continue;
    }
    if (!symbol?.startsWith('keras.layers.') && !symbol?.startsWith('flax.')) continue;
    for (const keyword of KERNEL_KEYWORDS) {
      const value = call.args.keyword[keyword];
      const range = call.argumentRanges.keyword[keyword];
      if (!value || !range || !KERAS_CONSTANT.test(value)) continue;
      const quote = value.startsWith('"') ? '"' : "'";
      const fixes: QuickFix[] = symbol.startsWith('keras.')
        ? [
            { title: "Use He (Kaiming) normal initialisation ('he_normal')", edits: [{ range, newText: `${quote}he_normal${quote}` }], preferred: false },
            { title: "Use Glorot (Xavier) uniform initialisation ('glorot_uniform', the Keras default)", edits: [{ range, newText: `${quote}glorot_uniform${quote}` }], preferred: false },
          ]
        : [];
      findings.push(finding(range, `${keyword}=${value} gives every unit of the layer the same weights`, fixes));
    }
  }
  return findings;
}

/** Inits in a branch for normalisation layers set their scales to 1 (or 0) on purpose. */
function underNormGuard(facts: FileFacts, call: CallSite): boolean {
  return facts.enclosingHeaders(call.statementIndex).some((header) => {
    const keyword = header.tokens[0]!.text;
    if (keyword === 'def' || keyword === 'class') return false;
    return NORM_GUARD.test(header.tokens.map((token) => token.text).join(' '));
  });
}

function finding(range: CallSite['range'], what: string, fixes: QuickFix[]): Finding {
  return {
    check: 'constantWeightInit',
    severity: 'warning',
    range,
    message:
      `${what}. Units that start equal receive equal gradients and stay equal, so the layer learns like a single unit (the symmetry problem). ` +
      'Use a random initialisation scaled to the layer size, such as He (for ReLU) or Xavier/Glorot (for tanh/sigmoid).',
    conceptId: 'weight-initialisation',
    fixes,
  };
}

function torchFixes(call: CallSite, target: string): QuickFix[] {
  const prefix = call.callee.slice(0, call.callee.lastIndexOf('.') + 1);
  return [
    { title: 'Use He (Kaiming) normal initialisation', edits: [{ range: call.callRange, newText: `${prefix}kaiming_normal_(${target}, nonlinearity="relu")` }], preferred: false },
    { title: 'Use Xavier (Glorot) uniform initialisation', edits: [{ range: call.callRange, newText: `${prefix}xavier_uniform_(${target})` }], preferred: false },
  ];
}
