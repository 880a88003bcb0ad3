// Builds the hover for one API use: the links first, the concept in at most two sentences, then one line
// per argument this call passes (or whose default matters), within about 80 words unless the user asks
// for long hovers. Pure, so the exact text is unit-tested without an editor.
import {
  explainArguments,
  TIED_TO_TRAINING,
  type ArgumentNote,
  type ArgumentNoteOptions,
} from '../content/argumentNotes';
import { COMMANDS, commandUri } from '../commands/commandTable';
import type { ApiSymbol, Concept } from '../content/schema';
import type { ApiUse } from '../scanner/scanner';
import { settingId, type SettingValue } from '../settings/settingTable';
import { EMPTY_HOVER_CONTEXT, mayBeParamGroups, type HoverContext } from './hoverContext';
import { inlineCode } from './markdownText';
import { leadingSentences, wordCount } from './wordBudget';

/** The commands a hover links to: the only ones its Markdown is trusted to run. */
export const HOVER_COMMANDS = [COMMANDS.explainConcept, COMMANDS.quizConcept, COMMANDS.visualise] as const;

/** Words a short hover may hold (links and title included); VS Code's hover box shows about this much unscrolled. */
export const SHORT_HOVER_WORDS = 80;
/** Words the concept's sentences may take in a short hover, leaving room for the notes. */
const SHORT_SUMMARY_WORDS = 45;

const FRAMEWORK_LABELS: Record<ApiUse['framework'], string> = {
  pytorch: 'PyTorch',
  tensorflow: 'TensorFlow',
  keras: 'Keras',
  jax: 'JAX',
  flax: 'Flax',
  optax: 'Optax',
};

export type HoverLength = SettingValue<'hover.length'>;

export interface HoverOptions {
  /** Whether a visualisation for this concept can be opened (it must exist, not just be named). */
  canVisualise: boolean;
  /** 'short' (the default) keeps to about SHORT_HOVER_WORDS words; 'long' shows everything. */
  length?: HoverLength;
  context?: HoverContext;
  /** One line with this layer's parameter count and output shape, when it is a layer the model summary counts. */
  layerLine?: string;
}

interface Line {
  text: string;
  /** Lower comes first and is dropped last. */
  rank: number;
}

export function buildHoverMarkdown(use: ApiUse, concept: Concept, api: ApiSymbol, options: HoverOptions): string {
  const long = options.length === 'long';
  const context = options.context ?? EMPTY_HOVER_CONTEXT;
  // Blank lines keep the links, the title and the text on lines of their own (Markdown joins adjacent lines).
  const head = [
    linksLine(concept, options),
    '',
    `**${concept.title}** · ${FRAMEWORK_LABELS[use.framework]} ${inlineCode(use.symbol)}`,
    '',
  ];
  const summary = api.summary ?? concept.summary;
  head.push(long ? summary : leadingSentences(summary, 2, SHORT_SUMMARY_WORDS));
  if (options.layerLine) head.push('', options.layerLine);

  const lines = noteLines(use, api, context, long);
  if (lines.length === 0) return head.join('\n');
  if (long) return [...head, '', ...lines.map((line) => line.text)].join('\n');

  const headWords = wordCount(head.join('\n'));
  let kept = fitting(lines, SHORT_HOVER_WORDS - headWords);
  // The line saying what was left out takes room too.
  if (kept.length < lines.length) kept = fitting(lines, SHORT_HOVER_WORDS - headWords - wordCount(omittedLine(0)));
  const body = lines.filter((line) => kept.includes(line)).map((line) => line.text);
  if (kept.length < lines.length) body.push(omittedLine(lines.length - kept.length));
  return [...head, '', ...body].join('\n');
}

/** The most useful lines within the word budget; warnings always stay. */
function fitting(lines: readonly Line[], budget: number): Line[] {
  const kept: Line[] = [];
  let words = 0;
  let full = false;
  for (const line of [...lines].sort((a, b) => a.rank - b.rank)) {
    const cost = wordCount(line.text);
    // Once a line does not fit, lesser lines are not squeezed in ahead of it (query=... dropped, key=... shown).
    full ||= words + cost > budget;
    if (full && line.rank > 0) continue;
    kept.push(line);
    words += cost;
  }
  return kept;
}

function omittedLine(count: number): string {
  return `- _${count} more with the ${inlineCode(settingId('hover.length'))} setting_`;
}

function linksLine(concept: Concept, options: HoverOptions): string {
  const links = [
    `[Explain](${commandUri(COMMANDS.explainConcept, concept.id)} "Open the full explanation")`,
    `[Quiz me](${commandUri(COMMANDS.quizConcept, concept.id)} "Practise with questions on this concept")`,
  ];
  if (options.canVisualise && concept.visualisation) {
    links.push(
      `[Visualise](${commandUri(COMMANDS.visualise, concept.visualisation, concept.id)} "Interactive visualisation")`,
    );
  }
  return links.join(' · ');
}

/** Argument notes, the context remark and the symbol's note, in the order they are shown. */
function noteLines(use: ApiUse, api: ApiSymbol, context: HoverContext, long: boolean): Line[] {
  const options = argumentOptions(use, context, long);
  const notes = use.isCall ? explainArguments(api.params, use.args, options) : [];
  const lines: Line[] = notes.map((note) => ({ text: noteText(note), rank: noteRank(note) }));
  const remark = outputRemark(api, use, context);
  if (remark) lines.push(remark);
  if (api.note && !(remark && api.note.includes('from_logits')) && !mentionsDefaultSetElsewhere(api.note, options)) {
    lines.push({ text: `- ${long ? api.note : leadingSentences(api.note, 1, Number.POSITIVE_INFINITY)}`, rank: 3 });
  }
  return lines;
}

function argumentOptions(use: ApiUse, context: HoverContext, long: boolean): ArgumentNoteOptions {
  const name = use.symbol.split('.').pop() ?? '';
  const values = [...use.args.positional, ...Object.entries(use.args.keyword).flat()];
  const firstArgument = use.args.keyword.params ?? use.args.positional[0];
  return {
    spatialDims: Number(name.match(/([123])[dD](?:Transpose)?$/)?.[1] ?? 1),
    defaultsSetElsewhere: mayBeParamGroups(firstArgument) ? context.paramGroupKeys : undefined,
    fullMeanings: long,
    modeUnaware: /^[a-z]/.test(name) && !values.some((value) => TIED_TO_TRAINING.test(value)),
  };
}

function noteText(note: ArgumentNote): string {
  return `- ${note.warning ? '⚠️ ' : ''}${inlineCode(note.label)}: ${note.text}`;
}

function noteRank(note: ArgumentNote): number {
  if (note.warning) return 0;
  if (note.passed && !note.plain) return 1;
  if (!note.passed) return 4;
  return 5;
}

/** For a Keras probabilistic loss: whether the file's model output agrees with `from_logits`. */
function outputRemark(api: ApiSymbol, use: ApiUse, context: HoverContext): Line | undefined {
  const fromLogits = api.params.find((param) => param.name === 'from_logits');
  if (!fromLogits) return undefined;
  const passed =
    use.args.keyword.from_logits !== undefined ||
    (fromLogits.position !== undefined && use.args.positional.length > fromLogits.position);
  if (passed) return undefined;
  const activations = new Set(context.outputActivations());
  if (activations.size !== 1) return undefined;
  const [activation] = activations;
  if (activation === 'sigmoid' || activation === 'softmax') {
    return {
      text: `- The model's output applies ${activation}, so the default \`from_logits=False\` is right.`,
      rank: 2,
    };
  }
  if (activation === 'linear')
    return { text: "- ⚠️ The model's output has no activation (logits): pass `from_logits=True`.", rank: 0 };
  return undefined;
}

/** A note about a default (AdamW's weight_decay=0.01) is beside the point when param groups set that value. */
function mentionsDefaultSetElsewhere(note: string, options: ArgumentNoteOptions): boolean {
  return [...(options.defaultsSetElsewhere ?? [])].some((name) => name !== 'params' && note.includes(name));
}
