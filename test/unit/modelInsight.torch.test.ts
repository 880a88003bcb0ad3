// Compares the PyTorch counts with PyTorch's own `sum(p.numel() for p in layer.parameters())`, where a
// Python with torch is installed (Debian: apt-get install python3-torch); skipped, saying so, elsewhere.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyseModels } from '../../src/modelInsight/modelAnalysis';
import { scanPython } from '../../src/scanner/scanner';
import { emptyCatalogue } from './support/emptyCatalogue';
import { TORCH_CASES } from './support/torchLayerCases';

const python = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0,
);

function ourCount(layer: string): number | null {
  const source = `import torch.nn as nn\nlayer = ${layer}\n`;
  return analyseModels(scanPython(source, emptyCatalogue)).layerAt(1, 8)?.params.value ?? null;
}

describe('PyTorch layer counts against PyTorch', () => {
  if (!python) {
    it.skip('skipped: no Python with torch installed (apt-get install python3-torch to run this comparison)', () =>
      undefined);
    return;
  }
  it(`match torch's own parameter counts for ${TORCH_CASES.length} layer configurations`, { timeout: 120_000 }, () => {
    const script = [
      'import torch.nn as nn',
      ...TORCH_CASES.map(([layer]) => `print(sum(p.numel() for p in ${layer}.parameters()))`),
    ].join('\n');
    const run = spawnSync(python, ['-c', script], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const theirs = run.stdout.trim().split('\n').map(Number);
    expect(TORCH_CASES.map(([layer]) => ourCount(layer))).toEqual(theirs);
  });
});
