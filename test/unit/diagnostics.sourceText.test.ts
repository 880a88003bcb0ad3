import { describe, expect, it } from 'vitest';
import { SourceText, statementRange, tokenText } from '../../src/diagnostics/sourceText';
import { scanPython } from '../../src/scanner/scanner';
import { NO_CONCEPTS } from '../support/diagnosticsHarness';

const statements = (source: string) => scanPython(source, NO_CONCEPTS).statements;

describe('statement text for the checks', () => {
  it('joins tokens with a space only where two words meet, so dotted names stay whole and keywords apart', () => {
    const [guard, copy] = statements(
      "if isinstance(m, nn.BatchNorm2d) or f'bn{i}' in name:\n    self.loc.bias.data.copy_(torch.tensor([1, 0]))\n",
    );
    expect(tokenText(guard!.tokens)).toBe("if isinstance(m,nn.BatchNorm2d)or f'bn{i}' in name:");
    expect(tokenText(copy!.tokens)).toBe('self.loc.bias.data.copy_(torch.tensor([1,0]))');
  });
  it('gives where a statement is written across lines, without indentation or trailing comment', () => {
    const source = 'def f():\n    x_train = (x_train\n               / 255)  # scale\n';
    const [, assignment] = statements(source);
    expect(statementRange(assignment!)).toEqual({ startLine: 1, startColumn: 4, endLine: 2, endColumn: 21 });
    expect(new SourceText(source).statement(assignment!)).toBe('x_train = (x_train\n               / 255)');
  });
});
