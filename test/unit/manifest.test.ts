// What the Marketplace and VS Code read from the manifest besides contributions: icon, links, changelog.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  icon: string;
  repository: { type: string; url: string };
  bugs: { url: string };
  homepage: string;
};

describe('manifest', () => {
  it('names a 128x128 PNG icon that exists', () => {
    const png = readFileSync(manifest.icon);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
  });
  it('links the repository, its issues and its home page on one host', () => {
    const repository = manifest.repository.url.replace(/\.git$/, '');
    expect(manifest.repository.type).toBe('git');
    expect(manifest.bugs.url).toBe(`${repository}/issues`);
    expect(manifest.homepage.startsWith(repository)).toBe(true);
  });
  it('has a changelog entry for the current version', () => {
    expect(readFileSync('CHANGELOG.md', 'utf8')).toMatch(
      new RegExp(`^## ${manifest.version.replaceAll('.', '\\.')}$`, 'm'),
    );
  });
});
