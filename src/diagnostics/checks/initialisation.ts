// Weights initialised to zero or one constant: every unit of the layer stays identical.
import type { CallSite } from '../../scanner/scanner';
import type { Scope } from '../../scanner/statements';
import type { FileFacts } from '../facts';
import type { Finding, QuickFix } from '../findings';
import { kerasOutputs } from '../kerasOutputs';
import { tokenText } from '../sourceText';

const TORCH_CONSTANT_INITS = new Set(['torch.nn.init.zeros_', 'torch.nn.init.ones_', 'torch.nn.init.constant_']);
/**
 * Layers where a constant start is a deliberate, known-good choice: norm scales, output heads (`fc` in
 * ResNets), gates, and zero-init residual branches (LoRA's B, adapters' up-projections, `mlp_add` branches).
 */
const DELIBERATE =
  /(bn|norm|ln|gamma|head|classifier|out|final|last|proj|gate|zero|scale|residual|lora|adapter|(^|[._])(up|fc)(\.weight|$)|(^|[._])(\w+_)?add([._]|$))/i;
/** Classes and functions whose constant inits are their point: RMSNorm, LayerScale, ZeroConv, zero_init_head(). */
const DELIBERATE_CONTEXT = /(norm|scale|lora|adapter|gate|head|residual|zero_?(init|conv|linear|module))/i;
/**
 * A branch for normalisation layers (`elif isinstance(m, nn.BatchNorm2d):`, `if 'bn' in name:`, `if self.affine:`), an opt-in
 * zero init (`if zero_init:`) or the classifier head of an init function (`if name.startswith('head'):`).
 */
const DELIBERATE_GUARD = /^(if|elif)\b.*(Norm|norm|\bbn\d*\b|zero_?init|affine|head|classifier)/;
/** Layers whose output size is their second argument (torch) or first (Keras), as it is called when the layer is built. */
const TORCH_LAYER_OUT = /^torch\.nn\.(Linear|Conv[123]d|ConvTranspose[123]d)$/;
const TORCH_OUT_KEYWORDS = ['out_features', 'out_channels'];
const KERAS_OUT_KEYWORDS = ['units', 'filters', 'features'];
const KERAS_CONSTANT_ZERO = /^(['"]zeros?['"]|(\w+\.)*(Zeros|zeros|zeros_initializer)(\(\))?)$/;
/**
 * Zeros, ones, or one number for every weight (`Constant(0.1)`, TF1's `tf.constant_initializer(0.0)`); a Constant built
 * from an array (pretrained embeddings, `Constant(embedding_matrix)`) gives each weight its own value.
 */
const KERAS_CONSTANT =
  /^(['"](zeros|ones)['"]|(\w+\.)*(Zeros|Ones|zeros|ones|zeros_initializer|ones_initializer)(\(\))?|(\w+\.)*(Constant|constant|constant_initializer)\(\s*(value\s*=\s*)?[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*\))$/;
/** TF1 layers take the inputs first: `tf.layers.dense(x, 10, kernel_initializer=...)`. */
const TF1_LAYER = /^tensorflow\.compat\.v1\.layers\.[a-z]/;
const KERNEL_KEYWORDS = ['kernel_initializer', 'embeddings_initializer', 'depthwise_initializer', 'kernel_init'];

export function checkConstantWeightInit(facts: FileFacts): Finding[] {
  const findings: Finding[] = [];
  const outputs = new Set(kerasOutputs(facts).map((output) => output.layer));
  for (const call of facts.calls) {
    const symbol = facts.canonical(call);
    if (symbol && TORCH_CONSTANT_INITS.has(symbol)) {
      const target = call.args.positional[0] ?? call.args.keyword.tensor;
      if (
        !target ||
        !/(^|\.)weight$/.test(target) ||
        DELIBERATE.test(target) ||
        deliberateHere(facts, call) ||
        deliberateTorchLayer(facts, call, target)
      )
        continue;
      findings.push(
        finding(
          call.range,
          `${call.callee}(${target}) gives every unit of the layer the same weights`,
          torchFixes(call, target),
        ),
      );
      continue;
    }
    if (!symbol && /(^|\.)weight(\.data)?\.(zero_|fill_)$/.test(call.callee)) {
      const target = call.callee.replace(/(\.data)?\.(zero_|fill_)$/, '');
      if (DELIBERATE.test(target) || deliberateHere(facts, call) || deliberateTorchLayer(facts, call, target)) continue;
      findings.push(finding(call.range, `${call.callee}() gives every unit of the layer the same weights`, []));
      continue;
    }
    const tf1 = TF1_LAYER.test(symbol ?? '');
    if (!symbol?.startsWith('keras.layers.') && !symbol?.startsWith('flax.') && !tf1) continue;
    // A model's output layer starts at zero on purpose (zero-init heads; a one-layer logistic regression has no symmetry to break).
    const layerName = (call.args.keyword.name ?? call.assignedTo ?? '').replace(/['"]/g, '');
    if (DELIBERATE.test(layerName) || deliberateHere(facts, call) || outputs.has(call) || returnsLayer(facts, call))
      continue;
    // One unit has no twin to stay equal to; an explicit bias means the layer is meant to start at that output (spatial transformers).
    const bias = call.args.keyword.bias_initializer ?? call.args.keyword.bias_init;
    if (
      singleUnit(call.args.positional[tf1 ? 1 : 0], call.args.keyword, KERAS_OUT_KEYWORDS) ||
      (bias !== undefined && !KERAS_CONSTANT_ZERO.test(bias))
    )
      continue;
    for (const keyword of KERNEL_KEYWORDS) {
      const value = call.args.keyword[keyword];
      const range = call.argumentRanges.keyword[keyword];
      if (!value || !range || !KERAS_CONSTANT.test(value)) continue;
      const quote = value.startsWith('"') ? '"' : "'";
      const fixes: QuickFix[] = symbol?.startsWith('keras.')
        ? [
            {
              title: "Use He (Kaiming) normal initialisation ('he_normal')",
              edits: [{ range, newText: `${quote}he_normal${quote}` }],
              preferred: false,
            },
            {
              title: "Use Glorot (Xavier) uniform initialisation ('glorot_uniform', the Keras default)",
              edits: [{ range, newText: `${quote}glorot_uniform${quote}` }],
              preferred: false,
            },
          ]
        : [];
      findings.push(finding(range, `${keyword}=${value} gives every unit of the layer the same weights`, fixes));
    }
  }
  return findings;
}

/** Inside a deliberate class or function, or in a branch for normalisation layers, which set their scales to 1 (or 0) on purpose. */
function deliberateHere(facts: FileFacts, call: CallSite): boolean {
  for (let scope: Scope | undefined = call.scope; scope; scope = scope.parent) {
    if (DELIBERATE_CONTEXT.test(scope.name)) return true;
  }
  return facts.enclosingHeaders(call.statementIndex).some((header) => {
    const keyword = header.tokens[0]!.text;
    if (keyword === 'def' || keyword === 'class') return false;
    return DELIBERATE_GUARD.test(tokenText(header.tokens));
  });
}

/**
 * A torch layer built with one output unit (`self.v = nn.Linear(64, 1)`), or whose bias the same function
 * sets to chosen values (`self.fc_loc[2].bias.data.copy_(identity)`): the constant weight is no symmetry problem.
 */
function deliberateTorchLayer(facts: FileFacts, call: CallSite, target: string): boolean {
  const layer = target.replace(/\.weight$/, '');
  const built = facts.callsAssignedTo(layer).find((other) => TORCH_LAYER_OUT.test(facts.canonical(other) ?? ''));
  if (built && singleUnit(built.args.positional[1], built.args.keyword, TORCH_OUT_KEYWORDS)) return true;
  const biasCopy = `${layer}.bias`;
  return copyStatements(facts, call.scope).some((text) => text.includes(biasCopy));
}

const copiesByFile = new WeakMap<FileFacts, Map<Scope, string[]>>();

/** The statements of a scope that copy values in place (`….copy_(`), as text; gathered once per file. */
function copyStatements(facts: FileFacts, scope: Scope): readonly string[] {
  let byScope = copiesByFile.get(facts);
  if (!byScope) {
    byScope = new Map();
    for (const statement of facts.statements) {
      if (
        !statement.tokens.some(
          (token, i) =>
            token.text === 'copy_' && statement.tokens[i + 1]?.text === '(' && statement.tokens[i - 1]?.text === '.',
        )
      )
        continue;
      const texts = byScope.get(statement.scope) ?? [];
      texts.push(tokenText(statement.tokens));
      byScope.set(statement.scope, texts);
    }
    copiesByFile.set(facts, byScope);
  }
  return byScope.get(scope) ?? [];
}

function singleUnit(
  positional: string | undefined,
  keyword: Readonly<Record<string, string>>,
  names: readonly string[],
): boolean {
  const size = names.map((name) => keyword[name]).find((value) => value !== undefined) ?? positional;
  return size?.trim() === '1';
}

/** `return nn.Dense(1, kernel_init=zeros)(x)`: the layer a Flax module ends with. */
function returnsLayer(facts: FileFacts, call: CallSite): boolean {
  const [keyword, first] = facts.statements[call.statementIndex]!.tokens;
  return keyword?.text === 'return' && first?.line === call.range.startLine && first.column === call.range.startColumn;
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
    {
      title: 'Use He (Kaiming) normal initialisation',
      edits: [{ range: call.callRange, newText: `${prefix}kaiming_normal_(${target}, nonlinearity="relu")` }],
      preferred: false,
    },
    {
      title: 'Use Xavier (Glorot) uniform initialisation',
      edits: [{ range: call.callRange, newText: `${prefix}xavier_uniform_(${target})` }],
      preferred: false,
    },
  ];
}
