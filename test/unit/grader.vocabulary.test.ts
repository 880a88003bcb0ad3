// The compact vocabulary gives every token the id a Map of the words in order would give, and the
// model's companion file stores the words as one string.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE } from '../../src/grader/modelFiles';
import { parseModelConfig } from '../../src/grader/modelConfig';
import { fnv1a, PAD_ID, Vocabulary } from '../../src/grader/vocabulary';

const committed = parseModelConfig(readFileSync(`models/${CONFIG_FILE}`, 'utf8'));
const committedWords = committed.words.split('\n');

/** The ids the model was trained with: the first occurrence of a word is id 1, later ones win. */
function referenceIds(words: readonly string[], hashBuckets: number) {
  const ids = new Map<string, number>();
  words.forEach((word, index) => ids.set(word, index + 1));
  return (token: string) => ids.get(token) ?? 1 + words.length + (fnv1a(token) % hashBuckets);
}

describe('Vocabulary', () => {
  const vocabulary = Vocabulary.fromWordList(committed.words, committed.hashBuckets);
  const expected = referenceIds(committedWords, committed.hashBuckets);

  it('gives every word of the committed model its position as id', () => {
    expect(vocabulary.wordCount).toBe(committedWords.length);
    expect(vocabulary.size).toBe(1 + committedWords.length + committed.hashBuckets);
    const wrong = committedWords.filter(
      (word, index) => vocabulary.id(word) !== index + 1 || !vocabulary.isKnown(word),
    );
    expect(wrong).toEqual([]);
  });

  it('sends tokens that are not words (prefixes, extensions, other case, empty) to the hashed rows', () => {
    const known = new Set(committedWords);
    const tokens = committedWords
      .slice(0, 3000)
      .flatMap((word) => [word.slice(0, -1), `${word}s`, `${word}zq`, word.toUpperCase(), ` ${word}`])
      .concat(['', 'relu6', 'ℓ2', '\n'])
      .filter((token) => !known.has(token));
    expect(tokens.length).toBeGreaterThan(10_000);
    const wrong = tokens.filter(
      (token) =>
        vocabulary.isKnown(token) ||
        vocabulary.id(token) !== expected(token) ||
        vocabulary.id(token) <= committedWords.length,
    );
    expect(wrong).toEqual([]);
  });

  it('keeps the last id of a repeated word, as the training code did', () => {
    const words = ['dropout', 'relu', 'dropout', 'tanh'];
    const small = Vocabulary.fromWords(words, 4);
    const ids = referenceIds(words, 4);
    for (const token of [...words, 'gelu']) expect(small.id(token)).toBe(ids(token));
    expect(small.id('dropout')).toBe(3);
  });

  it('encodes the first tokens and never returns an empty sequence', () => {
    const small = Vocabulary.fromWords(['a', 'b'], 2);
    expect(small.encode(['b', 'a', 'b'], 2)).toEqual([2, 1]);
    expect(small.encode([], 5)).toEqual([PAD_ID]);
    expect(Vocabulary.fromWords([], 3).id('a')).toBe(1 + (fnv1a('a') % 3));
  });

  it('refuses words that would break the one-string form', () => {
    expect(() => Vocabulary.fromWords(['a', 'two\nlines'], 2)).toThrow(/one line/);
    expect(() => Vocabulary.fromWords(['a', ''], 2)).toThrow(/non-empty/);
  });

  it('round-trips the word list', () => {
    const small = Vocabulary.fromWords(['ß', 'relu', 'x'], 2);
    expect(small.words).toEqual(['ß', 'relu', 'x']);
    expect(Vocabulary.fromWordList(small.wordList, 2).words).toEqual(['ß', 'relu', 'x']);
  });
});

describe('the model config', () => {
  const config = {
    modelSha256: 'a'.repeat(64),
    hashBuckets: 8,
    thresholds: {
      correct: 0.7,
      unsure: 0.5,
      partial: 0.3,
      keyPoint: 0.5,
      evidence: 0.4,
      misconception: 0.6,
      relevance: 0.8,
    },
  };

  it('reads the one-string word list of format 3 and refuses the array of format 2, saying what to do', () => {
    expect(parseModelConfig(JSON.stringify({ ...config, format: 3, words: 'relu\ntanh' })).words).toBe('relu\ntanh');
    expect(() => parseModelConfig(JSON.stringify({ ...config, format: 2, words: ['relu', 'tanh'] }))).toThrow(
      'invalid grader vocabulary file at format: expected format 3 (rebuild the model with npm run build-model)',
    );
  });

  it('names the field of a malformed word list', () => {
    expect(() => parseModelConfig(JSON.stringify({ ...config, format: 3, words: 7 }))).toThrow(/at words/);
  });

  it('names the relevance cut-off when a file from before the relevance head lacks it', () => {
    const { relevance: _dropped, ...older } = config.thresholds;
    expect(() => parseModelConfig(JSON.stringify({ ...config, thresholds: older, format: 3, words: 'relu' }))).toThrow(
      /at thresholds\.relevance/,
    );
  });
});
