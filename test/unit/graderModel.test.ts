// The ONNX side: the committed model loads and grades, the exported graph computes what the
// training code computes, and a missing or corrupt model falls back with a clear message.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeCues, CUE_NAMES } from '../../src/grader/cues';
import { lazyGrader, loadGrader } from '../../src/grader/loadGrader';
import { FALLBACK_NOTICE } from '../../src/grader/lexicalGrader';
import { buildInputs } from '../../src/grader/modelInputs';
import { CONFIG_FILE, MODEL_FILE, readModelFiles } from '../../src/grader/modelFiles';
import { OnnxGrader } from '../../src/grader/onnxGrader';
import { GraderSession } from '../../src/grader/onnxSession';
import type { GradableQuestion } from '../../src/grader/types';
import { Vocabulary } from '../../src/grader/vocabulary';
import { buildGraderModel, GRAPH_FEATURE_NAMES, ROW_FEATURE_COUNT } from '../../scripts/grader/graderGraph';
import {
  misconceptionProbability,
  referenceScoreOf,
  rowProbability,
  scoreOf,
  type ScoreHead,
} from '../../scripts/grader/head';
import { encodeModel } from '../../scripts/grader/onnxProto';
import { seededRandom } from '../../src/random';
import { DROPOUT_EVAL_QUESTION } from './support/graderFixtures';

const question = DROPOUT_EVAL_QUESTION;

describe('the committed model', () => {
  it('loads in onnxruntime-node and grades a good answer above a bad one', async () => {
    const grader = await OnnxGrader.load(readModelFiles('models'));
    const good = await grader.grade(
      question,
      'Evaluation mode turns dropout off so all units are used; in training mode units are dropped at random and the accuracy is noisy.',
    );
    const bad = await grader.grade(question, 'You need it so the optimiser stops changing the learning rate.');
    expect(good.score).toBeGreaterThan(bad.score);
    expect(good.verdict).not.toBe('incorrect');
  });

  it('scores a question given with a reference alone with the reference-only output', async () => {
    const files = readModelFiles('models');
    const grader = await OnnxGrader.load(files);
    const session = await GraderSession.load(files.model);
    const vocabulary = Vocabulary.fromWordList(files.config.words, files.config.hashBuckets);
    const outside: GradableQuestion = { ...question, keyPoints: [question.reference], misconceptions: [] };
    const answers = ['It makes accuracy steady because units are kept.', 'Dropout is off, so every unit is used.'];
    let largestGap = 0;
    for (const answer of answers) {
      for (const asked of [outside, question]) {
        const cues = computeCues(
          asked,
          answer,
          (token) => vocabulary.isKnown(token),
          (token) => vocabulary.weight(token),
        );
        const outputs = await session.run(buildInputs(vocabulary, asked, answer, cues));
        const expected = asked === outside ? outputs.referenceScore : outputs.score;
        expect((await grader.grade(asked, answer)).score).toBeCloseTo(expected, 2);
        largestGap = Math.max(largestGap, Math.abs(outputs.referenceScore - outputs.score));
      }
    }
    // The two outputs must differ somewhere, or the test could not tell which one was used.
    expect(largestGap).toBeGreaterThan(0.02);
    await session.release();
  });

  it('is under 10 MB and matches its vocabulary file', () => {
    const files = readModelFiles('models');
    expect(files.model.length).toBeLessThan(10 * 1024 * 1024);
    expect(Vocabulary.fromWordList(files.config.words, files.config.hashBuckets).wordCount).toBeGreaterThan(10_000);
  });

  it('weighs rarer words of its vocabulary more, and words it does not know the most', () => {
    const { config } = readModelFiles('models');
    const vocabulary = Vocabulary.fromWordList(config.words, config.hashBuckets);
    expect(vocabulary.weight('the')).toBeLessThan(vocabulary.weight('network'));
    expect(vocabulary.weight('network')).toBeLessThan(vocabulary.weight('backpropagation'));
    expect(vocabulary.weight('qwzxv')).toBe(vocabulary.weight('backpropagation'));
  });
});

describe('fallback', () => {
  const fallbackFrom = async (prepare: (directory: string) => void) => {
    const directory = mkdtempSync(join(tmpdir(), 'grader-'));
    prepare(directory);
    const messages: string[] = [];
    const grader = await loadGrader(directory, (message) => messages.push(message));
    return { grader, messages };
  };

  it('uses the labelled lexical grader when the model file is missing', async () => {
    const { grader, messages } = await fallbackFrom(() => undefined);
    expect(grader.kind).toBe('lexical');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /could not be loaded \(.*grader\.onnx.*\); grading with the simpler word-overlap fallback/,
    );
    const result = await grader.grade(question, 'Evaluation mode turns dropout off so all units are used.');
    expect(result.feedback).toContain(FALLBACK_NOTICE);
    expect(['correct', 'partial', 'incorrect', 'unsure']).toContain(result.verdict);
  });

  it('uses the fallback when the model file is corrupt', async () => {
    const { grader, messages } = await fallbackFrom((directory) => {
      copyFileSync(join('models', CONFIG_FILE), join(directory, CONFIG_FILE));
      writeFileSync(join(directory, MODEL_FILE), 'not a model');
    });
    expect(grader.kind).toBe('lexical');
    expect(messages[0]).toMatch(/grader\.onnx does not match grader\.json/);
  });

  it('uses the fallback when the bytes are not an ONNX model', async () => {
    const { grader, messages } = await fallbackFrom((directory) => {
      const garbage = new Uint8Array(64).fill(7);
      const config = JSON.parse(readFileSync(join('models', CONFIG_FILE), 'utf8'));
      config.modelSha256 = createHash('sha256').update(garbage).digest('hex');
      writeFileSync(join(directory, CONFIG_FILE), JSON.stringify(config));
      writeFileSync(join(directory, MODEL_FILE), garbage);
    });
    expect(grader.kind).toBe('lexical');
    expect(messages[0]).toMatch(/could not be loaded/);
  });

  it('uses the fallback when the vocabulary file is malformed, naming the field', async () => {
    const { grader, messages } = await fallbackFrom((directory) => {
      const config = JSON.parse(readFileSync(join('models', CONFIG_FILE), 'utf8'));
      writeFileSync(join(directory, CONFIG_FILE), JSON.stringify({ ...config, format: 3, words: 7 }));
      copyFileSync(join('models', MODEL_FILE), join(directory, MODEL_FILE));
    });
    expect(grader.kind).toBe('lexical');
    expect(messages[0]).toMatch(/could not be loaded \(invalid grader vocabulary file at words/);
  });

  it('reads nothing before the first answer, then grades with the labelled fallback', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'grader-'));
    const messages: string[] = [];
    const grader = lazyGrader(directory, (message) => messages.push(message));
    // A model that appears after the grader was made but before the first answer is the one used.
    copyFileSync(join('models', CONFIG_FILE), join(directory, CONFIG_FILE));
    writeFileSync(join(directory, MODEL_FILE), 'not a model');
    expect(messages).toEqual([]);
    const result = await grader.grade(question, 'Evaluation mode turns dropout off so all units are used.');
    expect(result.feedback).toContain(FALLBACK_NOTICE);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/grader\.onnx does not match grader\.json/);
    expect((await grader.loaded()).kind).toBe('lexical');
  });
});

describe('the exported graph', () => {
  // A small random model: the graph's maths must equal the TypeScript heads used in training.
  const words = [
    ...new Set(
      `${question.prompt} ${question.reference} ${question.keyPoints.join(' ')} ${question.misconceptions[0]!.claim}`
        .toLowerCase()
        .match(/\p{L}+/gu)!,
    ),
  ];
  const vocabulary = Vocabulary.fromWords(words, 16);
  const dimensions = 8;
  const random = seededRandom(7);
  const featureCount = GRAPH_FEATURE_NAMES.length + CUE_NAMES.length;
  const scoreHead: ScoreHead = {
    mean: Array.from({ length: featureCount }, () => random() * 0.2),
    scale: Array.from({ length: featureCount }, () => 0.5 + random()),
    hidden: {
      weights: Array.from({ length: 3 }, () => Array.from({ length: featureCount }, () => random() - 0.5)),
      bias: [0.1, -0.2, 0.3],
    },
    output: { weights: [0.7, -0.4, 0.9], bias: -0.1 },
  };
  const referenceHead: ScoreHead = {
    mean: Array.from({ length: featureCount }, () => random() * 0.2),
    scale: Array.from({ length: featureCount }, () => 0.5 + random()),
    output: { weights: Array.from({ length: featureCount }, () => random() - 0.5), bias: 0.2 },
  };
  const relevanceHead: ScoreHead = {
    mean: Array.from({ length: featureCount }, () => random() * 0.2),
    scale: Array.from({ length: featureCount }, () => 0.5 + random()),
    output: { weights: Array.from({ length: featureCount }, () => random() - 0.5), bias: -0.3 },
  };
  const keyPointHead = { weights: Array.from({ length: ROW_FEATURE_COUNT }, () => random() * 4 - 2), bias: 0.3 };
  const misconceptionHead = { weights: Array.from({ length: ROW_FEATURE_COUNT }, () => random() * 4 - 2), bias: -0.2 };
  let session: GraderSession;

  beforeAll(async () => {
    const rows = vocabulary.size;
    const quantised = Int8Array.from({ length: rows * dimensions }, (_, i) =>
      i < dimensions ? 0 : Math.round(random() * 254 - 127),
    );
    const table = {
      dimensions,
      rows,
      quantised,
      scales: Float32Array.from({ length: rows }, () => 0.01 + random() * 0.02),
      weights: Float32Array.from({ length: rows }, (_, i) => (i === 0 ? 0 : 0.2 + random())),
    };
    const model = buildGraderModel(
      {
        table,
        cueCount: CUE_NAMES.length,
        matchFloor: 0.35,
        keyPointHead,
        misconceptionHead,
        scoreHead,
        referenceHead,
        relevanceHead,
      },
      { test: 'yes' },
    );
    session = await GraderSession.load(encodeModel(model));
  });

  it.each(['Evaluation mode turns dropout off so all units are used.', 'dropout drops units at test time', ''])(
    'scores %j as the training code does',
    async (answer) => {
      const cues = computeCues(
        question,
        answer,
        (token) => vocabulary.isKnown(token),
        (token) => vocabulary.weight(token),
      );
      const outputs = await session.run(buildInputs(vocabulary, question, answer, cues));
      expect(outputs.features).toHaveLength(featureCount);
      expect(outputs.features.slice(GRAPH_FEATURE_NAMES.length)).toEqual(
        CUE_NAMES.map((name) => Math.fround(cues[name])),
      );
      expect(outputs.score).toBeCloseTo(scoreOf(scoreHead, outputs.features), 4);
      expect(outputs.referenceScore).toBeCloseTo(referenceScoreOf(scoreHead, referenceHead, outputs.features), 4);
      expect(outputs.referenceScore).not.toBeCloseTo(outputs.score, 2);
      expect(outputs.relevance).toBeCloseTo(scoreOf(relevanceHead, outputs.features), 4);
      const keyPointRows = outputs.rowFeatures.slice(2, 4);
      expect(outputs.keyPointProbability.slice(2, 4)).toEqual(
        keyPointRows.map((row) => expect.closeTo(rowProbability(keyPointHead, row), 4)),
      );
      expect(outputs.misconceptionProbability[4]).toBeCloseTo(
        misconceptionProbability(misconceptionHead, outputs.rowFeatures[4]!),
        4,
      );
      expect(outputs.keyPointProbability[0]).toBe(0);
      for (const value of outputs.features) expect(Number.isFinite(value)).toBe(true);
    },
  );

  it('gives an exact repeat of the reference full similarity and coverage', async () => {
    const answer = question.reference;
    const outputs = await session.run(
      buildInputs(
        vocabulary,
        question,
        answer,
        computeCues(question, answer, () => true),
      ),
    );
    const [similarity, coverage] = outputs.features;
    expect(similarity).toBeCloseTo(1, 4);
    expect(coverage).toBeCloseTo(1, 3);
  });
});
