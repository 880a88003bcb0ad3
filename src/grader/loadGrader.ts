// Chooses the grader: the ONNX model when it loads, otherwise the labelled lexical fallback.
import { LexicalGrader } from './lexicalGrader';
import { readModelFiles } from './modelFiles';
import { OnnxGrader } from './onnxGrader';
import type { AnswerGrader, GradableQuestion, GradeResult } from './types';
import { describeError } from '../errorText';

export type LoadedGrader = OnnxGrader | LexicalGrader;

/** Loads the model in `modelDirectory`; on any failure reports why and returns the fallback. */
export async function loadGrader(modelDirectory: string, onFallback: (message: string) => void): Promise<LoadedGrader> {
  try {
    return await OnnxGrader.load(readModelFiles(modelDirectory));
  } catch (error) {
    const reason = describeError(error);
    onFallback(`The answer model could not be loaded (${reason}); grading with the simpler word-overlap fallback.`);
    return new LexicalGrader();
  }
}

/** A grader that loads the model on its first answer, never before. */
export function lazyGrader(
  modelDirectory: string,
  onFallback: (message: string) => void,
): AnswerGrader & { loaded(): Promise<LoadedGrader> } {
  let pending: Promise<LoadedGrader> | undefined;
  const loaded = (): Promise<LoadedGrader> => (pending ??= loadGrader(modelDirectory, onFallback));
  return {
    loaded,
    async grade(question: GradableQuestion, answer: string): Promise<GradeResult> {
      return (await loaded()).grade(question, answer);
    },
  };
}
