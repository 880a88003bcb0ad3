import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => ({}));
const { walkthroughContextKey, WALKTHROUGH_STEPS } = await import('../../src/walkthroughProgress');

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { walkthroughs: { steps: { completionEvents?: string[] }[] }[] };
};
const contextEvents = manifest.contributes.walkthroughs
  .flatMap((walkthrough) => walkthrough.steps)
  .flatMap((step) => step.completionEvents ?? [])
  .filter((event) => event.startsWith('onContext:'))
  .map((event) => event.slice('onContext:'.length));

describe('the walkthrough', () => {
  it('completes its steps on exactly the context keys the extension sets', () => {
    expect([...contextEvents].sort()).toEqual(WALKTHROUGH_STEPS.map(walkthroughContextKey).sort());
  });
});
