// npm run build-model: builds models/grader.onnx and models/grader.json from content/, the SemEval-2013
// training splits (read from the shared data folder, never copied) and the pretrained vectors.
// Deterministic: the same content and data give the same bytes. With --check nothing is written: the
// rebuild is compared with the committed files, byte for byte.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CUE_NAMES } from '../../src/grader/cues';
import type { ModelConfig } from '../../src/grader/modelConfig';
import { CONFIG_FILE, MODEL_FILE } from '../../src/grader/modelFiles';
import { describeErrorWithStack } from '../../src/errorText';
import { GraderSession } from '../../src/grader/onnxSession';
import type { Vocabulary } from '../../src/grader/vocabulary';
import { compareWithCommitted, sha256, type BuiltFile } from './committedFiles';
import { buildExamples, featurise, semEvalExamples, trainingQuestions, withoutMisconceptionLists } from './dataset';
import { asagDirectory, hasOutsideData, readSemEval, SEMEVAL_TRAIN_SPLITS } from './outsideData';
import { buildTable, chooseVocabulary, loadPretrained } from './embeddings';
import { buildGraderModel, GRAPH_FEATURE_NAMES, ROW_FEATURE_COUNT, type EmbeddingTable } from './graderGraph';
import { encodeModel } from './onnxProto';
import { contentTexts, readContent } from './readContent';
import { trainHeads, type TrainedHeads } from './train';

const MATCH_FLOOR = 0.35;
const FEATURE_COUNT = GRAPH_FEATURE_NAMES.length + CUE_NAMES.length;

const UNTRAINED_SCORE_HEAD = {
  mean: new Array<number>(FEATURE_COUNT).fill(0),
  scale: new Array<number>(FEATURE_COUNT).fill(1),
  output: { weights: new Array<number>(FEATURE_COUNT).fill(0), bias: 0 },
};

const UNTRAINED: TrainedHeads = {
  scoreHead: UNTRAINED_SCORE_HEAD,
  referenceHead: UNTRAINED_SCORE_HEAD,
  relevanceHead: UNTRAINED_SCORE_HEAD,
  keyPointHead: { weights: new Array(ROW_FEATURE_COUNT).fill(0), bias: 0 },
  misconceptionHead: { weights: new Array(ROW_FEATURE_COUNT).fill(0), bias: 0 },
  thresholds: {
    partial: 0.3,
    unsure: 0.6,
    correct: 0.7,
    keyPoint: 0.5,
    evidence: 0.2,
    misconception: 0.5,
    relevance: 1,
  },
};

export function encodeGrader(table: EmbeddingTable, heads: TrainedHeads, metadata: Record<string, string>): Uint8Array {
  return encodeModel(
    buildGraderModel(
      {
        table,
        cueCount: CUE_NAMES.length,
        matchFloor: MATCH_FLOOR,
        keyPointHead: heads.keyPointHead,
        misconceptionHead: heads.misconceptionHead,
        scoreHead: heads.scoreHead,
        referenceHead: heads.referenceHead,
        relevanceHead: heads.relevanceHead,
      },
      metadata,
    ),
  );
}

function configFor(model: Uint8Array, vocabulary: Vocabulary, heads: TrainedHeads): ModelConfig {
  return {
    format: 3,
    modelSha256: sha256(model),
    words: vocabulary.wordList,
    hashBuckets: vocabulary.hashBuckets,
    thresholds: heads.thresholds,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const { concepts, questions: content } = readContent('content');
  const asag = asagDirectory();
  if (!hasOutsideData(asag))
    throw new Error(`the SemEval-2013 training splits were not found in ${asag} (pass --asag DIR)`);
  const questions = trainingQuestions(content);
  const examples = buildExamples(content);
  const humanCount = examples.filter((example) => example.source === 'human').length;
  const generatedCount = examples.length - humanCount;
  examples.push(...withoutMisconceptionLists(examples, questions));
  console.log(
    `content: ${concepts.length} concepts, ${content.length} free-text questions, ${humanCount} graded samples, ${generatedCount} generated answers, each also graded without the misconception list`,
  );
  const questionsBeforeSemEval = questions.length;
  const semEval = SEMEVAL_TRAIN_SPLITS.flatMap((split) => semEvalExamples(readSemEval(asag, split), questions));
  examples.push(...semEval);
  console.log(
    `SemEval-2013 training splits: ${semEval.length} answers to ${questions.length - questionsBeforeSemEval} questions`,
  );

  const pretrained = loadPretrained();
  const vocabulary = chooseVocabulary(pretrained, contentTexts(concepts));
  const table = buildTable(pretrained, vocabulary);
  console.log(
    `vocabulary: ${vocabulary.words.length} words + ${vocabulary.hashBuckets} hashed rows (${table.dimensions} dims, int8)`,
  );

  const metadata = {
    questions: String(content.length),
    samples: String(humanCount),
    features: [...GRAPH_FEATURE_NAMES, ...CUE_NAMES].join(','),
    training_data:
      'The content samples of this project, and the SemEval-2013 Task 7 training splits (SciEntsBank and Beetle; Dzikovska et al. 2013), licensed CC BY-SA 3.0.',
  };
  const probe = await GraderSession.load(encodeGrader(table, UNTRAINED, metadata));
  const featured = await featurise(probe, vocabulary, questions, examples);
  await probe.release();

  const heads = trainHeads(featured, questions);
  const model = encodeGrader(table, heads, metadata);
  const files: BuiltFile[] = [
    { name: MODEL_FILE, bytes: model },
    { name: CONFIG_FILE, bytes: Buffer.from(`${JSON.stringify(configFor(model, vocabulary, heads))}\n`) },
  ];
  if (process.argv.includes('--check')) {
    const { same, lines } = compareWithCommitted('models', files);
    console.log(lines.join('\n'));
    if (!same) process.exitCode = 1;
    return;
  }
  mkdirSync('models', { recursive: true });
  for (const { name, bytes } of files) writeFileSync(join('models', name), bytes);
  console.log(
    `thresholds: unsure >= ${heads.thresholds.unsure}, partial >= ${heads.thresholds.partial}, correct >= ${heads.thresholds.correct}`,
  );
  console.log(
    `wrote models/${MODEL_FILE} (${(model.length / 1e6).toFixed(2)} MB) and models/${CONFIG_FILE} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(describeErrorWithStack(error));
  process.exitCode = 1;
});
