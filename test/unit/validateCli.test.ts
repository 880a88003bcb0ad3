// `cli validate DIR`: the directory given is the one validated, and whatever is wrong with a file on disk
// (a directory named *.yaml, bytes that are not UTF-8) is reported with the file's name.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { runValidate } from '../../src/cli/validateCommand';

let directory: string;
let output: string[];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'dl-tutor-content-'));
  output = [];
  const record = (...parts: unknown[]): void => void output.push(parts.join(' '));
  vi.spyOn(console, 'log').mockImplementation(record);
  vi.spyOn(console, 'error').mockImplementation(record);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
});

const toy = {
  id: 'toy',
  title: 'Toy concept',
  topic: 'foundations',
  summary: 'A toy.',
  explanation: 'Explained.',
  references: [{ title: 'A book' }],
};

it('validates the directory it is given, with or without --out', () => {
  writeFileSync(join(directory, 'toy.yaml'), stringify(toy));
  expect(runValidate([directory])).toBe(0);
  expect(output).toEqual([`ok: 1 concepts, 0 questions in ${directory}`]);

  const out = join(directory, 'out', 'content.json');
  output = [];
  expect(runValidate([directory, '--out', out])).toBe(0);
  expect(JSON.parse(readFileSync(out, 'utf8')).map((concept: { id: string }) => concept.id)).toEqual(['toy']);

  writeFileSync(join(directory, 'toy.yaml'), stringify({ ...toy, topic: 'astrology' }));
  output = [];
  expect(runValidate([directory])).toBe(1);
  expect(output[0]).toMatch(new RegExp(`^${join(directory, 'toy.yaml')}: topic: `));
  expect(runValidate([directory, 'content'])).toBe(2);
});

it('names a directory called *.yaml and a file that is not UTF-8, and still checks the rest', () => {
  writeFileSync(join(directory, 'toy.yaml'), stringify(toy));
  mkdirSync(join(directory, 'folder.yaml'));
  writeFileSync(
    join(directory, 'latin1.yaml'),
    Buffer.concat([Buffer.from('id: latin1\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
  );
  expect(runValidate([directory])).toBe(1);
  expect(output).toEqual([
    `${join(directory, 'folder.yaml')}: is a directory, not a concept file; rename it so it does not end in .yaml`,
    `${join(directory, 'latin1.yaml')}: is not valid UTF-8: byte 0xE9 at line 2 (byte offset 21); save the file as UTF-8`,
    `2 problem(s) in ${directory}`,
  ]);
});
