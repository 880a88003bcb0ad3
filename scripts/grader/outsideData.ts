// Reads the human-graded short answers written outside the project (SemEval-2013 Task 7, Mohler et al.
// 2011) from the shared data folder at build and evaluation time. Nothing from it is copied into the
// repository; the model only carries weights fitted on the SemEval training splits.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GradableQuestion } from '../../src/grader/types';

export type SemEvalLabel = 'correct' | 'contradictory' | 'incorrect';

export interface OutsideAnswer {
  qid: string;
  question: GradableQuestion;
  answer: string;
  /** SemEval: the 3-way label. */
  label?: SemEvalLabel;
  /** Mohler: the mean of two graders, 0 to 5. */
  human?: number;
}

export const SEMEVAL_TRAIN_SPLITS = ['sciEntsBank_train', 'beetle_train'] as const;
export const SEMEVAL_TEST_SPLITS = [
  'sciEntsBank_test-unseen-answers',
  'sciEntsBank_test-unseen-questions',
  'sciEntsBank_test-unseen-domains',
  'beetle_test-unseen-answers',
  'beetle_test-unseen-questions',
] as const;

/** The shared data folder: `--asag DIR`, else ../shared/asag beside the project. */
export function asagDirectory(argv: readonly string[] = process.argv): string {
  const index = argv.indexOf('--asag');
  return index >= 0 ? resolve(argv[index + 1]!) : resolve('..', 'shared', 'asag');
}

export function hasOutsideData(directory: string): boolean {
  return existsSync(join(directory, 'semeval', `${SEMEVAL_TRAIN_SPLITS[0]}.jsonl`));
}

function readRows(path: string): OutsideAnswer[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as {
        qid: string;
        question: string;
        reference: string;
        keyPoints: string[];
        answer: string;
        label?: SemEvalLabel;
        human?: number;
      };
      const keyPoints = row.keyPoints.filter((point) => point.trim());
      return {
        qid: String(row.qid),
        question: {
          prompt: row.question,
          reference: row.reference,
          keyPoints: keyPoints.length > 0 ? keyPoints : [row.reference],
          misconceptions: [],
        },
        answer: row.answer,
        ...(row.label ? { label: row.label } : {}),
        ...(row.human !== undefined ? { human: row.human } : {}),
      };
    });
}

export function readSemEval(directory: string, split: string): OutsideAnswer[] {
  return readRows(join(directory, 'semeval', `${split}.jsonl`));
}

/** Evaluation only: never used to train or to choose anything. */
export function readMohler(directory: string): OutsideAnswer[] {
  return readRows(join(directory, 'mohler.jsonl'));
}
