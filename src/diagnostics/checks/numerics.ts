// log(1 + x), exp(x) - 1 and log(sum(exp(x))): formulas that lose precision or overflow, with stable library functions.
import type { CallSite, SourceRange } from '../../scanner/scanner';
import type { FileFacts } from '../facts';
import type { Finding, QuickFix } from '../findings';

const LOG = new Set(['torch.log', 'numpy.log', 'jax.numpy.log', 'tensorflow.math.log', 'tensorflow.log']);
const EXP = new Set(['torch.exp', 'numpy.exp', 'jax.numpy.exp', 'tensorflow.math.exp', 'tensorflow.exp']);
const SUM = new Set(['torch.sum', 'numpy.sum', 'jax.numpy.sum', 'tensorflow.reduce_sum', 'tensorflow.math.reduce_sum']);
const ONE = '1(?:\\.0*)?';
const ONE_PLUS = new RegExp(`^${ONE}\\s*\\+\\s*(.+)$|^(.+?)\\s*\\+\\s*${ONE}$`);
const MINUS_ONE = new RegExp(`^\\s*-\\s*${ONE}(?![\\w.])`);

export function checkUnstableLogExp(facts: FileFacts): Finding[] {
  const inner = (range: SourceRange | undefined) =>
    range ? facts.callAt(range.startLine, range.startColumn) : undefined;
  const findings: Finding[] = [];
  for (const call of facts.calls) {
    const symbol = facts.canonical(call) ?? '';
    const argument = call.args.positional[0];
    if (LOG.has(symbol) && argument !== undefined && call.args.positional.length === 1) {
      const sum = inner(call.argumentRanges.positional[0]);
      const exp = sum && SUM.has(facts.canonical(sum) ?? '') ? inner(sum.argumentRanges.positional[0]) : undefined;
      if (
        sum &&
        exp &&
        EXP.has(facts.canonical(exp) ?? '') &&
        sameEnd(sum.argumentRanges.positional[0]!, exp.callRange)
      )
        findings.push(logSumExp(facts, call, sum, exp));
      else {
        const match = ONE_PLUS.exec(argument);
        const rest = match ? (match[1] ?? match[2])! : undefined;
        // `log(1 + exp(-abs(x)))` is the stable form already: the exponent is never positive.
        const stabilised = rest !== undefined && /exp\(\s*-\s*[\w.]*abs/.test(rest);
        if (rest && balanced(rest) && !stabilised && !/[-+]/.test(rest.replace(/\([^()]*\)/g, '')))
          findings.push(logOnePlus(call, rest));
      }
    } else if (EXP.has(symbol) && argument !== undefined) {
      const line = facts.text.line(call.callRange.endLine);
      const after = MINUS_ONE.exec(line.slice(call.callRange.endColumn));
      const before = facts.text.line(call.callRange.startLine).slice(0, call.callRange.startColumn);
      if (after && !/(\*\*?|\/|@|%|-)\s*$/.test(before)) findings.push(expMinusOne(call, after[0].length, argument));
    }
  }
  return findings;
}

function logOnePlus(call: CallSite, rest: string): Finding {
  const softplus = /(^|\.)exp\(/.test(rest);
  return {
    check: 'unstableLogExp',
    severity: 'warning',
    range: call.callRange,
    message: softplus
      ? `${call.callee}(1 + exp(...)) overflows to inf once the exponent passes about 88 in float32. It is the softplus function: use softplus (F.softplus, tf.nn.softplus, jax.nn.softplus), which is computed stably.`
      : `${call.callee}(1 + x) loses the precision of a small x: 1 + x rounds to 1 when x is below about 1e-7 in float32, so the result becomes 0. Use ${call.callee}1p(x), which is exact for small x.`,
    conceptId: 'logits-vs-probabilities',
    fixes: softplus
      ? []
      : [
          {
            title: `Use ${call.callee}1p(${rest})`,
            edits: [{ range: call.callRange, newText: `${call.callee}1p(${rest})` }],
            preferred: true,
          },
        ],
  };
}

function expMinusOne(call: CallSite, suffixLength: number, argument: string): Finding {
  const callee = /^tensorflow/.test(call.symbol ?? '')
    ? call.callee.replace(/(\.math)?\.exp$/, '.math.expm1')
    : `${call.callee}m1`;
  const range = { ...call.callRange, endColumn: call.callRange.endColumn + suffixLength };
  return {
    check: 'unstableLogExp',
    severity: 'warning',
    range,
    message: `exp(x) - 1 cancels to 0 for small x: exp(x) rounds to 1 when x is below about 1e-7 in float32, losing every digit of the result. Use ${callee}(x), which is exact for small x.`,
    conceptId: 'logits-vs-probabilities',
    fixes: [
      { title: `Use ${callee}(${argument})`, edits: [{ range, newText: `${callee}(${argument})` }], preferred: true },
    ],
  };
}

function logSumExp(facts: FileFacts, log: CallSite, sum: CallSite, exp: CallSite): Finding {
  const sumSymbol = facts.canonical(sum)!;
  const axisName = sumSymbol.startsWith('torch.') ? 'dim' : 'axis';
  const axis = sum.args.keyword[axisName] ?? sum.args.positional[1];
  const keepdims = Object.keys(sum.args.keyword).filter((name) => name !== axisName);
  const x = exp.args.positional[0];
  const fixes: QuickFix[] = [];
  if (axis !== undefined && x !== undefined && keepdims.length === 0 && sum.args.positional.length <= 2) {
    const replacement = sumSymbol.startsWith('torch.')
      ? `${sum.callee.replace(/sum$/, 'logsumexp')}(${x}, dim=${axis})`
      : sumSymbol.startsWith('tensorflow.')
        ? `${sum.callee.replace(/reduce_sum$/, 'reduce_logsumexp')}(${x}, axis=${axis})`
        : undefined;
    if (replacement)
      fixes.push({
        title: `Use ${replacement}`,
        edits: [{ range: log.callRange, newText: replacement }],
        preferred: true,
      });
  }
  return {
    check: 'unstableLogExp',
    severity: 'warning',
    range: log.callRange,
    message:
      'log(sum(exp(x))) overflows to inf once any x passes about 88 in float32, and gives log(0) = -inf when all are very negative. ' +
      'logsumexp subtracts the largest x first, log(sum(exp(x − m))) + m, which is exact and never overflows (the same trick makes log-softmax stable).',
    conceptId: 'softmax',
    fixes,
  };
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if ('([{'.includes(char)) depth += 1;
    else if (')]}'.includes(char) && (depth -= 1) < 0) return false;
  }
  return depth === 0;
}

function sameEnd(a: SourceRange, b: SourceRange): boolean {
  return a.endLine === b.endLine && a.endColumn === b.endColumn;
}
