import { join } from 'node:path';
import type { ConceptIndex } from '../content/conceptIndex';
import { loadCompiledContent } from '../content/loadConcepts';
import { emptyProgress } from '../progress/model';
import { QuestionBank } from '../quiz/questionBank';
import { inlineText, plainText, type Block } from '../quiz/richText';
import { selectQuestions } from '../quiz/selection';
import { advance, startSession } from '../quiz/session';
import { seededRandom } from '../random';

const USAGE = 'usage: node dist/cli.js quiz [--concept ID] [--size N] --seed S';

/** One question of `cli quiz` output, as a new learner would be shown it; options in presentation order. */
export interface QuizRecord {
  id: string;
  type: 'choice' | 'numeric' | 'free';
  prompt: string;
  options?: { text: string; correct: boolean }[];
}

export interface QuizArguments {
  conceptId?: string;
  size: number;
  seed: number;
}

export function runQuiz(args: string[]): number {
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${USAGE}`);
    return 2;
  }
  const index = loadCompiledContent(join(__dirname, 'content.json'));
  if (parsed.conceptId !== undefined && !index.get(parsed.conceptId)) {
    console.error(`unknown concept '${parsed.conceptId}'`);
    return 1;
  }
  const records = quizRecords(index, parsed, new Date());
  console.log(JSON.stringify(records, null, 2));
  return 0;
}

/** The session a new learner would get, walked as the panel walks it, so the option orders are the ones shown. */
export function quizRecords(index: ConceptIndex, request: QuizArguments, now: Date): QuizRecord[] {
  const bank = new QuestionBank(index.concepts);
  const selected = selectQuestions(bank.items, emptyProgress().cards, {
    now,
    size: request.size,
    ...(request.conceptId !== undefined ? { conceptIds: new Set([request.conceptId]) } : {}),
  });
  const random = seededRandom(request.seed);
  const records: QuizRecord[] = [];
  for (
    let state = startSession(
      bank,
      'Quiz',
      { kind: 'mixed' },
      selected.map((item) => item.question.id),
      random,
    );
    state.question;
    state = advance(state, bank, () => 0, random)
  ) {
    const { question } = bank.get(state.question.questionId)!;
    const record: QuizRecord = { id: question.id, type: question.type, prompt: blocksText(state.question.prompt) };
    if (question.type === 'choice') {
      record.options = (state.optionOrder ?? []).map((option) => ({
        text: plainText(inlineText(question.options[option]!.text)),
        correct: question.options[option]!.correct,
      }));
    }
    records.push(record);
  }
  return records;
}

export function parseArguments(args: readonly string[]): QuizArguments | string {
  const values = new Map<string, string>();
  for (let position = 0; position < args.length; position += 2) {
    const flag = args[position]!;
    const value = args[position + 1];
    if (!['--concept', '--size', '--seed'].includes(flag)) return `unknown argument '${flag}'`;
    if (value === undefined) return `${flag} needs a value`;
    values.set(flag, value);
  }
  const seed = values.get('--seed');
  if (seed === undefined) return '--seed is required, so that the same seed prints the same session';
  if (!/^\d+$/.test(seed)) return `--seed must be a whole number, not '${seed}'`;
  const size = values.get('--size') ?? '10';
  if (!/^[1-9]\d*$/.test(size)) return `--size must be a positive whole number, not '${size}'`;
  const conceptId = values.get('--concept');
  return { size: Number(size), seed: Number(seed), ...(conceptId !== undefined ? { conceptId } : {}) };
}

function blocksText(blocks: readonly Block[]): string {
  return blocks.map((block) => plainText(block.spans)).join('\n');
}
