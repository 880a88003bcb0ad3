// Explains what the arguments of one particular call mean, e.g. that nn.Dropout(p=0.8) drops 80% of units.
// Pure: works on argument source text and the parameter descriptions from content/.
import type { Param, ParamKind } from './schema';

export interface CallArgumentsText {
  positional: readonly string[];
  keyword: Readonly<Record<string, string>>;
}

export interface ArgumentNote {
  /** The parameter as written in the call, e.g. "p=0.8", or "p (default 0.5)" when omitted. */
  label: string;
  /** One sentence. */
  text: string;
  /** True when the value looks like a mistake worth a second look. */
  warning: boolean;
  /** False for a default stated although the call does not pass the argument. */
  passed: boolean;
  /** True when the note only repeats the parameter's description (the value could not be interpreted). */
  plain: boolean;
}

export interface ArgumentNoteOptions {
  /** Spatial axes of the layer (2 for Conv2d), so that a single kernel size 3 reads as 3x3. */
  spatialDims?: number;
  /** Parameters whose default is not worth stating here (set elsewhere, e.g. by optimiser param groups). */
  defaultsSetElsewhere?: ReadonlySet<string>;
  /** Whole parameter descriptions rather than their first clause. */
  fullMeanings?: boolean;
  /** A function (F.dropout, F.scaled_dot_product_attention) with no training flag passed: it cannot know the mode. */
  modeUnaware?: boolean;
}

/** Kinds whose default is worth stating when the argument is omitted (unless the default switches the feature off). */
const EXPLAIN_DEFAULT: ReadonlySet<ParamKind> = new Set([
  'drop-probability',
  'keep-probability',
  'learning-rate',
  'momentum',
  'negative-slope',
  'weight-decay',
]);

export function explainArguments(params: readonly Param[], args: CallArgumentsText, options: ArgumentNoteOptions = {}): ArgumentNote[] {
  // Two params at one position are old and new names of one argument (alpha / negative_slope):
  // the first listed speaks for the position and the default, each name for its own keyword.
  const positionsGivenByKeyword = new Set(params.filter((p) => p.position !== undefined && args.keyword[p.name] !== undefined).map((p) => p.position));
  const claimed = new Set<number>();
  const notes: ArgumentNote[] = [];
  for (const param of params) {
    const keywordValue = args.keyword[param.name];
    const isAlias = param.position !== undefined && claimed.has(param.position);
    if (param.position !== undefined) claimed.add(param.position);
    const positionTaken = isAlias || (param.position !== undefined && keywordValue === undefined && positionsGivenByKeyword.has(param.position));
    const positionalValue = param.position !== undefined && !positionTaken ? args.positional[param.position] : undefined;
    // A *args splat makes later positions unknowable, so only trust positions before it.
    const splatBefore = param.position !== undefined && args.positional.slice(0, param.position + 1).some((a) => a.startsWith('*'));
    const value = keywordValue ?? (splatBefore ? undefined : positionalValue);
    if (value !== undefined) {
      // Passing the default explicitly (attn_mask=None) changes nothing worth a note.
      if (param.default !== undefined && sameLiteral(value, param.default)) continue;
      notes.push({ label: `${param.name}=${value}`, ...describeValue(param, value, options), passed: true });
    } else if (!positionTaken && defaultMatters(param) && !options.defaultsSetElsewhere?.has(param.name) && !hasSplat(args)) {
      notes.push({ label: `${param.name} (default ${param.default})`, ...describeValue(param, param.default!, options), warning: false, passed: false });
    }
  }
  return notes;
}

/** A default is worth stating when it sets a rate or probability that is in effect (not 0 or None). */
function defaultMatters(param: Param): boolean {
  if (param.default === undefined || !EXPLAIN_DEFAULT.has(param.kind)) return false;
  const number = parseNumber(param.default);
  return number !== undefined && number !== 0;
}

/** `**kwargs` may pass any parameter, so no default is known to apply. */
function hasSplat(args: CallArgumentsText): boolean {
  return Object.keys(args.keyword).some((name) => name.startsWith('**')) || args.positional.some((a) => a.startsWith('**'));
}

function sameLiteral(a: string, b: string): boolean {
  const [x, y] = [parseNumber(a), parseNumber(b)];
  if (x !== undefined && y !== undefined) return x === y;
  return a.replace(/["']/g, '').trim() === b.replace(/["']/g, '').trim();
}

/** A value decided by the training flag (`p if self.training else 0`, `deterministic=not train`). */
export const TIED_TO_TRAINING = /\b(?:training|is_training|train|deterministic)\b/;

type Described = { text: string; warning: boolean; plain: boolean };

function describeValue(param: Param, value: string, options: ArgumentNoteOptions): Described {
  const number = parseNumber(value);
  const plain: Described = { text: sentence(options.fullMeanings ? param.meaning : firstClause(param.meaning)), warning: false, plain: true };
  const interpreted = (text: string, warning = false): Described => ({ text, warning, plain: false });
  switch (param.kind) {
    case 'drop-probability':
      if (number === undefined) return TIED_TO_TRAINING.test(value) ? interpreted('Dropout follows the training flag, so it is off at evaluation.') : plain;
      return describeDropProbability(number, options.modeUnaware ?? false);
    case 'keep-probability':
      return number === undefined ? plain : describeKeepProbability(number);
    case 'learning-rate':
      return number === undefined ? plain : describeLearningRate(number);
    case 'momentum':
      if (number === undefined) return plain;
      if (number < 0 || number >= 1) return interpreted(`${value} is outside [0, 1), so the running average would not decay.`, true);
      return interpreted(`Each step keeps ${percent(number)} of the previous value, averaging over roughly ${round(1 / (1 - number))} recent steps.`);
    case 'betas': {
      const pair = parseTuple(value);
      if (!pair || pair.length !== 2) return plain;
      const [beta1, beta2] = pair as [number, number];
      const span = (beta: number): string => (beta < 1 ? `about ${round(1 / (1 - beta))} steps` : 'no decay (invalid: must be below 1)');
      return interpreted(
        `β1 = ${beta1} averages the gradient over ${span(beta1)}; β2 = ${beta2} averages its square over ${span(beta2)}.`,
        beta1 >= 1 || beta2 >= 1 || beta1 < 0 || beta2 < 0,
      );
    }
    case 'negative-slope':
      if (number === undefined) return plain;
      return interpreted(`Negative inputs keep ${percent(number)} of their value (output ${value}·x), so their gradient is small, not zero.`, number < 0 || number >= 1);
    case 'max-norm':
      if (number === undefined) return plain;
      return interpreted(`A norm above ${value} is rescaled down to ${value}; the direction is unchanged.`, number <= 0);
    case 'clip-value':
      if (number === undefined) return plain;
      return interpreted(`Each value is clamped to [−${Math.abs(number)}, ${Math.abs(number)}], which can change the gradient's direction.`, number <= 0);
    case 'kernel-size': {
      const dims = number !== undefined ? Array<number>(options.spatialDims ?? 1).fill(number) : parseTuple(value);
      return dims ? interpreted(`Each output is computed from a ${dims.join('x')} window of the input.`) : plain;
    }
    case 'stride':
      if (number === undefined) return plain;
      return interpreted(`The window moves ${number} step${number === 1 ? '' : 's'} at a time${number > 1 ? `, shrinking each spatial axis about ${number}-fold` : ''}.`, number <= 0);
    case 'padding':
      return describePadding(value, number) ?? plain;
    case 'setting':
      return interpreted(describeSetting(param.meaning, value));
    default:
      return plain;
  }
}

function describeDropProbability(p: number, modeUnaware: boolean): Described {
  if (p < 0 || p > 1) return { text: `A drop probability must be between 0 and 1; ${p} is not.`, warning: true, plain: false };
  if (p === 1) return { text: 'Every unit is zeroed during training, so nothing reaches the next layer.', warning: true, plain: false };
  if (p >= 0.9) return { text: `Drops ${percent(p)} of units in training, which leaves little signal; if a keep probability was meant, use ${round(1 - p)}.`, warning: true, plain: false };
  if (p === 0) return { text: 'No units are dropped.', warning: false, plain: false };
  const scaled = `each unit is zeroed with probability ${p} (about ${percent(p)}) and the rest scaled by ${round(1 / (1 - p))}`;
  if (modeUnaware) return { text: `On every call, evaluation included, ${scaled}.`, warning: false, plain: false };
  return { text: `In training ${scaled}; nothing is dropped at evaluation.`, warning: false, plain: false };
}

function describeKeepProbability(keep: number): Described {
  if (keep <= 0 || keep > 1) return { text: `A keep probability must be in (0, 1]; ${keep} is not.`, warning: true, plain: false };
  return { text: `Each unit is KEPT with probability ${keep}, so about ${percent(round(1 - keep))} are dropped: today's equivalent is rate=${round(1 - keep)}.`, warning: false, plain: false };
}

function describeLearningRate(rate: number): Described {
  if (rate <= 0) return { text: `A learning rate must be positive; ${rate} would not train.`, warning: true, plain: false };
  if (rate > 1) return { text: `Steps of ${rate} times the update direction usually make training diverge.`, warning: true, plain: false };
  if (rate < 1e-6) return { text: `Steps of ${rate} times the update direction make training extremely slow.`, warning: true, plain: false };
  return { text: `Each update moves the parameters by ${rate} times the direction the optimiser computes.`, warning: false, plain: false };
}

function describePadding(value: string, number: number | undefined): Described | undefined {
  const word = value.replace(/^['"]|['"]$/g, '').toLowerCase();
  const text = (t: string, warning = false): Described => ({ text: t, warning, plain: false });
  if (word === 'same') return text("'same' pads so that, at stride 1, the output keeps the input's spatial size.");
  if (word === 'valid') return text("'valid' means no padding: the output shrinks by kernel size − 1 per axis (at stride 1).");
  if (number !== undefined) return text(`${number} ring${number === 1 ? '' : 's'} of zeros around the input; output size = ⌊(W − K + 2P)/S⌋ + 1.`, number < 0);
  return undefined;
}

/** The description up to its first semicolon: the hover's one line. */
/**
 * A setting whose value changes behaviour (`mode='reduce-overhead'`, `validation_split=0.2`) is always worth its
 * note: the clause of the meaning about the value passed ("'reduce-overhead' replays CUDA graphs ..."), else all of it.
 */
function describeSetting(meaning: string, value: string): string {
  const literal = value.replace(/^[rbuRBU]?(['"])(.*)\1$/s, '$2');
  const clause = meaning.split(/;\s/).find((part) => part.startsWith(`'${literal}'`));
  return sentence(clause ?? meaning);
}

function firstClause(text: string): string {
  return text.split(/;\s/)[0]!;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const ended = /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
  // A leading name from code (f, x, dtype_of) keeps its case: "f returns (value, aux)".
  return /^(?:[A-Za-z]\b|\w*[_.(\d])/.test(ended) ? ended : capitalise(ended);
}

/** Parses a Python numeric literal (1e-3, .5, 1_000, -0.1); undefined for anything else. */
export function parseNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(/_/g, '');
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/** Parses a tuple or list of numeric literals, e.g. "(0.9, 0.999)" or "[3, 3]". */
export function parseTuple(text: string): number[] | undefined {
  const inner = text.trim().match(/^[([]\s*(.*?)\s*,?\s*[)\]]$/)?.[1];
  if (inner === undefined || inner === '') return undefined;
  const values = inner.split(',').map(parseNumber);
  return values.every((v): v is number => v !== undefined) ? values : undefined;
}

function percent(fraction: number): string {
  return `${round(fraction * 100)}%`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
