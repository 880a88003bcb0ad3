// Small validated concepts for the quiz tests, including one whose every string is hostile markup.
import { conceptSchema, type Concept } from '../../src/content/schema';

type ConceptInput = Record<string, unknown> & { id: string; topic: string; questions: unknown[] };

export function concept(input: ConceptInput): Concept {
  return conceptSchema.parse({
    title: input.id.replace(/-/g, ' '),
    summary: `About ${input.id}.`,
    explanation: `The ${input.id} concept.`,
    references: [{ title: 'A textbook' }],
    ...input,
  });
}

export function choice(id: string, correctIndex = 0, options = 3): Record<string, unknown> {
  return {
    id,
    type: 'choice',
    prompt: `Question ${id}?`,
    options: Array.from({ length: options }, (_, index) => ({
      text: `Option ${index + 1}`,
      correct: index === correctIndex,
      why: `Because ${index + 1}.`,
    })),
  };
}

export function numeric(id: string, answer: number, tolerance: number, unit?: string): Record<string, unknown> {
  return {
    id,
    type: 'numeric',
    prompt: `How many for ${id}?`,
    answer,
    tolerance,
    compute: String(answer),
    ...(unit ? { unit } : {}),
  };
}

export function free(id: string): Record<string, unknown> {
  return {
    id,
    type: 'free',
    prompt: `Explain ${id}.`,
    reference: `The reference for ${id}.`,
    keyPoints: [`point of ${id}`],
  };
}

export const HOSTILE = {
  script: '<script>window.__pwned = "script"</script>',
  image: '<img src=x onerror="window.__pwned = \'img\'">',
  link: '[click me](javascript:window.__pwned="link")',
};

/** Every text a quiz shows carries a hostile string: prompts, options, whys, explanations, misconceptions. */
export const HOSTILE_CONCEPT = concept({
  id: 'hostile-concept',
  title: `Hostile ${HOSTILE.script}`,
  topic: 'foundations',
  visualisation: 'dropout',
  misconceptions: [{ id: 'hostile-claim', claim: `Claim ${HOSTILE.image}`, correction: `Correction ${HOSTILE.link}` }],
  questions: [
    {
      id: 'hostile-choice',
      type: 'choice',
      prompt: `Pick ${HOSTILE.script} and \`code\` and ${HOSTILE.link}`,
      explanation: `Explained ${HOSTILE.image}`,
      options: [
        { text: `Right ${HOSTILE.image}`, correct: true, why: `Why right ${HOSTILE.script}` },
        { text: `Wrong ${HOSTILE.link}`, why: `Why wrong ${HOSTILE.image}` },
        { text: 'Also wrong', why: 'Plain.' },
      ],
    },
    {
      id: 'hostile-numeric',
      type: 'numeric',
      prompt: `Number ${HOSTILE.image}`,
      answer: 0.8,
      tolerance: 0.001,
      compute: '1 - 0.2',
      explanation: `Since ${HOSTILE.script}`,
    },
    {
      id: 'hostile-free',
      type: 'free',
      prompt: `Explain ${HOSTILE.link}`,
      reference: `Reference ${HOSTILE.script}`,
      keyPoints: [`key ${HOSTILE.image}`, 'second key point'],
      misconceptions: ['hostile-claim'],
    },
  ],
});
