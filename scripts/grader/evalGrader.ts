// npm run eval-grader: one table of the grader against two untrained baselines (word-overlap recall of
// the reference, TF-IDF cosine) and a trained floor (logistic regression over nine word-overlap
// features, fitted on the SemEval training splits) on data its authors did not write:
// - the SemEval-2013 test splits and Mohler et al. 2011, graded through the shipped model exactly as the
//   product grades (Mohler is evaluation only: nothing is fitted on it);
// - the content's human-graded samples and the probes, cross-validated by question: the heads are
//   retrained without the held-out questions (on the SemEval training splits and the other questions).
// - learner-style answers to the content's questions, written for evaluation only, through the shipped model.
// Options: --asag DIR (the shared data folder), --content DIR, --folds N, --outside-only, --content-only.
import { readFileSync } from 'node:fs';
import { findContradiction } from '../../src/grader/contradiction';
import { cosine, inverseDocumentFrequency, recall, type TermWeights } from '../../src/grader/lexical';
import { readModelFiles } from '../../src/grader/modelFiles';
import { OnnxGrader } from '../../src/grader/onnxGrader';
import { describeErrorWithStack } from '../../src/errorText';
import { GraderSession } from '../../src/grader/onnxSession';
import { offTopic } from '../../src/grader/relevance';
import type { GradableQuestion, Verdict } from '../../src/grader/types';
import { fnv1a, Vocabulary } from '../../src/grader/vocabulary';
import {
  buildExamples,
  featurise,
  semEvalExamples,
  trainingQuestions,
  withoutMisconceptionLists,
  type Example,
  type FeaturedExample,
  type TrainingQuestion,
} from './dataset';
import { loadPretrained } from './embeddings';
import { fitFloor } from './floor';
import { macroF1, namedPrecision, namedRecall, pearson, share, spearman, weightedF1 } from './metrics';
import {
  asagDirectory,
  readMohler,
  readSemEval,
  SEMEVAL_TEST_SPLITS,
  SEMEVAL_TRAIN_SPLITS,
  type OutsideAnswer,
  type SemEvalLabel,
} from './outsideData';
import { buildProbes, PROBE_KINDS, PROBE_PASSES, type ProbeKind } from './probes';
import { readContent } from './readContent';
import { scoreOf } from './head';
import { DEFAULT_TRAIN_OPTIONS, fitCutoffs, predict, trainHeads } from './train';

type Scorer = (question: GradableQuestion, answer: string) => number;
const COLUMNS = ['grader', 'recall', 'tf-idf', 'floor'];
interface Row {
  name: string;
  /** One per column. */
  values: number[];
  /** Printed after the row, e.g. the number of answers. */
  note: string;
}

const LABELS: SemEvalLabel[] = ['correct', 'contradictory', 'incorrect'];

/** The cut-off on a baseline's score with the best 2-way weighted F1 on the SemEval training splits. */
function fitTwoWay(scores: readonly number[], gold: readonly boolean[]): number {
  let best = { cutoff: 0.5, f1: -1 };
  for (let cutoff = 0.02; cutoff < 1; cutoff += 0.02) {
    const f1 = weightedF1(
      gold,
      scores.map((s) => s >= cutoff),
    );
    if (f1 > best.f1) best = { cutoff, f1 };
  }
  return best.cutoff;
}

const recallScorer: Scorer = (question, answer) => recall(question.reference, answer);
const tfidfScorer =
  (weights: TermWeights): Scorer =>
  (question, answer) =>
    cosine(answer, question.reference, weights);

async function gradeAll(
  grader: OnnxGrader,
  rows: readonly OutsideAnswer[],
): Promise<{ verdict: Verdict; score: number; label3: SemEvalLabel }[]> {
  const graded = [];
  for (const row of rows) {
    const result = await grader.grade(row.question, row.answer);
    // A rejected answer that contradicts a key point or states a misconception is SemEval's "contradictory".
    const contradicts = result.misconception !== undefined || findContradiction(row.question, row.answer) !== undefined;
    const label3: SemEvalLabel = result.verdict === 'correct' ? 'correct' : contradicts ? 'contradictory' : 'incorrect';
    graded.push({ verdict: result.verdict, score: result.score, label3 });
  }
  return graded;
}

/** The floor, fitted once on the SemEval training splits with the pretrained word vectors. */
function trainFloor(asag: string): Scorer {
  const pretrained = loadPretrained();
  const train = SEMEVAL_TRAIN_SPLITS.flatMap((split) => readSemEval(asag, split));
  return fitFloor(
    train.map((row) => ({ question: row.question, answer: row.answer, correct: row.label === 'correct' })),
    (word) => pretrained.vector(word),
  );
}

async function outsideRows(grader: OnnxGrader, asag: string, floor: Scorer): Promise<Row[]> {
  const train = SEMEVAL_TRAIN_SPLITS.flatMap((split) => readSemEval(asag, split));
  const idf = inverseDocumentFrequency(train.flatMap((row) => [row.answer, row.question.reference]));
  const baselines: Scorer[] = [recallScorer, tfidfScorer(idf), floor];
  const trainGold = train.map((row) => row.label === 'correct');
  const cutoffs = baselines.map((scorer) =>
    fitTwoWay(
      train.map((row) => scorer(row.question, row.answer)),
      trainGold,
    ),
  );
  const rows: Row[] = [];
  const twoWay: number[][] = COLUMNS.map(() => []);
  for (const split of SEMEVAL_TEST_SPLITS) {
    const test = readSemEval(asag, split);
    const gold = test.map((row) => row.label === 'correct');
    const graded = await gradeAll(grader, test);
    const baselineCorrect = baselines.map((scorer, b) =>
      test.map((row) => scorer(row.question, row.answer) >= cutoffs[b]!),
    );
    const f1 = [
      weightedF1(
        gold,
        graded.map((g) => g.verdict === 'correct'),
      ),
      ...baselineCorrect.map((predicted) => weightedF1(gold, predicted)),
    ];
    f1.forEach((value, column) => twoWay[column]!.push(value));
    const gold3 = test.map((row) => row.label!);
    const three = [
      macroF1(
        gold3,
        graded.map((g) => g.label3),
        LABELS,
      ),
      ...baselineCorrect.map((predicted) =>
        macroF1(
          gold3,
          predicted.map((c) => (c ? 'correct' : 'incorrect')),
          LABELS,
        ),
      ),
    ];
    rows.push({ name: `SemEval ${split} 2-way wF1`, values: f1, note: `n=${test.length}` });
    rows.push({ name: `SemEval ${split} 3-way macro-F1`, values: three, note: '' });
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  rows.push({
    name: 'SemEval mean 2-way wF1 (five test splits)',
    values: twoWay.map(mean),
    note: '',
  });

  const mohler = readMohler(asag);
  const mohlerIdf = inverseDocumentFrequency(mohler.flatMap((row) => [row.question.prompt, row.question.reference]));
  const human = mohler.map((row) => row.human!);
  const graded = await gradeAll(grader, mohler);
  const scores = [
    graded.map((g) => g.score),
    ...[recallScorer, tfidfScorer(mohlerIdf), floor].map((scorer) =>
      mohler.map((row) => scorer(row.question, row.answer)),
    ),
  ];
  rows.push({
    name: 'Mohler Pearson r (evaluation only)',
    values: scores.map((s) => pearson(s, human)),
    note: `n=${mohler.length}`,
  });
  rows.push({ name: 'Mohler Spearman', values: scores.map((s) => spearman(s, human)), note: '' });
  return rows;
}

interface Judged {
  question: number;
  score: number;
  verdict: Verdict;
  /** The id of the misconception named; the baselines name none. */
  named?: string;
}

function foldOf(question: TrainingQuestion, folds: number): number {
  return fnv1a(question.key) % folds;
}

const lengthOf = (answer: string): number => answer.split(/\s+/).filter(Boolean).length;

async function contentRows(asag: string, contentDirectory: string, folds: number, floor: Scorer): Promise<Row[]> {
  const { questions: content } = readContent(contentDirectory);
  const questions = trainingQuestions(content);
  const examples: Example[] = buildExamples(content);
  const training = [
    ...examples,
    ...withoutMisconceptionLists(examples, questions),
    ...SEMEVAL_TRAIN_SPLITS.flatMap((split) => semEvalExamples(readSemEval(asag, split), questions)),
  ];
  const listedProbes = buildProbes(
    content.map(({ conceptId, question, gradable }) => {
      const correct = question.samples
        .filter((s) => s.grade === 'correct')
        .sort((a, b) => lengthOf(a.answer) - lengthOf(b.answer));
      return { gradable, group: conceptId, ...(correct[0] ? { terse: correct[0].answer } : {}) };
    }),
  );
  // The same probes graded as a command-line line without the misconception list.
  const unlistedCopy = (index: number): number => {
    const copy = questions.findIndex(
      (q, i) => i >= content.length && q.origin === 'content' && q.key === questions[index]!.key,
    );
    return copy < 0 ? index : copy;
  };
  const probes = [
    ...listedProbes.map((probe) => ({ ...probe, listed: true })),
    ...listedProbes.map((probe) => ({ ...probe, question: unlistedCopy(probe.question), listed: false })),
  ];
  const files = readModelFiles('models');
  const session = await GraderSession.load(files.model);
  const vocabulary = Vocabulary.fromWordList(files.config.words, files.config.hashBuckets);
  const featured = await featurise(session, vocabulary, questions, training);
  const probeFeatures = await featurise(
    session,
    vocabulary,
    questions,
    probes.map((probe) => ({
      question: probe.question,
      answer: probe.answer,
      score: 0,
      verdict: 'incorrect' as const,
      source: 'human' as const,
    })),
  );
  await session.release();

  const humans: { example: FeaturedExample; judged: Judged[]; offTopic: boolean }[] = [];
  const probeJudged: Judged[][] = probes.map(() => []);
  const isContent = (e: FeaturedExample) => questions[e.question]!.origin === 'content';
  for (let fold = 0; fold < folds; fold += 1) {
    const heldOut = (e: FeaturedExample) => isContent(e) && foldOf(questions[e.question]!, folds) === fold;
    const heads = trainHeads(
      featured.filter((e) => !heldOut(e)),
      questions,
      DEFAULT_TRAIN_OPTIONS,
    );
    const trainingHumans = featured.filter((e) => !heldOut(e) && isContent(e) && e.source === 'human');
    const trainingTexts = questions
      .filter((q) => q.origin === 'content' && foldOf(q, folds) !== fold)
      .flatMap((q) => [q.gradable.reference, q.gradable.prompt, ...q.gradable.keyPoints]);
    const scorers = [recallScorer, tfidfScorer(inverseDocumentFrequency(trainingTexts)), floor];
    const baselineCutoffs = scorers.map((scorer) =>
      fitCutoffs(
        trainingHumans.map((e) => ({
          score: scorer(questions[e.question]!.gradable, e.answer),
          verdict: e.verdict as 'correct' | 'partial' | 'incorrect',
          weight: 1,
        })),
        false,
      ),
    );
    const judge = (example: FeaturedExample): Judged[] => {
      const question = questions[example.question]!.gradable;
      const result = predict(heads, question, example);
      return [
        {
          question: example.question,
          score: result.score,
          verdict: result.verdict,
          ...(result.misconception ? { named: result.misconception.id } : {}),
        },
        ...scorers.map((scorer, b) => {
          const score = scorer(question, example.answer);
          const c = baselineCutoffs[b]!;
          const verdict: Verdict =
            score >= c.correct
              ? 'correct'
              : score >= c.unsure
                ? 'unsure'
                : score >= c.partial
                  ? 'partial'
                  : 'incorrect';
          return { question: example.question, score, verdict };
        }),
      ];
    };
    for (const example of featured.filter((e) => heldOut(e) && e.source === 'human' && !e.unlisted))
      humans.push({
        example,
        judged: judge(example),
        offTopic: offTopic(
          questions[example.question]!.gradable,
          scoreOf(heads.relevanceHead, example.features),
          heads.thresholds.relevance,
          example.cues,
          example.answer,
        ),
      });
    probeFeatures.forEach((example, index) => {
      if (foldOf(questions[example.question]!, folds) === fold) probeJudged[index] = judge(example);
    });
  }

  const column = (f: (judged: Judged[], gold: FeaturedExample[]) => number): Row['values'] =>
    COLUMNS.map((_, c) =>
      f(
        humans.map((h) => h.judged[c]!),
        humans.map((h) => h.example),
      ),
    );
  const rows: Row[] = [
    {
      name: 'content samples (held-out questions) Spearman',
      values: column((j, g) =>
        spearman(
          j.map((x) => x.score),
          g.map((x) => x.score),
        ),
      ),
      note: `n=${humans.length}`,
    },
    {
      name: 'content samples 3-way accuracy',
      values: column((j, g) => share(j.map((x, i) => x.verdict === g[i]!.verdict))),
      note: '',
    },
    {
      name: 'content samples wrong called correct',
      values: column((j, g) =>
        share(j.filter((_, i) => g[i]!.verdict === 'incorrect').map((x) => x.verdict === 'correct')),
      ),
      note: 'lower is better',
    },
    {
      name: 'content samples correct called incorrect',
      values: column((j, g) =>
        share(j.filter((_, i) => g[i]!.verdict === 'correct').map((x) => x.verdict === 'incorrect')),
      ),
      note: 'lower is better',
    },
    {
      // Only the grader judges relevance; the baselines have nothing to compare.
      name: 'content samples right or partly right judged off topic',
      values: COLUMNS.map((_, c) =>
        c === 0 ? share(humans.filter((h) => h.example.verdict !== 'incorrect').map((h) => h.offTopic)) : NaN,
      ),
      note: 'lower is better',
    },
    {
      name: 'content samples called unsure',
      values: column((j) => share(j.map((x) => x.verdict === 'unsure'))),
      note: '',
    },
    // The misconception named against the one the human grade names; the baselines name none.
    {
      name: 'content samples misconception named: the one shown',
      values: column((j, g) =>
        namedPrecision(
          j.map((x) => x.named),
          g.map((x) => x.misconceptionId),
        ),
      ),
      note: 'precision',
    },
    {
      name: 'content samples misconception shown: named',
      values: column((j, g) =>
        namedRecall(
          j.map((x) => x.named),
          g.map((x) => x.misconceptionId),
        ),
      ),
      note: `recall, n=${humans.filter((h) => h.example.misconceptionId).length}`,
    },
    {
      name: 'content samples max |Spearman(length, score)| within a grade',
      values: column((j, g) =>
        Math.max(
          ...(['correct', 'partial', 'incorrect'] as const).map((grade) => {
            const inGrade = j.filter((_, i) => g[i]!.verdict === grade);
            return Math.abs(
              spearman(
                inGrade.map((x) => x.score),
                g.filter((x) => x.verdict === grade).map((x) => lengthOf(x.answer)),
              ),
            );
          }),
        ),
      ),
      note: 'lower is better',
    },
  ];
  for (const listed of [true, false]) {
    for (const kind of PROBE_KINDS) {
      const cases = probes
        .map((probe, index) => ({ probe, judged: probeJudged[index]! }))
        .filter((c) => c.probe.kind === kind && c.probe.listed === listed && c.judged.length > 0);
      rows.push({
        name: `probe${listed ? '' : ' (no misconceptions listed)'}: ${PROBE_PASSES[kind as ProbeKind].label}`,
        values: COLUMNS.map((_, c) => share(cases.map((x) => PROBE_PASSES[kind].passes(x.judged[c]!.verdict)))),
        note: `n=${cases.length}`,
      });
    }
  }
  return rows;
}

/**
 * Learner-style answers written for evaluation only: never trained on, never tuned against. The blind set
 * was written by someone who had not seen the grader's code or outputs.
 */
const LEARNER_ANSWER_SETS = [
  { label: 'learner-style answers', file: 'test/fixtures/grader/learner-answers.json' },
  { label: 'blind learner answers', file: 'test/fixtures/grader/learner-answers-blind.json' },
] as const;
const GRADE_SCORE = { correct: 1, partial: 0.5, incorrect: 0 } as const;

async function learnerRows(
  grader: OnnxGrader,
  contentDirectory: string,
  floor: Scorer,
  set: (typeof LEARNER_ANSWER_SETS)[number],
): Promise<Row[]> {
  const { questions: content } = readContent(contentDirectory);
  const answers = (
    JSON.parse(readFileSync(set.file, 'utf8')) as {
      question: string;
      grade: keyof typeof GRADE_SCORE;
      answer: string;
    }[]
  ).flatMap((entry) => {
    const found = content.find((q) => q.question.id === entry.question);
    return found ? [{ ...entry, gradable: found.gradable }] : [];
  });
  const samples = content.flatMap((q) => q.question.samples.map((sample) => ({ gradable: q.gradable, sample })));
  const idf = inverseDocumentFrequency(
    content.flatMap((q) => [q.gradable.reference, q.gradable.prompt, ...q.gradable.keyPoints]),
  );
  const HUMAN = { correct: 'correct', partial: 'partial', wrong: 'incorrect', misconception: 'incorrect' } as const;
  const judged: Judged[][] = COLUMNS.map(() => []);
  for (const entry of answers) judged[0]!.push({ question: 0, ...(await grader.grade(entry.gradable, entry.answer)) });
  [recallScorer, tfidfScorer(idf), floor].forEach((scorer, b) => {
    const cutoffs = fitCutoffs(
      samples.map(({ gradable, sample }) => ({
        score: scorer(gradable, sample.answer),
        verdict: HUMAN[sample.grade],
        weight: 1,
      })),
      false,
    );
    for (const entry of answers) {
      const score = scorer(entry.gradable, entry.answer);
      judged[b + 1]!.push({
        question: 0,
        score,
        verdict: score >= cutoffs.correct ? 'correct' : score >= cutoffs.partial ? 'partial' : 'incorrect',
      });
    }
  });
  const column = (f: (j: Judged[]) => number): Row['values'] => judged.map(f);
  const of = (grade: string) => (j: Judged[]) => j.filter((_, i) => answers[i]!.grade === grade);
  return [
    {
      name: `${set.label} Spearman`,
      values: column((j) =>
        spearman(
          j.map((x) => x.score),
          answers.map((a) => GRADE_SCORE[a.grade]),
        ),
      ),
      note: `n=${answers.length}`,
    },
    {
      name: `${set.label} 3-way accuracy`,
      values: column((j) => share(j.map((x, i) => x.verdict === answers[i]!.grade))),
      note: '',
    },
    {
      name: `${set.label} wrong called correct`,
      values: column((j) => share(of('incorrect')(j).map((x) => x.verdict === 'correct'))),
      note: 'lower is better',
    },
    {
      name: `${set.label} correct called incorrect`,
      values: column((j) => share(of('correct')(j).map((x) => x.verdict === 'incorrect'))),
      note: 'lower is better',
    },
    {
      name: `${set.label} called unsure`,
      values: column((j) => share(j.map((x) => x.verdict === 'unsure'))),
      note: '',
    },
  ];
}

function printTable(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((row) => row.name.length));
  const cell = (value: number) => (Number.isNaN(value) ? '  n/a' : value.toFixed(3)).padStart(7);
  console.log(`${'measure'.padEnd(width)}  ${COLUMNS.map((name) => name.padStart(7)).join('  ')}`);
  for (const row of rows) console.log(`${row.name.padEnd(width)}  ${row.values.map(cell).join('  ')}  ${row.note}`);
}

async function main(): Promise<void> {
  const argument = (name: string): string | undefined => {
    const index = process.argv.indexOf(name);
    return index >= 0 ? process.argv[index + 1] : undefined;
  };
  const asag = asagDirectory();
  const grader = await OnnxGrader.load(readModelFiles('models'));
  const floor = trainFloor(asag);
  const content = argument('--content') ?? 'content';
  const rows = process.argv.includes('--content-only') ? [] : await outsideRows(grader, asag, floor);
  if (!process.argv.includes('--outside-only')) {
    for (const set of LEARNER_ANSWER_SETS) rows.push(...(await learnerRows(grader, content, floor, set)));
    rows.push(...(await contentRows(asag, content, Number(argument('--folds') ?? 5), floor)));
  }
  console.log(
    'Columns: the grader; word-overlap recall of the reference; TF-IDF cosine to the reference; the floor, a logistic regression over nine word-overlap features trained on the SemEval training splits (all baselines with cut-offs fitted on the same training data).',
  );
  printTable(rows);
}

main().catch((error: unknown) => {
  console.error(describeErrorWithStack(error));
  process.exitCode = 1;
});
