// Skip connections against a plain stack: the identity path keeps the gradient from vanishing.
import { describe, expect, it } from 'vitest';
import { compareStacks, stackPass } from '../../src/visualisations/residual';

describe('residual connections', () => {
  it('one linear-ish block by hand: the residual gradient is the plain one plus the identity path', () => {
    // f = tanh, W = [[0.5]], h0 = 0: z = 0, f'(0) = 1, so plain dh0 = 0.5·g and residual dh0 = g + 0.5·g.
    const plain = stackPass([[[0.5]]], 'tanh', [0], [2], false);
    const residual = stackPass([[[0.5]]], 'tanh', [0], [2], true);
    expect(plain.gradientNorms).toEqual([1]);
    expect(residual.gradientNorms).toEqual([3]);
    expect(residual.activationNorms).toEqual([0]);
  });
  it('with sigmoid blocks 30 deep, the plain gradient vanishes at layer 1 and the residual one does not', () => {
    const { plain, residual } = compareStacks({ depth: 30, width: 16, activation: 'sigmoid', init: 'xavier', seed: 3 });
    expect(plain.gradientNorms[0]).toBeLessThan(1e-6);
    expect(residual.gradientNorms[0]).toBeGreaterThan(0.5);
    // The plain gradient shrinks layer by layer towards the input.
    expect(plain.gradientNorms[0]!).toBeLessThan(plain.gradientNorms[29]! * 1e-5);
  });
});
