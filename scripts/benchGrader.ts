// Grader benchmark: model load time, per-answer latency and resident memory, on the content's
// free-text questions and their samples.
import { performance } from 'node:perf_hooks';
import { defaultModelDirectory, readModelFiles } from '../src/grader/modelFiles';
import { OnnxGrader } from '../src/grader/onnxGrader';
import { readContent } from './grader/readContent';

const ROUNDS = 5;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

export async function benchGrader(modelDirectory = defaultModelDirectory()): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const loadStart = performance.now();
  await import('onnxruntime-node');
  const runtimeLoaded = performance.now();
  const grader = await OnnxGrader.load(readModelFiles(modelDirectory));
  const loadEnd = performance.now();

  const { questions } = readContent('content');
  const cases = questions.flatMap(({ gradable, question }) => [
    ...question.samples.map((sample) => ({ question: gradable, answer: sample.answer })),
    { question: gradable, answer: gradable.reference },
  ]);
  const latencies: number[] = [];
  await grader.grade(cases[0]!.question, cases[0]!.answer);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const { question, answer } of cases) {
      const start = performance.now();
      await grader.grade(question, answer);
      latencies.push(performance.now() - start);
    }
  }
  latencies.sort((a, b) => a - b);
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  console.log(
    [
      'grader',
      `  load: ${(loadEnd - loadStart).toFixed(0)} ms (runtime import ${(runtimeLoaded - loadStart).toFixed(0)} ms, model ${(loadEnd - runtimeLoaded).toFixed(0)} ms)  target < 200 ms`,
      `  per answer: median ${percentile(latencies, 0.5).toFixed(2)} ms, p95 ${percentile(latencies, 0.95).toFixed(2)} ms over ${latencies.length} gradings  target < 10 ms`,
      `  resident memory: ${mb(process.memoryUsage().rss)} (${mb(process.memoryUsage().rss - rssBefore)} added by the grader)`,
    ].join('\n'),
  );
}
