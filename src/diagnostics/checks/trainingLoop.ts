// Training-loop order: gradients must be cleared each step, and clipped between backward() and step().
import type { CallSite } from '../../scanner/scanner';
import type { Scope } from '../../scanner/statements';
import type { FileFacts } from '../facts';
import type { Finding } from '../findings';
import { startOfLine } from '../sourceText';

const CLIPPERS = new Set(['torch.nn.utils.clip_grad_norm_', 'torch.nn.utils.clip_grad_value_', 'torch.nn.utils.clip_grad_norm']);

interface LoopCalls {
  backward: CallSite[];
  steps: CallSite[];
  clips: CallSite[];
}

function loopCallsByScope(facts: FileFacts): Map<Scope, LoopCalls> {
  const byScope = new Map<Scope, LoopCalls>();
  for (const call of facts.calls) {
    const entry = byScope.get(call.scope) ?? { backward: [], steps: [], clips: [] };
    if (facts.isBackward(call)) entry.backward.push(call);
    else if (facts.isOptimizerStep(call)) entry.steps.push(call);
    else if (CLIPPERS.has(facts.canonical(call) ?? '')) entry.clips.push(call);
    byScope.set(call.scope, entry);
  }
  return byScope;
}

export function checkMissingZeroGrad(facts: FileFacts): Finding[] {
  // Any mention of zero_grad anywhere (a helper, getattr, set_to_none) means the author handles it.
  if (!facts.usesTorch || /zero_grad/.test(facts.text.text)) return [];
  const findings: Finding[] = [];
  for (const { backward, steps } of loopCallsByScope(facts).values()) {
    const step = steps[0];
    const firstBackward = backward[0];
    if (!step || !firstBackward) continue;
    const receiver = step.callee.slice(0, -'.step'.length);
    const optimizer = /scaler$/i.test(receiver) ? step.args.positional[0]! : receiver;
    const indent = facts.text.indentation(firstBackward.range.startLine);
    findings.push({
      check: 'missingZeroGrad',
      severity: 'warning',
      range: step.range,
      message:
        `This loop calls backward() and ${step.callee}() but never ${optimizer}.zero_grad(). PyTorch adds new gradients to the old ones, ` +
        'so every step uses the sum of all gradients so far. Clear them once per iteration, before backward().',
      conceptId: 'backpropagation',
      fixes: [
        {
          title: `Call ${optimizer}.zero_grad() before backward()`,
          edits: [{ range: startOfLine(firstBackward.range.startLine), newText: `${indent}${optimizer}.zero_grad()${facts.text.lineBreak}` }],
          preferred: true,
        },
      ],
    });
  }
  return findings;
}

export function checkClippingOrder(facts: FileFacts): Finding[] {
  const findings: Finding[] = [];
  for (const { backward, steps, clips } of loopCallsByScope(facts).values()) {
    // Several losses or optimisers (GANs, multi-task) make the intended order ambiguous.
    if (backward.length !== 1 || steps.length !== 1 || clips.length !== 1) continue;
    const [back, step, clip] = [backward[0]!, steps[0]!, clips[0]!];
    if (back.statementIndex > step.statementIndex) continue;
    const before = clip.statementIndex < back.statementIndex;
    const after = clip.statementIndex > step.statementIndex;
    if (!before && !after) continue;
    const clipStatement = facts.statements[clip.statementIndex]!;
    const first = clipStatement.tokens[0]!;
    const statementRange = { ...clip.callRange, startLine: first.line, startColumn: first.column };
    const movable = facts.text.occupiesWholeLines(statementRange);
    const moved = facts.text.slice(statementRange);
    findings.push({
      check: 'clippingOutOfOrder',
      severity: 'warning',
      range: clip.range,
      message: before
        ? `${clip.callee}() runs before backward(), so it clips the previous step's gradients (or none) and this step's gradients are never clipped. Clip after backward() and before ${step.callee}().`
        : `${clip.callee}() runs after ${step.callee}(), so the update has already used the unclipped gradients. Clip after backward() and before ${step.callee}().`,
      conceptId: 'gradient-clipping',
      fixes: movable
        ? [
            {
              title: `Move the clipping between backward() and ${step.callee}()`,
              edits: [
                { range: startOfLine(step.range.startLine), newText: `${facts.text.indentation(step.range.startLine)}${moved}${facts.text.lineBreak}` },
                { range: facts.text.wholeLines(statementRange.startLine, statementRange.endLine), newText: '' },
              ],
              preferred: true,
            },
          ]
        : [],
    });
  }
  return findings;
}
