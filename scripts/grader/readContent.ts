// Reads every concept file in content/ and returns its free-text questions. Files are checked one
// by one, so a file with a problem (or one mid-edit) is skipped with a warning, not fatal.
import { readContentDirectory } from '../../src/content/contentDirectory';
import type { Concept } from '../../src/content/schema';
import { formatContentError, parseConceptFile } from '../../src/content/validation';
import { contentQuestions, type ContentQuestion } from '../../src/grader/contentQuestions';

export interface Content {
  concepts: Concept[];
  questions: ContentQuestion[];
}

export function readContent(directory: string): Content {
  const concepts: Concept[] = [];
  for (const file of readContentDirectory(directory)) {
    const { concept, errors } = parseConceptFile(file);
    if (concept) concepts.push(concept);
    else console.warn(`skipped ${errors.map(formatContentError).join('; ')}`);
  }
  return { concepts, questions: contentQuestions(concepts) };
}

/** Every prose text of the concepts, for choosing the vocabulary. */
export function contentTexts(concepts: readonly Concept[]): string[] {
  return concepts.flatMap((concept) => [
    concept.title,
    ...concept.aliases,
    concept.summary,
    concept.explanation,
    ...concept.pitfalls,
    ...concept.misconceptions.flatMap((m) => [m.claim, m.correction]),
    ...concept.questions.flatMap((question) => [
      question.prompt,
      question.explanation ?? '',
      ...(question.type === 'free'
        ? [question.reference, ...question.keyPoints, ...question.samples.map((sample) => sample.answer)]
        : question.type === 'choice'
          ? question.options.flatMap((option) => [option.text, option.why])
          : []),
    ]),
  ]);
}
