// build-model --check: a rebuild is compared with the committed files byte for byte.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithCommitted, sha256 } from '../../scripts/grader/committedFiles';

describe('compareWithCommitted', () => {
  const directory = mkdtempSync(join(tmpdir(), 'committed-'));
  writeFileSync(join(directory, 'a.onnx'), Uint8Array.from([1, 2, 3]));
  writeFileSync(join(directory, 'a.json'), '{"format":3}\n');

  it('passes when every file is identical', () => {
    const result = compareWithCommitted(directory, [
      { name: 'a.onnx', bytes: Uint8Array.from([1, 2, 3]) },
      { name: 'a.json', bytes: Buffer.from('{"format":3}\n') },
    ]);
    expect(result.same).toBe(true);
    expect(result.lines).toEqual([
      `${join(directory, 'a.onnx')}: identical to the rebuild`,
      `${join(directory, 'a.json')}: identical to the rebuild`,
    ]);
  });

  it('fails on one differing byte and names both hashes', () => {
    const rebuilt = Uint8Array.from([1, 2, 4]);
    const result = compareWithCommitted(directory, [
      { name: 'a.onnx', bytes: rebuilt },
      { name: 'a.json', bytes: Buffer.from('{"format":3}\n') },
    ]);
    expect(result.same).toBe(false);
    expect(result.lines[0]).toBe(
      `${join(directory, 'a.onnx')}: differs from the rebuild (sha256 ${sha256(Uint8Array.from([1, 2, 3]))} committed, ${sha256(rebuilt)} rebuilt)`,
    );
    expect(result.lines[1]).toMatch(/identical/);
  });

  it('fails when a file is missing, and on a longer rebuild with the same start', () => {
    expect(compareWithCommitted(directory, [{ name: 'b.onnx', bytes: Uint8Array.from([1]) }]).lines[0]).toMatch(
      /b\.onnx: missing/,
    );
    expect(compareWithCommitted(directory, [{ name: 'a.onnx', bytes: Uint8Array.from([1, 2, 3, 0]) }]).same).toBe(
      false,
    );
  });
});
