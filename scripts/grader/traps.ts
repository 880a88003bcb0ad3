// Generated answers: the traps a grader must not fall for, and answers known to be right.
// Deterministic: the same question always yields the same answers.
import { clauses, isContentToken, tokenize } from '../../src/grader/text';
import type { GradableQuestion } from '../../src/grader/types';
import { seededRandom, type Random } from '../../src/random';

export type TrapKind = 'keyword-list' | 'question-copy' | 'negation' | 'role-swap' | 'hostile';
export type GeneratedKind =
  TrapKind | 'other-reference' | 'reference' | 'key-points' | 'one-key-point' | 'misconception-claim';

export interface GeneratedAnswer {
  kind: GeneratedKind;
  answer: string;
  score: number;
  /** For 'one-key-point': which key point it states. */
  keyPoint?: number;
  misconceptionId?: string;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

function uniqueContentWords(text: string): string[] {
  return [...new Set(tokenize(text).filter(isContentToken))];
}

export function keywordLists(question: GradableQuestion, random: Random): string[] {
  const fromKeyPoints = shuffled(uniqueContentWords(question.keyPoints.join(' ')), random).slice(0, 12);
  const fromReference = uniqueContentWords(question.reference).slice(0, 10);
  return [fromKeyPoints.join(', '), fromReference.join(' ')];
}

export function questionCopies(question: GradableQuestion): string[] {
  const bare = question.prompt.trim().replace(/[?.!\s]+$/, '');
  return [question.prompt, `Because ${bare.charAt(0).toLowerCase()}${bare.slice(1)}.`];
}

const AUXILIARIES = /\b(is|are|was|were|can|could|will|would|should|must|does|do|did|has|have|may|might)\b/i;
const NEGATED = /\b(not|never|no)\s+/i;

/** Flips each sentence: removes an existing negation, or adds "not" after the first auxiliary. */
export function negate(text: string): string {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => {
      if (NEGATED.test(sentence)) return sentence.replace(NEGATED, '');
      if (AUXILIARIES.test(sentence)) return sentence.replace(AUXILIARIES, '$1 not');
      return `It is not true that ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
    })
    .join(' ');
}

/**
 * Swaps two content words that fill parallel slots in different clauses ("in evaluation mode ...,
 * in training mode ..."), so every word stays but the roles change. Undefined if none are found.
 */
export function swapRoles(text: string): string | undefined {
  const parts = clauses(text);
  let best: { a: string; b: string; score: number } | undefined;
  parts.forEach((first, i) => {
    parts.forEach((second, j) => {
      if (j <= i) return;
      first.forEach((a, x) => {
        second.forEach((b, y) => {
          if (!isContentToken(a) || !isContentToken(b) || a === b || first.includes(b) || second.includes(a)) return;
          const score = (first[x - 1] === second[y - 1] ? 1 : 0) + (first[x + 1] === second[y + 1] ? 1 : 0);
          if (score > 0 && (!best || score > best.score)) best = { a, b, score };
        });
      });
    });
  });
  if (!best) return undefined;
  const { a, b } = best;
  return text.replace(new RegExp(`\\b(${a}|${b})\\b`, 'gi'), (word) => (word.toLowerCase() === a ? b : a));
}

const FOREIGN = [
  'El modelo aprende los pesos con descenso de gradiente y la tasa de aprendizaje controla el paso.',
  'Das Netzwerk wird während des Trainings regularisiert, damit es nicht überangepasst wird.',
  '神经网络通过反向传播来更新权重，学习率决定步长。',
];

export function hostileAnswers(random: Random): string[] {
  const filler = ['banana', 'river', 'yesterday', 'piano', 'orange', 'mountain', 'quickly', 'window'];
  const long = Array.from({ length: 10_000 }, () => filler[Math.floor(random() * filler.length)]).join(' ');
  const binary = Array.from({ length: 400 }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
  return [
    '',
    '   \n\t ',
    long,
    FOREIGN[Math.floor(random() * FOREIGN.length)]!,
    '<script>alert("graded")</script><b>yes</b>',
    binary,
    '???!!! ... ---',
  ];
}

export function generateAnswers(question: GradableQuestion, seed: number): GeneratedAnswer[] {
  const random = seededRandom(seed);
  const joinedKeyPoints = question.keyPoints
    .map((point) => `${point.charAt(0).toUpperCase()}${point.slice(1).replace(/[.\s]*$/, '.')}`)
    .join(' ');
  const answers: GeneratedAnswer[] = [
    { kind: 'reference', answer: question.reference, score: 1 },
    { kind: 'key-points', answer: joinedKeyPoints, score: 1 },
    ...keywordLists(question, random).map((answer) => ({ kind: 'keyword-list' as const, answer, score: 0 })),
    ...questionCopies(question).map((answer) => ({ kind: 'question-copy' as const, answer, score: 0 })),
    { kind: 'negation', answer: negate(question.reference), score: 0 },
    { kind: 'negation', answer: negate(joinedKeyPoints), score: 0 },
    ...hostileAnswers(random).map((answer) => ({ kind: 'hostile' as const, answer, score: 0 })),
    ...question.misconceptions.map((m) => ({
      kind: 'misconception-claim' as const,
      answer: m.claim,
      score: 0,
      misconceptionId: m.id,
    })),
  ];
  for (const source of [question.reference, joinedKeyPoints]) {
    const swapped = swapRoles(source);
    if (swapped && swapped !== source) answers.push({ kind: 'role-swap', answer: swapped, score: 0.1 });
  }
  if (question.keyPoints.length >= 2) {
    question.keyPoints.forEach((point, keyPoint) =>
      answers.push({
        kind: 'one-key-point',
        answer: point,
        score: Math.min(0.5, 1 / question.keyPoints.length + 0.1),
        keyPoint,
      }),
    );
  }
  return answers;
}
