// Builds the hover for one API use: the concept's summary, what this call's arguments mean, and links.
// Pure, so the exact text is unit-tested without an editor.
import { explainArguments } from '../content/argumentNotes';
import type { ApiSymbol, Concept } from '../content/schema';
import type { ApiUse } from '../scanner/scanner';
import { commandUri, inlineCode } from './markdownText';

export const HOVER_COMMANDS = {
  explain: 'dlTutor.explainConcept',
  quiz: 'dlTutor.quizConcept',
  visualise: 'dlTutor.visualise',
} as const;

const FRAMEWORK_LABELS: Record<ApiUse['framework'], string> = {
  pytorch: 'PyTorch',
  tensorflow: 'TensorFlow',
  keras: 'Keras',
  jax: 'JAX',
  flax: 'Flax',
  optax: 'Optax',
};

export interface HoverOptions {
  /** Whether a visualisation for this concept can be opened (it must exist, not just be named). */
  canVisualise: boolean;
}

export function buildHoverMarkdown(use: ApiUse, concept: Concept, api: ApiSymbol, options: HoverOptions): string {
  const lines: string[] = [];
  lines.push(`**${concept.title}** · ${FRAMEWORK_LABELS[use.framework]} ${inlineCode(use.symbol)}`, '', concept.summary);

  const notes = use.isCall ? explainArguments(api.params, use.args) : [];
  if (notes.length > 0 || api.note) {
    lines.push('', '**This call**', '');
    for (const note of notes) lines.push(`- ${note.warning ? '⚠️ ' : ''}${inlineCode(note.label)}: ${note.text}`);
    if (api.note) lines.push(`- ${api.note}`);
  }

  const links = [
    `[Explain](${commandUri(HOVER_COMMANDS.explain, [concept.id])} "Open the full explanation")`,
    `[Quiz me](${commandUri(HOVER_COMMANDS.quiz, [concept.id])} "Practise with questions on this concept")`,
  ];
  if (options.canVisualise && concept.visualisation) {
    links.push(`[Visualise](${commandUri(HOVER_COMMANDS.visualise, [concept.visualisation, concept.id])} "Interactive visualisation")`);
  }
  lines.push('', links.join(' · '));
  return lines.join('\n');
}
