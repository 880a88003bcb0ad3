// npm run eval-grader: k-fold cross-validation by question. The heads are retrained on the other
// folds' questions and judged on held-out ones, against the human scores and the generated traps,
// next to a TF-IDF cosine baseline fitted the same way.
// Options: --content DIR (default content/), --hidden N (score-head units, 0 = logistic),
// --list (print every held-out human sample with its human and model scores).
import { cosine, inverseDocumentFrequency, recall } from '../../src/grader/lexical';
import { readModelFiles } from '../../src/grader/modelFiles';
import { GraderSession } from '../../src/grader/onnxSession';
import type { Verdict } from '../../src/grader/types';
import { fnv1a, Vocabulary } from '../../src/grader/vocabulary';
import { buildExamples, featurise, type FeaturedExample } from './dataset';
import { scoreOf } from './head';
import { pearson, share, spearman } from './metrics';
import { readContent } from './readContent';
import { DEFAULT_TRAIN_OPTIONS, fitCutoffs, predict, trainHeads, type TrainOptions } from './train';
import type { ContentQuestion } from '../../src/grader/contentQuestions';

const FOLDS = 5;
/** A correct human answer sharing less than this share of the reference's content words is a paraphrase. */
const PARAPHRASE_RECALL = 0.35;

interface Judged {
  example: FeaturedExample;
  score: number;
  verdict: Verdict;
  /** The verdict from the score alone, before the non-answer rules. */
  scoreVerdict: Verdict;
  misconception?: string;
}

const TRAPS: { name: string; applies: (e: FeaturedExample, questions: readonly ContentQuestion[]) => boolean; passes: (j: Judged) => boolean }[] = [
  { name: 'keyword list -> incorrect', applies: (e) => e.source === 'keyword-list', passes: (j) => j.verdict === 'incorrect' },
  { name: 'question copy -> incorrect', applies: (e) => e.source === 'question-copy', passes: (j) => j.verdict === 'incorrect' },
  { name: 'negation -> not correct', applies: (e) => e.source === 'negation', passes: (j) => j.verdict !== 'correct' },
  { name: 'role swap -> not correct', applies: (e) => e.source === 'role-swap', passes: (j) => j.verdict !== 'correct' },
  {
    name: 'paraphrase -> at least partial',
    applies: (e, questions) => e.source === 'human' && e.verdict === 'correct' && recall(questions[e.question]!.gradable.reference, e.answer) < PARAPHRASE_RECALL,
    passes: (j) => j.verdict !== 'incorrect',
  },
  { name: 'hostile input -> incorrect', applies: (e) => e.source === 'hostile', passes: (j) => j.verdict === 'incorrect' },
];

function foldOf(question: ContentQuestion, folds: number): number {
  return fnv1a(question.question.id) % folds;
}

function crossValidate(featured: readonly FeaturedExample[], questions: readonly ContentQuestion[], options: TrainOptions): { model: Judged[]; baseline: Judged[] } {
  const folds = Math.min(FOLDS, questions.length);
  const model: Judged[] = [];
  const baseline: Judged[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const heldOut = (e: FeaturedExample) => foldOf(questions[e.question]!, folds) === fold;
    const training = featured.filter((e) => !heldOut(e));
    const testing = featured.filter(heldOut);
    if (testing.length === 0 || training.length === 0) continue;
    const heads = trainHeads(training, questions, options);
    for (const example of testing) {
      const result = predict(heads, questions[example.question]!.gradable, example);
      const raw = scoreOf(heads.scoreHead, example.features);
      model.push({
        example,
        score: result.score,
        verdict: result.verdict,
        scoreVerdict: raw >= heads.thresholds.correct ? 'correct' : raw >= heads.thresholds.partial ? 'partial' : 'incorrect',
        ...(result.misconception ? { misconception: result.misconception.id } : {}),
      });
    }
    // Baseline: TF-IDF cosine of answer and reference, IDF and cut-offs from the training folds.
    const trainingQuestions = questions.filter((q) => foldOf(q, folds) !== fold);
    const idf = inverseDocumentFrequency(trainingQuestions.flatMap((q) => [q.gradable.reference, q.gradable.prompt, ...q.gradable.keyPoints]));
    const similarity = (e: FeaturedExample) => cosine(e.answer, questions[e.question]!.gradable.reference, idf);
    const cutoffs = fitCutoffs(training.filter((e) => e.source === 'human').map((e) => ({ score: similarity(e), verdict: e.verdict })));
    for (const example of testing) {
      const score = similarity(example);
      const verdict: Verdict = score >= cutoffs.correct ? 'correct' : score >= cutoffs.partial ? 'partial' : 'incorrect';
      baseline.push({ example, score, verdict, scoreVerdict: verdict });
    }
  }
  return { model, baseline };
}

function format(value: number): string {
  return Number.isNaN(value) ? '  n/a' : value.toFixed(3);
}

function report(label: string, judged: readonly Judged[], questions: readonly ContentQuestion[]): string[] {
  const human = judged.filter((j) => j.example.source === 'human');
  const lines = [
    `${label}`,
    `  Spearman            ${format(spearman(human.map((j) => j.score), human.map((j) => j.example.score)))}`,
    `  Pearson             ${format(pearson(human.map((j) => j.score), human.map((j) => j.example.score)))}`,
    `  3-way accuracy      ${format(share(human.map((j) => j.verdict === j.example.verdict)))}  (n=${human.length})`,
  ];
  const shown = human.filter((j) => j.example.misconceptionId);
  if (label.startsWith('model')) {
    lines.push(`  misconception named ${format(share(shown.map((j) => j.misconception === j.example.misconceptionId)))}  (n=${shown.length})`);
  }
  for (const trap of TRAPS) {
    const cases = judged.filter((j) => trap.applies(j.example, questions));
    const ruled = format(share(cases.map(trap.passes)));
    const scoreOnly = format(share(cases.map((j) => trap.passes({ ...j, verdict: j.scoreVerdict }))));
    lines.push(`  ${trap.name.padEnd(31)} ${ruled}${label.startsWith('model') ? `  (score alone ${scoreOnly})` : ''}  (n=${cases.length})`);
  }
  return lines;
}

async function main(): Promise<void> {
  const hiddenArgument = process.argv.indexOf('--hidden');
  const options: TrainOptions = hiddenArgument >= 0 ? { ...DEFAULT_TRAIN_OPTIONS, hiddenUnits: Number(process.argv[hiddenArgument + 1]) } : DEFAULT_TRAIN_OPTIONS;
  const contentArgument = process.argv.indexOf('--content');
  const { questions } = readContent(contentArgument >= 0 ? process.argv[contentArgument + 1]! : 'content');
  const files = readModelFiles('models');
  const session = await GraderSession.load(files.model);
  const vocabulary = new Vocabulary(files.config.words, files.config.hashBuckets);
  const featured = await featurise(session, vocabulary, questions, buildExamples(questions));
  await session.release();
  const { model, baseline } = crossValidate(featured, questions, options);
  if (process.argv.includes('--list')) {
    for (const j of model.filter((m) => m.example.source === 'human')) {
      console.log(`${j.example.score.toFixed(2)} ${j.score.toFixed(2)} ${j.verdict.padEnd(9)} ${(j.example.misconceptionId ?? '-').padEnd(28)} ${(j.misconception ?? '-').padEnd(28)} ${j.example.answer.slice(0, 90)}`);
    }
  }
  const humanCount = featured.filter((e) => e.source === 'human').length;
  console.log(
    [
      `cross-validation: ${Math.min(FOLDS, questions.length)} folds by question, ${questions.length} questions, ${humanCount} human-graded samples, ${featured.length - humanCount} generated answers`,
      `(human grades mapped correct->correct, partial->partial, wrong/misconception->incorrect; score head: ${options.hiddenUnits ? `${options.hiddenUnits} tanh units` : 'logistic'})`,
      ...report('model (ONNX features + learned heads)', model, questions),
      ...report('baseline (TF-IDF cosine to the reference)', baseline, questions),
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
