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
  text: string;
  /** True when the value looks like a mistake worth a second look. */
  warning: boolean;
}

/** Kinds whose default is worth stating when the argument is omitted. */
const EXPLAIN_DEFAULT: ReadonlySet<ParamKind> = new Set([
  'drop-probability',
  'keep-probability',
  'learning-rate',
  'momentum',
  'betas',
  'negative-slope',
  'weight-decay',
]);

export function explainArguments(params: readonly Param[], args: CallArgumentsText): ArgumentNote[] {
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
      const { text, warning } = describeValue(param, value);
      notes.push({ label: `${param.name}=${value}`, text, warning });
    } else if (!positionTaken && param.default !== undefined && EXPLAIN_DEFAULT.has(param.kind)) {
      const { text } = describeValue(param, param.default);
      notes.push({ label: `${param.name} (default ${param.default})`, text, warning: false });
    }
  }
  return notes;
}

function describeValue(param: Param, value: string): { text: string; warning: boolean } {
  const number = parseNumber(value);
  const plain = { text: capitalise(param.meaning) + '.', warning: false };
  switch (param.kind) {
    case 'drop-probability':
      return number === undefined ? plain : describeDropProbability(number);
    case 'keep-probability':
      return number === undefined ? plain : describeKeepProbability(number);
    case 'learning-rate':
      return number === undefined ? plain : describeLearningRate(number);
    case 'momentum':
      if (number === undefined) return plain;
      if (number < 0 || number >= 1) return { text: `${capitalise(param.meaning)}. A value of ${value} is outside [0, 1), so the running average would not decay.`, warning: true };
      return {
        text: `${capitalise(param.meaning)}: each step keeps ${percent(number)} of the previous value, averaging over roughly ${round(1 / (1 - number))} recent steps.`,
        warning: false,
      };
    case 'betas': {
      const pair = parseTuple(value);
      if (!pair || pair.length !== 2) return plain;
      const [beta1, beta2] = pair as [number, number];
      const span = (beta: number): string => (beta < 1 ? `about ${round(1 / (1 - beta))} steps` : 'no decay (invalid: must be below 1)');
      return {
        text: `β1 = ${beta1} averages the gradient over ${span(beta1)}; β2 = ${beta2} averages its square over ${span(beta2)}.`,
        warning: beta1 >= 1 || beta2 >= 1 || beta1 < 0 || beta2 < 0,
      };
    }
    case 'negative-slope':
      if (number === undefined) return plain;
      return { text: `For negative inputs the output is ${value}·x, so they keep ${percent(number)} of their value and a small gradient instead of none.`, warning: number < 0 || number >= 1 };
    case 'max-norm':
      if (number === undefined) return plain;
      return { text: `If the norm exceeds ${value}, the values are rescaled so that the norm equals ${value}; their direction is unchanged.`, warning: number <= 0 };
    case 'clip-value':
      if (number === undefined) return plain;
      return { text: `Each value is clamped to [−${Math.abs(number)}, ${Math.abs(number)}] element by element, which can change the gradient's direction.`, warning: number <= 0 };
    case 'kernel-size': {
      const dims = number !== undefined ? [number] : parseTuple(value);
      return dims ? { text: `Each output is computed from a ${dims.join('×')} window of the input${dims.length === 1 ? ' (the same size along every spatial axis)' : ''}.`, warning: false } : plain;
    }
    case 'stride':
      if (number === undefined) return plain;
      return { text: `The window moves ${number} step${number === 1 ? '' : 's'} at a time${number > 1 ? `, shrinking each spatial dimension by about a factor of ${number}` : ''}.`, warning: number <= 0 };
    case 'padding':
      return describePadding(value, number);
    default:
      return plain;
  }
}

function describeDropProbability(p: number): { text: string; warning: boolean } {
  if (p < 0 || p > 1) return { text: `A drop probability must be between 0 and 1; ${p} is not.`, warning: true };
  if (p === 1) return { text: 'Every unit is zeroed during training, so nothing reaches the next layer.', warning: true };
  const base =
    `During training each unit is zeroed with probability ${p}, so about ${percent(p)} of units are dropped and the ` +
    `survivors are scaled by 1/(1−${p}) = ${round(1 / (1 - p))}; at evaluation nothing is dropped. ` +
    `Keras's \`rate\` is the same quantity; TensorFlow 1's \`keep_prob\` is the opposite (keep_prob=${p} would drop ${percent(round(1 - p))}).`;
  if (p >= 0.9) return { text: `${base} A rate this high leaves little signal; if a keep probability was meant, use ${round(1 - p)}.`, warning: true };
  return { text: base, warning: false };
}

function describeKeepProbability(keep: number): { text: string; warning: boolean } {
  if (keep <= 0 || keep > 1) return { text: `A keep probability must be in (0, 1]; ${keep} is not.`, warning: true };
  return {
    text:
      `Each unit is KEPT with probability ${keep}, so about ${percent(round(1 - keep))} are dropped. This TensorFlow 1 argument is the ` +
      `opposite of PyTorch's \`p\` and Keras's \`rate\`: the equivalent today is rate=${round(1 - keep)}.`,
    warning: false,
  };
}

function describeLearningRate(rate: number): { text: string; warning: boolean } {
  if (rate <= 0) return { text: `A learning rate must be positive; ${rate} would not train.`, warning: true };
  const scale = `Each update moves the parameters by ${rate} times the update direction the optimiser computes.`;
  if (rate > 1) return { text: `${scale} Rates above 1 usually make training diverge.`, warning: true };
  if (rate < 1e-6) return { text: `${scale} A rate this small makes training extremely slow.`, warning: true };
  return { text: scale, warning: false };
}

function describePadding(value: string, number: number | undefined): { text: string; warning: boolean } {
  const word = value.replace(/^['"]|['"]$/g, '').toLowerCase();
  if (word === 'same') return { text: "'same' pads the input so that, with stride 1, the output has the input's spatial size.", warning: false };
  if (word === 'valid') return { text: "'valid' means no padding: the output shrinks by kernel size − 1 along each axis (at stride 1).", warning: false };
  if (number !== undefined) {
    return { text: `${number} row${number === 1 ? '' : 's'} and column${number === 1 ? '' : 's'} of zeros are added on each side before the window slides; output size = ⌊(W − K + 2P)/S⌋ + 1.`, warning: number < 0 };
  }
  return { text: 'Zeros added around the input before the window slides; output size = ⌊(W − K + 2P)/S⌋ + 1.', warning: false };
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
