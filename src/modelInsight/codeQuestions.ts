// Quiz questions computed from the learner's own file: the parameter count of a layer, the output size of
// a convolution, the fraction of units a dropout keeps, the learning rate after a scheduler's steps. The
// answers are worked out from the code each time, never stored.
import type { ConceptIndex } from '../content/conceptIndex';
import type { NumericQuestion } from '../content/schema';
import type { QuizItem } from '../quiz/questionBank';
import type { CallSite, ScanResult } from '../scanner/scanner';
import { canonicalSymbol } from '../scanner/symbols';
import { modelsOf } from './fileModels';
import { layerSpecFor } from './layerCatalogue';
import { findCall } from './modelAnalysis';
import type { LayerRow } from './modelSummary';
import { describeShape } from './shapes';
import { groupDigits, isKnown } from './size';
import { Evaluator, FileStatements, type Value } from './values';

interface Draft {
  site: CallSite;
  kind: string;
  prompt: string;
  answer: number;
  compute: string;
  explanation: string;
}

const TORCH_CONV = /^torch\.nn\.Conv([123])d$/;
const KERAS_CONV = /^keras\.layers\.Conv([123])D$/;
const DROPOUT_RATE: ReadonlyMap<string, string> = new Map([
  ['torch.nn.Dropout', 'p'],
  ['torch.nn.Dropout1d', 'p'],
  ['torch.nn.Dropout2d', 'p'],
  ['torch.nn.Dropout3d', 'p'],
  ['keras.layers.Dropout', 'rate'],
  ['keras.layers.SpatialDropout1D', 'rate'],
  ['keras.layers.SpatialDropout2D', 'rate'],
  ['flax.linen.Dropout', 'rate'],
  ['flax.nnx.Dropout', 'rate'],
]);
/** Optimisers' default learning rates, for a scheduler whose optimiser does not set one. */
const DEFAULT_RATES: ReadonlyMap<string, number> = new Map([
  ['torch.optim.Adam', 1e-3],
  ['torch.optim.AdamW', 1e-3],
  ['torch.optim.Adadelta', 1.0],
  ['torch.optim.RMSprop', 1e-2],
  ['torch.optim.Adagrad', 1e-2],
]);

/** The questions this file supports, at most `limit`, one kind at a time in turn so the kinds mix. */
export function codeQuestions(scan: ScanResult, index: ConceptIndex, limit = 6): QuizItem[] {
  const file = new FileStatements(scan.statements);
  const evaluator = new Evaluator(file);
  const models = modelsOf(scan);
  const drafts: Draft[] = [];
  for (const site of scan.calls) {
    const symbol = site.symbol ? canonicalSymbol(site.symbol) : undefined;
    if (!symbol) continue;
    const code = `\`${callText(site)}\` on line ${site.range.startLine + 1}`;
    if (layerSpecFor(symbol)) {
      const row = models.layerAt(site.range.startLine, site.range.startColumn);
      if (!row) continue;
      drafts.push(
        ...parameterQuestion(site, row, code),
        ...convolutionQuestion(site, symbol, row, code),
        ...dropoutQuestion(site, symbol, row, code),
      );
    } else drafts.push(...schedulerQuestion(site, symbol, scan, file, evaluator, code));
  }
  return interleave(drafts, limit).flatMap((draft, i) => {
    const use = scan.uses.find(
      (candidate) =>
        candidate.range.startLine === draft.site.range.startLine &&
        candidate.range.startColumn === draft.site.range.startColumn,
    );
    const concept = use ? index.get(use.conceptId) : undefined;
    if (!concept) return [];
    const question: NumericQuestion = {
      id: `code-${draft.kind}-${draft.site.range.startLine + 1}-${draft.site.range.startColumn + 1}`,
      type: 'numeric',
      prompt: draft.prompt,
      answer: draft.answer,
      // Integers must be exact; rates within a thousandth of their value.
      tolerance: Number.isInteger(draft.answer) ? 0 : Math.abs(draft.answer) * 1e-3,
      compute: draft.compute,
      explanation: draft.explanation,
    };
    return [{ question, concept, questionIndex: i, conceptIndex: index.concepts.indexOf(concept), computed: true }];
  });
}

function parameterQuestion(site: CallSite, row: LayerRow, code: string): Draft[] {
  if (!isKnown(row.params) || row.params.value === 0 || row.copies) return [];
  const input = row.inputShape && needsInput(row) ? ` Its input has shape ${describeShape(row.inputShape)}.` : '';
  return [
    {
      site,
      kind: 'params',
      prompt: `How many trainable parameters does ${code} have?${input}`,
      answer: row.params.value,
      compute: row.params.text,
      explanation: `Counting the weights and biases it creates: ${row.params.text} = ${groupDigits(row.params.value)}.${row.nonTrainable?.value ? ' Running statistics are updated during training but not learnt, so they are not counted.' : ''}`,
    },
  ];
}

/** Keras and Flax linen layers are sized by their input; PyTorch and NNX layers are told both sizes. */
function needsInput(row: LayerRow): boolean {
  return row.symbol.startsWith('keras.') || row.symbol.startsWith('flax.linen.');
}

function convolutionQuestion(site: CallSite, symbol: string, row: LayerRow, code: string): Draft[] {
  const torch = TORCH_CONV.exec(symbol);
  const keras = KERAS_CONV.exec(symbol);
  if ((!torch && !keras) || !row.args || !row.inputShape || !row.outputShape) return [];
  const rank = Number((torch ?? keras)![1]);
  const axis = torch ? 2 : 1;
  const input = row.inputShape.dims[axis];
  const output = row.outputShape.dims[axis];
  if (!input || !output || !isKnown(input) || !isKnown(output)) return [];
  const kernel = row.args.sizes('kernel_size', rank)[0]!;
  const stride = row.args.sizes(torch ? 'stride' : 'strides', rank, 1)[0]!;
  const dilation = row.args.sizes(torch ? 'dilation' : 'dilation_rate', rank, 1)[0]!;
  if (!isKnown(kernel) || !isKnown(stride) || dilation.value !== 1) return [];
  const padding = torch ? row.args.padding('padding', rank, 0) : row.args.text('padding', 'valid');
  let compute: string;
  if (padding === 'same') compute = keras ? `ceil(${input.value}/${stride.value})` : `${input.value}`;
  else if (padding === 'valid')
    compute = keras
      ? `ceil((${input.value} - ${kernel.value} + 1)/${stride.value})`
      : `floor((${input.value} - ${kernel.value})/${stride.value}) + 1`;
  else if (Array.isArray(padding) && isKnown(padding[0]!))
    compute = `floor((${input.value} + 2*${padding[0]!.value} - ${kernel.value})/${stride.value}) + 1`;
  else return [];
  const dimension = rank === 1 ? 'length' : 'height';
  return [
    {
      site,
      kind: 'conv-output',
      prompt: `The input to ${code} has shape ${describeShape(row.inputShape)}. What is the ${dimension} of its output?`,
      answer: output.value,
      compute,
      explanation: `With a kernel of ${kernel.value}, stride ${stride.value} and ${typeof padding === 'string' ? `'${padding}' padding` : `padding ${padding[0]!.value}`}: ${compute} = ${output.value}; the output has shape ${describeShape(row.outputShape)}.`,
    },
  ];
}

function dropoutQuestion(site: CallSite, symbol: string, row: LayerRow, code: string): Draft[] {
  const name = DROPOUT_RATE.get(symbol);
  const rate = name
    ? (row.args?.get(name) ?? (symbol.startsWith('torch.') ? ({ kind: 'float', value: 0.5 } as Value) : undefined))
    : undefined;
  const p =
    rate?.kind === 'float' ? rate.value : rate?.kind === 'size' && isKnown(rate.size) ? rate.size.value : undefined;
  if (p === undefined || p < 0 || p >= 1) return [];
  return [
    {
      site,
      kind: 'dropout-keep',
      prompt: `During training, what fraction of its input units does ${code} keep, on average? (A number between 0 and 1.)`,
      answer: round(1 - p),
      compute: `1 - ${p}`,
      explanation: `\`${name}=${p}\` is the probability of dropping each unit, so 1 - ${p} = ${round(1 - p)} of them are kept; the kept ones are scaled by 1/(1 - ${p}) so the expected sum stays the same. At evaluation nothing is dropped.`,
    },
  ];
}

/** StepLR and ExponentialLR in PyTorch: the rate after some calls of `scheduler.step()`. */
function schedulerQuestion(
  site: CallSite,
  symbol: string,
  scan: ScanResult,
  file: FileStatements,
  evaluator: Evaluator,
  code: string,
): Draft[] {
  const step = symbol === 'torch.optim.lr_scheduler.StepLR';
  if (!step && symbol !== 'torch.optim.lr_scheduler.ExponentialLR') return [];
  const statement = scan.statements[site.statementIndex]!;
  const call = findCall(file.parse(statement), site);
  if (!call) return [];
  const argument = (name: string, position: number): Value | undefined => {
    const expression = call.keyword[name] ?? call.positional[position];
    return expression ? evaluator.evaluate(expression, statement) : undefined;
  };
  const gamma = numberOf(argument('gamma', step ? 2 : 1) ?? (step ? { kind: 'float', value: 0.1 } : undefined));
  const stepSize = step ? numberOf(argument('step_size', 1)) : 1;
  const optimizerName = call.positional[0]?.type === 'name' ? call.positional[0].id : undefined;
  const lr = optimizerName ? optimizerRate(optimizerName, site, scan, file, evaluator) : undefined;
  if (gamma === undefined || stepSize === undefined || !Number.isInteger(stepSize) || stepSize < 1 || lr === undefined)
    return [];
  const steps = 3 * stepSize;
  const decays = Math.floor(steps / stepSize);
  const answer = lr * gamma ** decays;
  return [
    {
      site,
      kind: 'lr-after-steps',
      prompt: `The optimiser starts at a learning rate of ${lr}. What is the learning rate after ${steps} calls of \`step()\` on ${code}?`,
      answer: round(answer),
      compute: `${lr} * ${gamma}**${decays}`,
      explanation: step
        ? `StepLR multiplies the rate by gamma=${gamma} every ${stepSize} step${stepSize > 1 ? 's' : ''}: ${steps} steps make ${decays} decays, so ${lr} * ${gamma}^${decays} = ${round(answer)}.`
        : `ExponentialLR multiplies the rate by gamma=${gamma} at every step: ${lr} * ${gamma}^${steps} = ${round(answer)}.`,
    },
  ];
}

/** The learning rate the optimiser held in `name` starts with: its `lr` argument or the optimiser's default. */
function optimizerRate(
  name: string,
  scheduler: CallSite,
  scan: ScanResult,
  file: FileStatements,
  evaluator: Evaluator,
): number | undefined {
  const made = scan.calls
    .filter(
      (call) =>
        call.assignedTo === name && call.scope === scheduler.scope && call.statementIndex < scheduler.statementIndex,
    )
    .pop();
  const symbol = made?.symbol ? canonicalSymbol(made.symbol) : undefined;
  if (!made || !symbol?.startsWith('torch.optim.')) return undefined;
  const statement = scan.statements[made.statementIndex]!;
  const call = findCall(file.parse(statement), made);
  const lr = call?.keyword['lr'] ?? call?.positional[1];
  return lr ? numberOf(evaluator.evaluate(lr, statement)) : DEFAULT_RATES.get(symbol);
}

function numberOf(value: Value | undefined): number | undefined {
  if (value?.kind === 'float') return value.value;
  if (value?.kind === 'size' && isKnown(value.size)) return value.size.value;
  return undefined;
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}

function callText(site: CallSite): string {
  const args = [
    ...site.args.positional,
    ...Object.entries(site.args.keyword).map(([name, value]) => `${name}=${value}`),
  ].join(', ');
  const text = `${site.callee}(${args})`;
  return text.length > 80 ? `${site.callee}(...)` : text;
}

/** Takes drafts round-robin by kind, so a file with many layers still gets its dropout and scheduler questions. */
function interleave(drafts: readonly Draft[], limit: number): Draft[] {
  const byKind = new Map<string, Draft[]>();
  for (const draft of drafts) byKind.set(draft.kind, [...(byKind.get(draft.kind) ?? []), draft]);
  const queues = [...byKind.values()];
  const picked: Draft[] = [];
  for (let round = 0; picked.length < limit && queues.some((queue) => queue.length > round); round += 1) {
    for (const queue of queues) if (queue[round] && picked.length < limit) picked.push(queue[round]!);
  }
  return picked;
}
