import { describe, expect, it } from 'vitest';
import { describeError, describeErrorWithStack } from '../../src/errorText';

describe('describeError', () => {
  it('gives an Error its message and any other thrown value as text', () => {
    expect(describeError(new TypeError('bad input'))).toBe('bad input');
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(42)).toBe('42');
    expect(describeError(undefined)).toBe('undefined');
  });

  it('gives the stack for logs, falling back to the message when an Error has none', () => {
    const error = new Error('broken');
    expect(describeErrorWithStack(error)).toBe(error.stack);
    expect(describeErrorWithStack(error)).toContain('errorText.test.ts');
    const stackless = new Error('no stack');
    stackless.stack = undefined;
    expect(describeErrorWithStack(stackless)).toBe('no stack');
    expect(describeErrorWithStack({ toString: () => 'odd value' })).toBe('odd value');
  });
});
