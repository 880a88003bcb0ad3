// Grader benchmark: model load time, per-answer latency and the resident memory the grader adds, stage
// by stage, on the content's free-text questions and their samples.
import { performance } from 'node:perf_hooks';
import { defaultModelDirectory, readModelFiles } from '../src/grader/modelFiles';
import { OnnxGrader } from '../src/grader/onnxGrader';
import { GraderSession } from '../src/grader/onnxSession';
import { Vocabulary } from '../src/grader/vocabulary';
import { collectGarbage, residentMemory, type ResidentMemory } from './residentMemory';
import { readContent } from './grader/readContent';

const ROUNDS = 5;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Records the resident memory each stage adds, and how much of it is mapped library code. */
class MemoryStages {
  private last: ResidentMemory;
  private readonly first: ResidentMemory;
  readonly lines: string[] = [];

  constructor() {
    this.first = this.last = residentMemory();
  }

  mark(stage: string): void {
    const now = residentMemory();
    const mapped = now.mapped - this.last.mapped;
    const mappedNote = Math.abs(mapped) >= 1 * 2 ** 20 ? ` (${mb(mapped)} of it library code mapped from disk)` : '';
    this.lines.push(`    ${stage}: ${mb(now.total - this.last.total)}${mappedNote}`);
    this.last = now;
  }

  get added(): ResidentMemory {
    return { total: this.last.total - this.first.total, mapped: this.last.mapped - this.first.mapped };
  }
}

export async function benchGrader(modelDirectory = defaultModelDirectory()): Promise<void> {
  // The answers are read before the baseline: the content is the product's memory, not the grader's.
  const { questions } = readContent('content');
  const cases = questions.flatMap(({ gradable, question }) => [
    ...question.samples.map((sample) => ({ question: gradable, answer: sample.answer })),
    { question: gradable, answer: gradable.reference },
  ]);
  await collectGarbage();
  const memory = new MemoryStages();

  // The steps of OnnxGrader.load, one by one, so that each has its time and memory.
  const loadStart = performance.now();
  await import('onnxruntime-node');
  const runtimeLoaded = performance.now();
  memory.mark('onnxruntime-node imported');
  const grader = await (async () => {
    const files = readModelFiles(modelDirectory);
    memory.mark('model and vocabulary files read');
    const vocabulary = Vocabulary.fromWordList(files.config.words, files.config.hashBuckets);
    memory.mark('vocabulary built');
    const session = await GraderSession.load(files.model);
    memory.mark('inference session created');
    return new OnnxGrader(session, vocabulary, files.config.thresholds);
  })();
  const loadEnd = performance.now();
  await collectGarbage();
  memory.mark('garbage collected (the model bytes the session has copied)');

  const latencies: number[] = [];
  await grader.grade(cases[0]!.question, cases[0]!.answer);
  memory.mark('first answer graded');
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const { question, answer } of cases) {
      const start = performance.now();
      await grader.grade(question, answer);
      latencies.push(performance.now() - start);
    }
  }
  memory.mark(`${latencies.length} more answers graded`);
  latencies.sort((a, b) => a - b);
  const { added } = memory;
  console.log(
    [
      'grader',
      `  load: ${(loadEnd - loadStart).toFixed(0)} ms (runtime import ${(runtimeLoaded - loadStart).toFixed(0)} ms, model ${(loadEnd - runtimeLoaded).toFixed(0)} ms)  target < 300 ms`,
      `  per answer: median ${percentile(latencies, 0.5).toFixed(2)} ms, p95 ${percentile(latencies, 0.95).toFixed(2)} ms over ${latencies.length} gradings  target < 10 ms`,
      `  resident memory added by the grader: ${mb(added.total)} (${mb(added.mapped)} of it onnxruntime's library code mapped from disk)  target < 60 MB; by stage:`,
      ...memory.lines,
    ].join('\n'),
  );
}
