// Grader benchmark: model load time, per-answer latency and the resident memory the grader adds, stage
// by stage, on the content's free-text questions and their samples.
import { performance } from 'node:perf_hooks';
import type { ModelConfig } from '../src/grader/modelConfig';
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

/**
 * Runs the grader's stages one by one: the time each takes, then, after a full collection, the resident
 * memory it still holds and how much of that is library code mapped from disk.
 */
class Stages {
  private last: ResidentMemory;
  private readonly first: ResidentMemory;
  readonly lines: string[] = [];
  readonly milliseconds: number[] = [];

  private constructor(baseline: ResidentMemory) {
    this.first = this.last = baseline;
  }

  static async start(): Promise<Stages> {
    // Repeated: V8 gives back the pages the content's parsing left over a collection or two later.
    for (let settle = 0; settle < 3; settle += 1) await collectGarbage();
    return new Stages(residentMemory());
  }

  async run<T>(stage: string, work: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    const elapsed = performance.now() - started;
    this.milliseconds.push(elapsed);
    await collectGarbage();
    const now = residentMemory();
    const mapped = now.mapped - this.last.mapped;
    const mappedNote = Math.abs(mapped) >= 2 ** 20 ? ` (${mb(mapped)} of it mapped from disk)` : '';
    this.lines.push(`    ${stage}: ${mb(now.total - this.last.total)}${mappedNote}, ${elapsed.toFixed(0)} ms`);
    this.last = now;
    return result;
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
  const stages = await Stages.start();

  // The steps of OnnxGrader.load, one by one.
  await stages.run('onnxruntime-node imported', () => import('onnxruntime-node'));
  // One stage: V8 gives back the parse's pages too late to split reading from building reliably.
  const files: { model?: Uint8Array; config: ModelConfig; vocabulary: Vocabulary } = await stages.run(
    'model and vocabulary files read, vocabulary built',
    () => {
      const { model, config } = readModelFiles(modelDirectory);
      return { model, config, vocabulary: Vocabulary.fromWordList(config.words, config.hashBuckets) };
    },
  );
  const session = await stages.run('inference session created (the model bytes then released)', async () => {
    const created = await GraderSession.load(files.model!);
    delete files.model; // as in OnnxGrader.load, nothing keeps the file's bytes once the session has them
    return created;
  });
  const loadMilliseconds = stages.milliseconds.reduce((sum, ms) => sum + ms, 0);
  const grader = new OnnxGrader(session, files.vocabulary, files.config.thresholds);

  await stages.run('first answer graded', () => grader.grade(cases[0]!.question, cases[0]!.answer));
  const latencies: number[] = [];
  await stages.run(`${ROUNDS * cases.length} more answers graded`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const { question, answer } of cases) {
        const start = performance.now();
        await grader.grade(question, answer);
        latencies.push(performance.now() - start);
      }
    }
  });
  latencies.sort((a, b) => a - b);
  const { added } = stages;
  const [runtimeMilliseconds = 0] = stages.milliseconds;
  console.log(
    [
      'grader',
      `  load: ${loadMilliseconds.toFixed(0)} ms (runtime import ${runtimeMilliseconds.toFixed(0)} ms, model ${(loadMilliseconds - runtimeMilliseconds).toFixed(0)} ms)  target < 300 ms`,
      `  per answer: median ${percentile(latencies, 0.5).toFixed(2)} ms, p95 ${percentile(latencies, 0.95).toFixed(2)} ms over ${latencies.length} gradings  target < 10 ms`,
      `  resident memory added by the grader: ${mb(added.total)} (${mb(added.mapped)} of it mapped from disk, mostly onnxruntime's library code)  target < 60 MB; held after each stage:`,
      ...stages.lines,
    ].join('\n'),
  );
}
