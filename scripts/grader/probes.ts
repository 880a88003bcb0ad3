// The probes every question is checked with: answers whose right verdict is known without a human.
// Deterministic: the same questions always give the same probes.
import type { GradableQuestion, Verdict } from '../../src/grader/types';
import { seededRandom } from '../../src/random';
import { keywordLists, negate } from './traps';

export const PROBE_KINDS = [
  'reference',
  'other-reference',
  'unrelated',
  'negated-reference',
  'keyword-list',
  'terse-correct',
] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

export interface Probe {
  kind: ProbeKind;
  question: number;
  answer: string;
}

/** What passing means for each probe. */
export const PROBE_PASSES: Record<ProbeKind, { label: string; passes: (verdict: Verdict) => boolean }> = {
  reference: { label: 'the reference itself -> correct', passes: (v) => v === 'correct' },
  'other-reference': { label: "another question's reference -> incorrect", passes: (v) => v === 'incorrect' },
  unrelated: { label: 'an unrelated sentence -> incorrect', passes: (v) => v === 'incorrect' },
  'negated-reference': { label: 'the negated reference -> not correct', passes: (v) => v !== 'correct' },
  'keyword-list': { label: 'a keyword list -> incorrect', passes: (v) => v === 'incorrect' },
  'terse-correct': { label: 'a terse correct answer -> not incorrect', passes: (v) => v !== 'incorrect' },
};

const UNRELATED = [
  'The train to the coast leaves every hour, and the last one is at ten in the evening.',
  'Tomatoes grow best in full sun and need watering every other day in summer.',
  'The museum is closed on Mondays, but guided tours run on every other day of the week.',
  'A good bread dough rests for an hour so that the yeast can make it rise.',
];

/** Words in a terse answer: short enough that length cannot carry it. */
const TERSE_WORDS = 25;

/**
 * The probes of each question. `terse` gives a short answer known to be right (from the human-graded
 * samples), or none; another question's reference comes from a different concept when one exists.
 */
export function buildProbes(
  questions: readonly { gradable: GradableQuestion; group: string; terse?: string }[],
  seed = 7,
): Probe[] {
  const random = seededRandom(seed);
  return questions.flatMap(({ gradable, group, terse }, question) => {
    const others = questions.filter((other) => other.group !== group);
    const other = others[Math.floor(random() * others.length)];
    const probes: Probe[] = [
      { kind: 'reference', question, answer: gradable.reference },
      { kind: 'unrelated', question, answer: UNRELATED[question % UNRELATED.length]! },
      { kind: 'negated-reference', question, answer: negate(gradable.reference) },
      { kind: 'keyword-list', question, answer: keywordLists(gradable, random)[0]! },
    ];
    if (other) probes.push({ kind: 'other-reference', question, answer: other.gradable.reference });
    if (terse && terse.split(/\s+/).length <= TERSE_WORDS)
      probes.push({ kind: 'terse-correct', question, answer: terse });
    return probes;
  });
}
