// Command-line entry for authors and tooling: `scan`, `check`, `hover`, `summary`, `validate`, `grade`, `quiz`.
import { runCheck } from './checkCommand';
import { runGrade } from './gradeCommand';
import { runHover } from './hoverCommand';
import { runQuiz } from './quizCommand';
import { runScan } from './scanCommand';
import { runSummary } from './summaryCommand';
import { runValidate } from './validateCommand';
import { describeError } from '../errorText';

const USAGE = `usage:
  node dist/cli.js scan FILE.py            print the deep-learning API uses in FILE.py as JSON
  node dist/cli.js check FILE.py...        print the mistake diagnostics of each file as JSON
  node dist/cli.js hover FILE.py LINE COLUMN [--long]
                                           print the hover markdown at a 1-based line and column
                                           (nothing when there is no hover)
  node dist/cli.js summary FILE.py         print the models in FILE.py with parameter counts and
                                           output shapes as JSON
  node dist/cli.js validate [DIR] [--out FILE]
                                           validate the concept files in DIR (default: content/);
                                           with --out, also write the compiled content as JSON
  node dist/cli.js grade [--model DIR] < in.jsonl > out.jsonl
                                           grade free-text answers, one JSON object per line:
                                           {question, reference, keyPoints, misconceptions?, answer}
  node dist/cli.js quiz [--concept ID] [--size N] --seed S
                                           print the quiz session a new learner would get, in
                                           presentation order, as JSON`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan':
      return runScan(rest);
    case 'check':
      return runCheck(rest);
    case 'hover':
      return runHover(rest);
    case 'summary':
      return runSummary(rest);
    case 'validate':
      return runValidate(rest);
    case 'grade':
      return runGrade(rest);
    case 'quiz':
      return runQuiz(rest);
    case undefined:
    case '-h':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(describeError(error));
    process.exitCode = 1;
  },
);
