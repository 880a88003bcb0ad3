// `cli grade`: grades JSON lines from standard input, one output line per input line.
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { errorLine, gradedLine, parseLine } from '../grader/batchLine';
import { lazyGrader } from '../grader/loadGrader';
import { defaultModelDirectory } from '../grader/modelFiles';
import { describeError } from '../errorText';

export interface GradeStreams {
  input: Readable;
  output: Writable;
  warn: (message: string) => void;
}

async function write(output: Writable, line: string): Promise<void> {
  if (!output.write(`${line}\n`)) await once(output, 'drain');
}

export async function gradeStream(modelDirectory: string, streams: GradeStreams): Promise<number> {
  const grader = lazyGrader(modelDirectory, streams.warn);
  let lineNumber = 0;
  let failures = 0;
  for await (const line of createInterface({ input: streams.input, crlfDelay: Infinity })) {
    lineNumber += 1;
    const parsed = parseLine(line);
    if (!parsed.ok) {
      failures += 1;
      await write(streams.output, errorLine(parsed.error, lineNumber));
      continue;
    }
    try {
      await write(streams.output, gradedLine(parsed.input, await grader.grade(parsed.question, parsed.answer)));
    } catch (error) {
      failures += 1;
      await write(streams.output, errorLine(`grading failed: ${describeError(error)}`, lineNumber));
    }
  }
  return failures === 0 ? 0 : 1;
}

export async function runGrade(args: string[]): Promise<number> {
  const modelIndex = args.indexOf('--model');
  if (modelIndex >= 0 && !args[modelIndex + 1]) {
    console.error('--model needs a directory');
    return 2;
  }
  const modelDirectory = modelIndex >= 0 ? resolve(args[modelIndex + 1]!) : defaultModelDirectory();
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return gradeStream(modelDirectory, {
    input: process.stdin,
    output: process.stdout,
    warn: (message) => console.error(`warning: ${message}`),
  });
}
