// The model's companion file (models/grader.json): vocabulary and decision thresholds. Pure.
import { z } from 'zod';

export const modelConfigSchema = z.object({
  /** Format 3 stores the words as one string (format 2, an array of 42,000 strings, took megabytes more). */
  format: z.literal(3, { error: 'expected format 3 (rebuild the model with npm run build-model)' }),
  /** SHA-256 of the .onnx file this vocabulary belongs to. */
  modelSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The words in id order, one per line (WORD_SEPARATOR in vocabulary.ts). */
  words: z.string(),
  hashBuckets: z.number().int().positive(),
  thresholds: z.object({
    correct: z.number().min(0).max(1),
    /** Between this and `correct` the grader is not sure and asks the learner to compare. */
    unsure: z.number().min(0).max(1),
    partial: z.number().min(0).max(1),
    keyPoint: z.number().min(0).max(1),
    /** "correct" needs every key point's probability at least this high. */
    evidence: z.number().min(0).max(1),
    misconception: z.number().min(0).max(1),
    /** An answer whose relevance output reaches this is about something else (see relevance.ts). */
    relevance: z.number().min(0).max(1),
    /**
     * The cut-off for "correct" on a question whose key points only restate its reference (an outside
     * question given with a reference alone), fitted on answers to such questions; absent: `correct`.
     */
    referenceOnly: z.number().min(0).max(1).optional(),
  }),
});
export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type Thresholds = ModelConfig['thresholds'];

export function parseModelConfig(text: string): ModelConfig {
  const parsed = modelConfigSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid grader vocabulary file at ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return parsed.data;
}
