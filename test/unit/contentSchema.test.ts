import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { countSentences } from '../../src/content/schema';
import {
  decodeConceptText,
  formatContentError,
  MAX_CONCEPT_FILE_BYTES,
  MAX_YAML_ALIASES,
  parseConceptFile,
  validateContent,
  type SourceFile,
} from '../../src/content/validation';

/** A minimal valid concept; each test breaks one thing. */
function concept(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'toy',
    title: 'Toy concept',
    topic: 'foundations',
    summary: 'A toy concept for tests.',
    explanation: 'Explained.',
    references: [{ title: 'A book' }],
    ...overrides,
  };
}

function file(data: Record<string, unknown>, name = `content/${String(data.id)}.yaml`): SourceFile {
  return { name, text: stringify(data) };
}

function errorsOf(data: Record<string, unknown>): string[] {
  return parseConceptFile(file(data)).errors.map(formatContentError);
}

const choice = (options: { text: string; correct?: boolean; why: string }[]) => ({
  id: 'toy-q',
  type: 'choice',
  prompt: 'Which?',
  options,
});

describe('one concept file', () => {
  it('accepts a minimal valid concept and fills defaults', () => {
    const result = parseConceptFile(file(concept()));
    expect(result.errors).toEqual([]);
    expect(result.concept).toMatchObject({ aliases: [], apis: [], questions: [], related: [] });
  });
  it('reports YAML syntax errors with the line', () => {
    const errors = parseConceptFile({ name: 'content/toy.yaml', text: 'id: toy\ntitle: [unclosed\n' }).errors.map(
      formatContentError,
    );
    expect(errors[0]).toMatch(/^content\/toy\.yaml: YAML syntax error at line \d+/);
  });
  it('reports duplicate keys as a YAML error', () => {
    expect(parseConceptFile({ name: 'content/toy.yaml', text: 'id: toy\nid: toy\n' }).errors[0]!.message).toMatch(
      /YAML syntax error/,
    );
  });
  it('names a missing required field', () => {
    const { summary: _omitted, ...withoutSummary } = concept();
    expect(errorsOf(withoutSummary)).toContain('content/toy.yaml: summary: is required (expected string)');
  });
  it('names a field with the wrong type, and the type it has', () => {
    expect(errorsOf(concept({ aliases: 'dropout' }))).toEqual([
      'content/toy.yaml: aliases: must be an array, not a string ("dropout")',
    ]);
    expect(errorsOf(concept({ title: 42 }))).toEqual(['content/toy.yaml: title: must be a string, not a number (42)']);
    expect(errorsOf(concept({ references: [{ title: null }] }))).toEqual([
      'content/toy.yaml: references[0].title: must be a string, not empty (null)',
    ]);
  });
  it('rejects unknown fields (typos)', () => {
    expect(errorsOf(concept({ sumary: 'x' }))).toContain("content/toy.yaml: unknown field(s) 'sumary'");
  });
  it('rejects ids that are not kebab-case', () => {
    expect(errorsOf(concept({ id: 'Toy_Concept' }))[0]).toMatch(/id: must be kebab-case/);
  });
  it('requires the id to match the file name', () => {
    const errors = parseConceptFile(file(concept(), 'content/other.yaml')).errors.map(formatContentError);
    expect(errors).toEqual(["content/other.yaml: id: id 'toy' must match the file name (toy.yaml)"]);
  });
  it('limits the hover summary to three sentences', () => {
    expect(errorsOf(concept({ summary: 'One. Two. Three. Four.' }))).toContain(
      'content/toy.yaml: summary: must be at most three sentences',
    );
  });
  it('does not count decimals or abbreviations as sentence ends', () => {
    expect(countSentences('Use p = 0.5, e.g. for hidden layers. Done.')).toBe(2);
  });
  it('rejects an unknown topic', () => {
    expect(errorsOf(concept({ topic: 'astrology' }))[0]).toMatch(/^content\/toy\.yaml: topic: /);
  });
  it('requires at least one reference', () => {
    expect(errorsOf(concept({ references: [] }))).toContain(
      'content/toy.yaml: references: needs at least one primary reference',
    );
  });
  it('rejects API symbols outside the supported frameworks', () => {
    expect(errorsOf(concept({ apis: [{ symbol: 'sklearn.linear_model.Ridge' }] }))).toContain(
      'content/toy.yaml: apis[0].symbol: must start with torch, torchvision, pytorch_lightning, keras, tensorflow, jax, flax or optax',
    );
  });
  it('requires the canonical Keras spelling', () => {
    expect(errorsOf(concept({ apis: [{ symbol: 'tensorflow.keras.layers.Dense' }] }))).toContain(
      'content/toy.yaml: apis[0].symbol: must use the canonical spelling (keras.X, not tensorflow.keras.X)',
    );
  });
  it('rejects an unknown parameter kind', () => {
    const errors = errorsOf(
      concept({ apis: [{ symbol: 'torch.nn.Toy', params: [{ name: 'p', kind: 'chance', meaning: 'x' }] }] }),
    );
    expect(errors[0]).toMatch(/^content\/toy\.yaml: apis\[0\]\.params\[0\]\.kind: /);
  });
  it('requires exactly one correct option in a choice question', () => {
    const none = choice([
      { text: 'a', why: 'no' },
      { text: 'b', why: 'no' },
    ]);
    const two = choice([
      { text: 'a', correct: true, why: 'yes' },
      { text: 'b', correct: true, why: 'yes' },
    ]);
    expect(errorsOf(concept({ questions: [none] }))).toContain(
      'content/toy.yaml: questions[0].options: exactly one option must have correct: true',
    );
    expect(errorsOf(concept({ questions: [two] }))).toContain(
      'content/toy.yaml: questions[0].options: exactly one option must have correct: true',
    );
  });
  it('requires a why for every option', () => {
    const errors = errorsOf(
      concept({
        questions: [
          choice([
            { text: 'a', correct: true, why: 'yes' },
            { text: 'b', why: '' },
          ]),
        ],
      }),
    );
    expect(errors).toContain('content/toy.yaml: questions[0].options[1].why: must not be empty');
  });
  it('requires the working of a numeric question', () => {
    const errors = errorsOf(
      concept({ questions: [{ id: 'toy-n', type: 'numeric', prompt: 'How many?', answer: 10 }] }),
    );
    expect(errors).toContain('content/toy.yaml: questions[0].compute: is required (expected string)');
  });
  it('checks the working of a numeric question against its answer', () => {
    const numeric = (answer: number, compute: string, tolerance = 0) =>
      concept({ questions: [{ id: 'toy-n', type: 'numeric', prompt: 'How many?', answer, compute, tolerance }] });
    expect(errorsOf(numeric(10, '(32 - 5 + 2*1) / 1 + 1'))).toEqual([
      'content/toy.yaml: questions[0].compute: gives 30, but answer is 10 (tolerance 0)',
    ]);
    expect(errorsOf(numeric(0.33, '1/3', 0.01))).toEqual([]);
    expect(errorsOf(numeric(0.3, '1/3', 0.01))).toEqual([
      'content/toy.yaml: questions[0].compute: gives 0.3333333333333333, but answer is 0.3 (tolerance 0.01)',
    ]);
    expect(errorsOf(numeric(1, 'sqrt(4'))).toEqual([
      "content/toy.yaml: questions[0].compute: cannot be evaluated: expected ')' but found 'end of input'",
    ]);
  });
  it('rejects an unknown question type', () => {
    expect(errorsOf(concept({ questions: [{ id: 'toy-x', type: 'essay', prompt: 'Why?' }] }))[0]).toMatch(
      /questions\[0\]\.type/,
    );
  });
  it('requires a misconception id on samples graded as misconceptions', () => {
    const question = {
      id: 'toy-f',
      type: 'free',
      prompt: 'Why?',
      reference: 'Because.',
      keyPoints: ['because'],
      samples: [{ answer: 'x', grade: 'misconception', score: 0 }],
    };
    expect(errorsOf(concept({ questions: [question] }))).toContain(
      "content/toy.yaml: questions[0].samples: every sample graded 'misconception' must name its misconception id",
    );
  });
  it('rejects references to misconceptions the concept does not define', () => {
    const question = {
      id: 'toy-f',
      type: 'free',
      prompt: 'Why?',
      reference: 'Because.',
      keyPoints: ['because'],
      misconceptions: ['ghost'],
    };
    expect(errorsOf(concept({ questions: [question] }))).toContain(
      "content/toy.yaml: questions[0].misconceptions: names misconception 'ghost', which this concept does not define",
    );
  });
  it('rejects sample scores outside 0..1', () => {
    const question = {
      id: 'toy-f',
      type: 'free',
      prompt: 'Why?',
      reference: 'Because.',
      keyPoints: ['because'],
      samples: [{ answer: 'x', grade: 'correct', score: 2 }],
    };
    expect(errorsOf(concept({ questions: [question] }))[0]).toMatch(/questions\[0\]\.samples\[0\]\.score/);
  });
  it('rejects binary files', () => {
    expect(
      parseConceptFile({ name: 'content/toy.yaml', text: 'id: toy\u0000\u0001' }).errors.map(formatContentError),
    ).toEqual(['content/toy.yaml: is binary, not YAML text']);
  });
  it('rejects oversized files without parsing them', () => {
    const errors = parseConceptFile({
      name: 'content/toy.yaml',
      text: '',
      byteLength: MAX_CONCEPT_FILE_BYTES + 1,
    }).errors;
    expect(errors[0]!.message).toMatch(/concept files are limited to/);
  });
  it('rejects an empty file, or one with only comments, saying what it needs', () => {
    for (const text of ['', '\n  \n', '# to do\n']) {
      expect(parseConceptFile({ name: 'content/toy.yaml', text }).errors.map(formatContentError)).toEqual([
        'content/toy.yaml: is empty: a concept file needs id, title, topic, summary, explanation and references',
      ]);
    }
  });
  it('rejects a YAML alias bomb without expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefgh')
      levels.push(
        `${name}: &${name} [${Array(9)
          .fill(`*${levels.length === 1 ? 'a' : String.fromCharCode(name.charCodeAt(0) - 1)}`)
          .join(', ')}]`,
      );
    const errors = parseConceptFile({ name: 'content/toy.yaml', text: `${levels.join('\n')}\n` }).errors.map(
      formatContentError,
    );
    expect(errors).toEqual([
      `content/toy.yaml: expands more than ${MAX_YAML_ALIASES} YAML aliases; write the values out instead`,
    ]);
  });
  it('reports a file that could not be read as text, as the reader found it', () => {
    const errors = parseConceptFile({
      name: 'content/toy.yaml',
      text: '',
      unreadable: 'is a directory, not a concept file',
    }).errors.map(formatContentError);
    expect(errors).toEqual(['content/toy.yaml: is a directory, not a concept file']);
  });
  it('names the first byte that is not UTF-8, and its line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('id: toy\ntitle: caf\u00e9 '), 0xe9, 0x0a]);
    expect(decodeConceptText(bytes)).toEqual({
      unreadable: 'is not valid UTF-8: byte 0xE9 at line 2 (byte offset 21); save the file as UTF-8',
    });
    expect(decodeConceptText(new TextEncoder().encode('title: caf\u00e9\n'))).toEqual({ text: 'title: caf\u00e9\n' });
  });
  it('rejects a file that is not a mapping', () => {
    expect(parseConceptFile({ name: 'content/toy.yaml', text: '- just\n- a list\n' }).errors[0]!.field).toBe('');
  });
});

describe('across files', () => {
  it('rejects duplicate concept ids', () => {
    const { errors } = validateContent([file(concept()), file(concept(), 'content/sub/toy.yaml')]);
    expect(errors.map(formatContentError)).toContain(
      "content/sub/toy.yaml: id: duplicate id 'toy' (also in content/toy.yaml)",
    );
  });
  it('rejects related ids that do not exist', () => {
    const { errors, concepts } = validateContent([file(concept({ related: ['nowhere'] }))]);
    expect(errors.map(formatContentError)).toEqual(["content/toy.yaml: related[0]: unknown concept id 'nowhere'"]);
    expect(concepts).toEqual([]);
  });
  it('rejects unknown visualisation ids', () => {
    const { errors } = validateContent([file(concept({ visualisation: 'hologram' }))]);
    expect(errors.map(formatContentError)).toEqual([
      "content/toy.yaml: visualisation: unknown visualisation id 'hologram'",
    ]);
  });
  it('rejects an API symbol claimed by two concepts', () => {
    const a = concept({ apis: [{ symbol: 'torch.nn.Toy' }] });
    const b = concept({ id: 'other', apis: [{ symbol: 'torch.nn.Toy' }] });
    const { errors } = validateContent([file(a), file(b)]);
    expect(errors.map(formatContentError)).toEqual([
      "content/other.yaml: apis[0].symbol: 'torch.nn.Toy' is already mapped to concept 'toy'",
    ]);
  });
  it('lets a second concept own a symbol for certain argument values only, and finds the owner of each call', () => {
    const when = { name: 'output_mode', position: 4, equals: ['tf_idf'] };
    const a = concept({ apis: [{ symbol: 'keras.layers.Toy' }] });
    const b = concept({ id: 'other', apis: [{ symbol: 'keras.layers.Toy', when }] });
    const { errors, concepts } = validateContent([file(a), file(b)]);
    expect(errors).toEqual([]);
    const index = new ConceptIndex(concepts);
    const idOf = (positional: string[], keyword: Record<string, string>) =>
      index.findCall('keras.layers.Toy', { positional, keyword })?.concept.id;
    expect(idOf([], { output_mode: "'tf_idf'" })).toBe('other');
    expect(idOf(['1', '2', '3', '4', '"tf_idf"'], {})).toBe('other');
    expect(idOf([], { output_mode: "'int'" })).toBe('toy');
    expect(idOf([], {})).toBe('toy');
    expect(index.conceptFor('keras.layers.Toy')).toBe('toy');
    const c = concept({ id: 'third', apis: [{ symbol: 'keras.layers.Toy', when }] });
    expect(validateContent([file(a), file(b), file(c)]).errors.map(formatContentError)).toEqual([
      "content/third.yaml: apis[0].symbol: 'keras.layers.Toy when output_mode = tf_idf' is already mapped to concept 'other'",
    ]);
  });
  it('rejects duplicate question ids across files', () => {
    const q = { id: 'shared-q', type: 'numeric', prompt: 'n?', answer: 1, compute: '1' };
    const { errors } = validateContent([
      file(concept({ questions: [q] })),
      file(concept({ id: 'other', questions: [q] })),
    ]);
    expect(errors.map(formatContentError)).toEqual([
      "content/other.yaml: questions[0].id: duplicate question id 'shared-q' (also in content/toy.yaml)",
    ]);
  });
  it('reports one broken concept once, not again in every concept related to it', () => {
    const { summary: _omitted, ...broken } = concept({ id: 'broken' });
    const files = [
      file(concept({ related: ['broken'] })),
      file(broken),
      file(concept({ id: 'other', related: ['broken', 'missing'] })),
    ];
    expect(validateContent(files).errors.map(formatContentError)).toEqual([
      'content/broken.yaml: summary: is required (expected string)',
      "content/other.yaml: related[1]: unknown concept id 'missing'",
    ]);
  });
  it('accepts a consistent set', () => {
    const { errors, concepts } = validateContent([
      file(concept({ related: ['other'] })),
      file(concept({ id: 'other', related: ['toy'] })),
    ]);
    expect(errors).toEqual([]);
    expect(concepts.map((c) => c.id)).toEqual(['toy', 'other']);
  });
});

describe('text cut short by a YAML comment', () => {
  const parse = (text: string) => parseConceptFile({ name: 'content/toy.yaml', text }).errors.map(formatContentError);
  const base = 'id: toy\ntitle: Toy\ntopic: foundations\nsummary: A toy.\nreferences:\n  - {title: A book}\n';

  it('names the field whose plain value lost the rest of its text to " #"', () => {
    const text = `${base}formulas:\n  - name: weight\n    expression: w = n / p\n    meaning: w_pos = #negatives / #positives balances them.\nexplanation: Fine.\n`;
    expect(parse(text)).toEqual([
      'content/toy.yaml: formulas[0].meaning: text is cut short at \' #\': the value ends at "w_pos =" and "#negatives / #positives balances them." became a YAML comment; quote the value',
    ]);
  });
  it('finds the cut inside a list of questions', () => {
    const text = `${base}explanation: Fine.\nquestions:\n  - {id: a, type: numeric, prompt: How many?, answer: 5, compute: "5"}\n  - id: b\n    type: numeric\n    prompt: How many?\n    answer: 5\n    compute: "5"\n    explanation: pos_weight = #neg / #pos = 5\n`;
    expect(parse(text)[0]).toMatch(/^content\/toy\.yaml: questions\[1\]\.explanation: text is cut short/);
  });
  it('accepts # inside quoted and block values and comments on their own lines', () => {
    const text = `${base}# a note for authors\nexplanation: |\n  x = 1  # in code\npitfalls:\n  - "count #negatives"\n  # another note\n  - 'w = #a'\n`;
    expect(parse(text)).toEqual([]);
  });
});
