// Plain-text feedback. The answer is untrusted: it is quoted only as a short excerpt stripped of
// anything a renderer could interpret (markup, Markdown, control and bidirectional characters).
import type { Contradiction } from './contradiction';
import type { NonAnswer } from './decision';
import type { GradableQuestion, GradeResult } from './types';

const EXCERPT_CHARS = 60;

export function safeExcerpt(text: string, maxChars = EXCERPT_CHARS): string {
  const plain = text
    .slice(0, maxChars * 4)
    .replace(/[^\p{L}\p{N} .,;:!?()'/+=-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length <= maxChars ? plain : `${plain.slice(0, maxChars - 1).trimEnd()}…`;
}

function list(points: readonly string[]): string {
  return points.map((point) => point.replace(/[.\s]+$/, '')).join('; ');
}

const OPENINGS = {
  correct: 'Correct.',
  unsure: 'Not sure: compare your answer with the model answer and rate yourself.',
  partial: 'Partly right.',
  incorrect: 'Not quite.',
} as const;

export function buildFeedback(
  question: GradableQuestion,
  result: Omit<GradeResult, 'feedback'>,
  answer: string,
  refused: NonAnswer | undefined,
  contradiction?: Contradiction,
): string {
  if (refused === 'empty') return 'There is no answer to grade yet: explain it in a sentence or two.';
  if (refused === 'keyword-list') {
    return `Your answer names terms ("${safeExcerpt(answer)}") but does not say how they fit together. Explain in full sentences; a complete answer covers: ${list(question.keyPoints)}.`;
  }
  if (refused === 'question-copy') {
    return `Your answer repeats the question rather than answering it. A complete answer covers: ${list(question.keyPoints)}.`;
  }
  const parts: string[] = [OPENINGS[result.verdict]];
  if (result.misconception) {
    const correction = question.misconceptions.find((m) => m.id === result.misconception!.id)?.correction;
    parts.push(
      `This looks like a common misconception: "${result.misconception.text}"${correction ? ` In fact: ${correction}` : ''}`,
    );
  }
  if (contradiction?.kind === 'negation') {
    parts.push(
      `"${safeExcerpt(contradiction.statement)}" says the opposite of the key point: ${list([contradiction.keyPoint])}.`,
    );
  } else if (contradiction?.kind === 'swap') {
    parts.push(
      `Check which is which: "${safeExcerpt(contradiction.statement)}" says of one of the things compared what is true of the other (${list([contradiction.keyPoint])}).`,
    );
  }
  if (result.hit.length > 0 && result.verdict !== 'correct') parts.push(`You stated: ${list(result.hit)}.`);
  if (result.missed.length > 0)
    parts.push(`${result.verdict === 'unsure' ? 'Look in particular for' : 'Missing'}: ${list(result.missed)}.`);
  return parts.join(' ');
}
