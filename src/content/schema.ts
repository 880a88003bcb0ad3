// The shape of one concept file in content/. Pure: no vscode, no file system.
import { z } from 'zod';
import { canonicalSymbol, frameworkOf } from '../scanner/symbols';
import { evaluateArithmetic } from './arithmetic';
import { describeError } from '../errorText';

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (lower-case letters, digits and single hyphens)');

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

/**
 * How the hover interprets an argument's value. Each kind has a formatter in
 * src/content/argumentNotes.ts; 'plain' just repeats the parameter's meaning.
 */
export const PARAM_KINDS = [
  'plain',
  'drop-probability',
  'keep-probability',
  'learning-rate',
  'momentum',
  'betas',
  'weight-decay',
  'epsilon',
  'negative-slope',
  'max-norm',
  'clip-value',
  'kernel-size',
  'stride',
  'padding',
  'features',
  'boolean',
  'setting',
] as const;
export const paramKindSchema = z.enum(PARAM_KINDS);
export type ParamKind = z.infer<typeof paramKindSchema>;

export const paramSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier'),
  /** 0-based position when passed positionally; omitted for keyword-only parameters. */
  position: z.number().int().min(0).optional(),
  kind: paramKindSchema.default('plain'),
  default: z.string().optional(),
  meaning: nonEmptyText,
});
export type Param = z.infer<typeof paramSchema>;

export const apiSchema = z.strictObject({
  /** Fully qualified name as imported, e.g. torch.nn.Dropout or keras.layers.Dropout. */
  symbol: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/, 'must be a dotted Python name such as torch.nn.Dropout')
    .refine((symbol) => frameworkOf(symbol) !== undefined, 'must start with torch, torchvision, pytorch_lightning, keras, tensorflow, jax, flax or optax')
    .refine((symbol) => canonicalSymbol(symbol) === symbol, 'must use the canonical spelling (keras.X, not tensorflow.keras.X)'),
  params: z.array(paramSchema).default([]),
  /** Optional note shown for this symbol only, e.g. that a loss expects logits. */
  note: z.string().optional(),
  /** The hover's text for this symbol when the concept's summary would mislead (log_softmax under softmax). */
  summary: nonEmptyText.refine((text) => countSentences(text) <= 2, 'must be at most two sentences').optional(),
  /**
   * Only calls whose argument has one of these values (`TextVectorization(output_mode='tf_idf')`) belong here;
   * the entry for the same symbol without `when` covers every other call.
   */
  when: z
    .strictObject({
      name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier'),
      position: z.number().int().min(0).optional(),
      equals: z.array(nonEmptyText).min(1, 'needs at least one value'),
    })
    .optional(),
});
export type ApiSymbol = z.infer<typeof apiSchema>;

export const formulaSchema = z.strictObject({
  name: nonEmptyText,
  /** Plain-text or Unicode formula; typeset with KaTeX in explanations, shown as written if it cannot be. */
  expression: nonEmptyText,
  meaning: nonEmptyText,
});

export const misconceptionSchema = z.strictObject({
  id: kebabId,
  /** The wrong belief, stated as a learner would state it. */
  claim: nonEmptyText,
  /** What is actually true, and why. */
  correction: nonEmptyText,
});
export type Misconception = z.infer<typeof misconceptionSchema>;

export const referenceSchema = z.strictObject({
  title: nonEmptyText,
  /** Optional locator (book chapter, paper venue, API page); never fetched at run time. */
  where: z.string().optional(),
  /** Where to read it, when the link cannot be derived (see src/webviews/explain/referenceLinks.ts). */
  url: z.string().regex(/^https:\/\/[^\s"'<>]+$/, 'must be an https:// address').optional(),
});

const choiceOptionSchema = z.strictObject({
  text: nonEmptyText,
  correct: z.boolean().default(false),
  /** Why this option is right or wrong; shown after answering. */
  why: nonEmptyText,
});

const questionBase = {
  id: kebabId,
  prompt: nonEmptyText,
  /** Shown after the answer, whatever the outcome. */
  explanation: z.string().optional(),
};

export const choiceQuestionSchema = z
  .strictObject({
    ...questionBase,
    type: z.literal('choice'),
    options: z.array(choiceOptionSchema).min(2, 'needs at least two options'),
  })
  .refine((question) => question.options.filter((option) => option.correct).length === 1, {
    message: 'exactly one option must have correct: true',
    path: ['options'],
  });

export const numericQuestionSchema = z
  .strictObject({
    ...questionBase,
    type: z.literal('numeric'),
    answer: z.number().finite(),
    /** Absolute tolerance accepted around the answer. */
    tolerance: z.number().min(0).default(0),
    unit: z.string().optional(),
    /**
     * The arithmetic that produces the answer, e.g. "(32 - 5 + 2*1) / 1 + 1". Validation evaluates it
     * and compares it with `answer`, so a typed number can never silently disagree with its working.
     */
    compute: nonEmptyText,
  })
  .superRefine((question, context) => {
    let computed: number;
    try {
      computed = evaluateArithmetic(question.compute);
    } catch (error) {
      context.addIssue({ code: 'custom', path: ['compute'], message: `cannot be evaluated: ${describeError(error)}` });
      return;
    }
    if (Math.abs(computed - question.answer) > Math.max(question.tolerance, 1e-9)) {
      context.addIssue({ code: 'custom', path: ['compute'], message: `gives ${computed}, but answer is ${question.answer} (tolerance ${question.tolerance})` });
    }
  });

export const GRADES = ['correct', 'partial', 'wrong', 'misconception'] as const;
export const sampleAnswerSchema = z.strictObject({
  answer: z.string(),
  grade: z.enum(GRADES),
  /** Score a careful human marker would give, 0..1. */
  score: z.number().min(0).max(1),
  /** For grade 'misconception': the id of the misconception it shows. */
  misconception: kebabId.optional(),
});
export type SampleAnswer = z.infer<typeof sampleAnswerSchema>;

export const freeTextQuestionSchema = z
  .strictObject({
    ...questionBase,
    type: z.literal('free'),
    reference: nonEmptyText,
    keyPoints: z.array(nonEmptyText).min(1, 'needs at least one key point'),
    /** Ids of this concept's misconceptions that an answer to this question may show. */
    misconceptions: z.array(kebabId).default([]),
    samples: z.array(sampleAnswerSchema).default([]),
  })
  .refine((question) => question.samples.every((sample) => sample.grade !== 'misconception' || sample.misconception), {
    message: "every sample graded 'misconception' must name its misconception id",
    path: ['samples'],
  });

export const questionSchema = z.discriminatedUnion('type', [
  choiceQuestionSchema,
  numericQuestionSchema,
  freeTextQuestionSchema,
]);
export type Question = z.infer<typeof questionSchema>;
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
export type NumericQuestion = z.infer<typeof numericQuestionSchema>;
export type FreeTextQuestion = z.infer<typeof freeTextQuestionSchema>;

export const TOPICS = [
  'foundations',
  'activations',
  'losses',
  'optimisation',
  'gradients',
  'initialisation',
  'regularisation',
  'normalisation',
  'hyperparameters',
  'convolutional',
  'recurrent',
  'attention',
  'embeddings',
  'generative',
  'transfer',
  'machine-learning',
  'language-models',
  'vision',
  'efficiency',
  'distributed',
  'graphs',
  'robustness',
] as const;

export const conceptSchema = z
  .strictObject({
    id: kebabId,
    title: nonEmptyText,
    topic: z.enum(TOPICS),
    aliases: z.array(nonEmptyText).default([]),
    apis: z.array(apiSchema).default([]),
    /** The hover text: at most three sentences. */
    summary: nonEmptyText.refine((text) => countSentences(text) <= 3, 'must be at most three sentences'),
    /** Markdown, rendered with raw HTML disabled. */
    explanation: nonEmptyText,
    formulas: z.array(formulaSchema).default([]),
    pitfalls: z.array(nonEmptyText).default([]),
    misconceptions: z.array(misconceptionSchema).default([]),
    related: z.array(kebabId).default([]),
    visualisation: kebabId.optional(),
    references: z.array(referenceSchema).min(1, 'needs at least one primary reference'),
    questions: z.array(questionSchema).default([]),
  })
  .superRefine((concept, context) => {
    const misconceptionIds = new Set(concept.misconceptions.map((m) => m.id));
    concept.questions.forEach((question, index) => {
      if (question.type !== 'free') return;
      const named = [...question.misconceptions, ...question.samples.flatMap((s) => (s.misconception ? [s.misconception] : []))];
      for (const id of named) {
        if (!misconceptionIds.has(id)) {
          context.addIssue({
            code: 'custom',
            path: ['questions', index, 'misconceptions'],
            message: `names misconception '${id}', which this concept does not define`,
          });
        }
      }
    });
    if (concept.related.includes(concept.id)) {
      context.addIssue({ code: 'custom', path: ['related'], message: 'a concept cannot be related to itself' });
    }
  });

export type Concept = z.infer<typeof conceptSchema>;

/** Counts sentences by terminal punctuation followed by a space or the end; decimals like 0.5 are not ends. */
export function countSentences(text: string): number {
  const withoutAbbreviations = text.replace(/\b(?:e\.g|i\.e|etc|vs|cf|et al)\./gi, '');
  const ends = withoutAbbreviations.trim().match(/[.!?](?=\s|$)/g);
  return Math.max(1, ends ? ends.length : 0);
}
