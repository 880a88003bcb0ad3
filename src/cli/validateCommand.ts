import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readContentDirectory } from '../content/contentDirectory';
import { formatContentError, validateContent } from '../content/validation';
import { describeError } from '../errorText';

export function runValidate(args: string[]): number {
  const outIndex = args.indexOf('--out');
  const outFile = outIndex >= 0 ? args[outIndex + 1] : undefined;
  if (outIndex >= 0 && !outFile) {
    console.error('--out needs a file name');
    return 2;
  }
  const positional = outIndex >= 0 ? args.filter((_, index) => index !== outIndex && index !== outIndex + 1) : args;
  if (positional.length > 1) {
    console.error(`validate takes one content directory, not ${positional.length}: ${positional.join(' ')}`);
    return 2;
  }
  const directory = resolve(positional[0] ?? 'content');
  let files;
  try {
    files = readContentDirectory(directory);
  } catch (error) {
    console.error(`cannot read content directory ${directory}: ${describeError(error)}`);
    return 1;
  }
  if (files.length === 0) {
    console.error(`no concept files (*.yaml) in ${directory}`);
    return 1;
  }
  const { concepts, errors } = validateContent(files);
  if (errors.length > 0) {
    for (const error of errors) console.error(formatContentError(error));
    console.error(`${errors.length} problem(s) in ${directory}`);
    return 1;
  }
  if (outFile) {
    mkdirSync(dirname(resolve(outFile)), { recursive: true });
    writeFileSync(outFile, JSON.stringify(concepts));
  }
  const questions = concepts.reduce((sum, concept) => sum + concept.questions.length, 0);
  console.log(`ok: ${concepts.length} concepts, ${questions} questions in ${directory}`);
  return 0;
}
