// Removed, renamed and deprecated arguments and functions whose old spelling now fails, or silently means something else.
import type { CallSite, SourceRange } from '../../scanner/scanner';
import type { FileFacts } from '../facts';
import type { CheckId, Finding, QuickFix } from '../findings';

const TORCH_LOSS = /^torch\.nn\.(\w+Loss|functional\.\w+)$/;
const AMP = /^torch\.(cuda|cpu)\.amp\.(autocast|GradScaler)$/;

export function checkDeprecatedApis(facts: FileFacts): Finding[] {
  const findings: Finding[] = [];
  for (const call of facts.calls) {
    const symbol = facts.canonical(call) ?? '';
    const spread = call.args.positional.some((arg) => arg.startsWith('*'));
    if (symbol === 'torch.load' && call.args.keyword.weights_only === undefined && !spread && loadsModule(facts, call))
      findings.push(torchLoad(call));
    else if (symbol === 'torch.range') findings.push(torchRange(call));
    else if (
      TORCH_LOSS.test(symbol) &&
      (call.args.keyword.size_average !== undefined || call.args.keyword.reduce !== undefined)
    )
      findings.push(lossReduction(facts, call));
    else if (symbol.startsWith('torchvision.models.') && call.args.keyword.pretrained !== undefined)
      findings.push(pretrained(call));
    else if (AMP.test(symbol) && !insideExcept(facts, call)) findings.push(amp(call, symbol));
    else if (
      symbol.startsWith('keras.optimizers.') &&
      !/\.legacy\./.test(call.symbol ?? '') &&
      !symbol.startsWith('keras.optimizers.schedules.')
    )
      findings.push(...kerasOptimizer(call));
  }
  return findings;
}

function finding(
  check: CheckId,
  range: SourceRange,
  message: string,
  conceptId: string,
  fixes: QuickFix[],
  severity: Finding['severity'] = 'warning',
): Finding {
  return { check, severity, range, message, conceptId, fixes };
}

/** Names that hold a whole module: `model = torch.load(f)`, `self.net = torch.load(path)`. */
const MODULE_NAME =
  /(^|[._])(model|net|network|module|encoder|decoder|generator|discriminator|classifier)([a-z]|_?\d+)?$/i;

/** `model = torch.load(f)` where the name is then used as a module, or reads like one: a pickled module, not a state dict. */
function loadsModule(facts: FileFacts, call: CallSite): boolean {
  const name = call.assignedTo;
  if (!name) return false;
  return (
    MODULE_NAME.test(name) ||
    facts.calls.some(
      (other) => other.callee === `${name}.eval` || other.callee === `${name}.parameters` || other.callee === name,
    )
  );
}

function torchLoad(call: CallSite): Finding {
  const end = { line: call.callRange.endLine, column: call.callRange.endColumn - 1 };
  const at = { startLine: end.line, startColumn: end.column, endLine: end.line, endColumn: end.column };
  const separator = call.args.positional.length + Object.keys(call.args.keyword).length > 0 ? ', ' : '';
  return finding(
    'torchLoadWithoutWeightsOnly',
    call.range,
    `${call.assignedTo} is a whole pickled module, and torch.load's weights_only default changed to True in PyTorch 2.6: ` +
      'from then on this call fails with an UnpicklingError, because a weights-only load refuses arbitrary Python classes (before 2.6 it unpickled anything, running whatever code the file contains). ' +
      'Save and load the state_dict instead, or pass weights_only=False for a file you trust.',
    'transfer-learning',
    [
      {
        title: 'Load the trusted file as before (weights_only=False)',
        edits: [{ range: at, newText: `${separator}weights_only=False` }],
        preferred: false,
      },
    ],
  );
}

function torchRange(call: CallSite): Finding {
  const [start, end, step] = call.args.positional;
  const integers =
    start !== undefined && end !== undefined && step === undefined && /^-?\d+$/.test(start) && /^-?\d+$/.test(end);
  const callee = call.callee.replace(/range$/, 'arange');
  // arange stops before its end, and a float end keeps range's floating-point result.
  const rest = Object.entries(call.args.keyword)
    .map(([name, value]) => `, ${name}=${value}`)
    .join('');
  const fixes: QuickFix[] = integers
    ? [
        {
          title: `Use ${callee}(${start}, ${Number(end) + 1}.0)`,
          edits: [{ range: call.callRange, newText: `${callee}(${start}, ${Number(end) + 1}.0${rest})` }],
          preferred: true,
        },
      ]
    : [];
  return finding(
    'deprecatedTorchRange',
    call.range,
    "torch.range is deprecated and, unlike Python's range, includes its end: torch.range(0, 10) has 11 values, and it returns floats. " +
      'Use torch.arange, which stops before the end like range(); add one step to the end to keep the same values.',
    'tensor',
    fixes,
    'information',
  );
}

/** The reduction PyTorch derives from the legacy flags (torch/nn/_reduction.py): both default to True. */
function legacyReduction(sizeAverage: string | undefined, reduce: string | undefined): string | undefined {
  const flag = (value: string | undefined) =>
    value === undefined || value === 'None' || value === 'True' ? true : value === 'False' ? false : undefined;
  const average = flag(sizeAverage);
  const reduced = flag(reduce);
  if (average === undefined || reduced === undefined) return undefined;
  return average && reduced ? 'mean' : reduced ? 'sum' : 'none';
}

function lossReduction(facts: FileFacts, call: CallSite): Finding {
  const reduction = legacyReduction(call.args.keyword.size_average, call.args.keyword.reduce);
  const present = ['size_average', 'reduce']
    .filter((name) => call.argumentRanges.keywordWhole[name])
    .map((name) => call.argumentRanges.keywordWhole[name]!);
  const [first, second] = present.sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn);
  const between =
    first && second
      ? facts.text.slice({
          startLine: first.endLine,
          startColumn: first.endColumn,
          endLine: second.startLine,
          endColumn: second.startColumn,
        })
      : ',';
  const fixable =
    reduction !== undefined &&
    first !== undefined &&
    call.args.keyword.reduction === undefined &&
    /^\s*,\s*$/.test(between);
  const edits = fixable
    ? [
        { range: first, newText: `reduction='${reduction}'` },
        ...(second
          ? [
              {
                range: {
                  startLine: first.endLine,
                  startColumn: first.endColumn,
                  endLine: second.endLine,
                  endColumn: second.endColumn,
                },
                newText: '',
              },
            ]
          : []),
      ]
    : [];
  return finding(
    'deprecatedLossReduction',
    first ?? call.range,
    `size_average and reduce are deprecated in ${call.callee}: PyTorch turns them into reduction= with a warning, and one flag changes the meaning of the other ` +
      `(reduce=False ignores size_average). Pass reduction='mean', 'sum' or 'none'${reduction ? `; these flags mean reduction='${reduction}'` : ''}.`,
    'cost-function',
    fixable ? [{ title: `Use reduction='${reduction}'`, edits, preferred: true }] : [],
    'information',
  );
}

function pretrained(call: CallSite): Finding {
  const value = call.args.keyword.pretrained!;
  const range = call.argumentRanges.keywordWhole.pretrained!;
  const fixes: QuickFix[] =
    value === 'False'
      ? [{ title: 'Use weights=None', edits: [{ range, newText: 'weights=None' }], preferred: true }]
      : value === 'True'
        ? [
            {
              title:
                'Use weights="DEFAULT" (the best weights available, which may be newer than the old pretrained ones)',
              edits: [{ range, newText: 'weights="DEFAULT"' }],
              preferred: false,
            },
          ]
        : [];
  return finding(
    'torchvisionPretrained',
    range,
    `pretrained= is deprecated since torchvision 0.13 and may be removed: ${call.callee} takes weights= instead, an enum such as ResNet50_Weights.IMAGENET1K_V1 ` +
      '(what pretrained=True loaded), "DEFAULT" for the best available, or None for random initialisation. The weights enum also carries the preprocessing transforms the weights expect.',
    'transfer-learning',
    fixes,
    'information',
  );
}

/** `try: torch.amp.GradScaler('cuda') except AttributeError: torch.cuda.amp.GradScaler()`: the old API as a fallback for old versions. */
function insideExcept(facts: FileFacts, call: CallSite): boolean {
  return facts.enclosingHeaders(call.statementIndex).some((header) => header.tokens[0]?.text === 'except');
}

function amp(call: CallSite, symbol: string): Finding {
  const [, device, name] = /^torch\.(cuda|cpu)\.amp\.(\w+)$/.exec(symbol)!;
  const written = `torch.${device}.amp.${name}`;
  const fixable = call.callee === written;
  const argsText = [
    ...call.args.positional,
    ...Object.entries(call.args.keyword).map(([key, value]) => `${key}=${value}`),
  ];
  const replacement = `torch.amp.${name}(${[`'${device}'`, ...argsText].join(', ')})`;
  return finding(
    'deprecatedCudaAmp',
    call.range,
    `${written} is deprecated (a FutureWarning since PyTorch 2.4): use torch.amp.${name}('${device}', ...), which takes the device type as its first argument and works the same way.`,
    'mixed-precision',
    fixable
      ? [{ title: `Use ${replacement}`, edits: [{ range: call.callRange, newText: replacement }], preferred: true }]
      : [],
    'information',
  );
}

function kerasOptimizer(call: CallSite): Finding[] {
  const findings: Finding[] = [];
  const lr = call.argumentRanges.keywordWhole.lr;
  if (lr) {
    const name = {
      startLine: lr.startLine,
      startColumn: lr.startColumn,
      endLine: lr.startLine,
      endColumn: lr.startColumn + 2,
    };
    findings.push(
      finding(
        'kerasRemovedOptimizerArgs',
        lr,
        `${call.callee} no longer accepts lr=: Keras 3 (TensorFlow 2.16 and later) raises "Argument(s) not recognized", and tf.keras 2 only accepted it with a deprecation warning. The argument is learning_rate=.`,
        'learning-rate',
        [{ title: 'Rename to learning_rate=', edits: [{ range: name, newText: 'learning_rate' }], preferred: true }],
      ),
    );
  }
  const decay = call.argumentRanges.keywordWhole.decay;
  if (decay) {
    findings.push(
      finding(
        'kerasRemovedOptimizerArgs',
        decay,
        `decay= was dropped from ${call.callee}: TensorFlow 2.11 to 2.15 raise "decay is deprecated in the new Keras optimizer", and Keras 3 only warns and ignores it, so the learning rate never decays. ` +
          'The old decay computed lr / (1 + decay · iterations); the same schedule is keras.optimizers.schedules.InverseTimeDecay(lr, decay_steps=1, decay_rate=decay), passed as learning_rate=.',
        'learning-rate-schedule',
        [],
      ),
    );
  }
  return findings;
}
