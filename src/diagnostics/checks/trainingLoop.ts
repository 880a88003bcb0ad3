// Training-loop order: gradients must be cleared each step, and clipped between backward() and step().
import type { CallSite } from '../../scanner/scanner';
import type { Scope } from '../../scanner/statements';
import type { FileFacts, Site } from '../facts';
import type { Finding } from '../findings';
import { startOfLine, statementRange } from '../sourceText';

const CLIPPERS = new Set([
  'torch.nn.utils.clip_grad_norm_',
  'torch.nn.utils.clip_grad_value_',
  'torch.nn.utils.clip_grad_norm',
]);
/** Clearing or overwriting gradients by hand: `p.grad = None`, `p.grad = g`, `p.grad.zero_()`, `p.grad.data.zero_()`. */
const MANUAL_GRAD_RESET = /\.grad\s*=(?!=)|\.grad(\.data)?\.(zero_|fill_)\(/;
/** `clip_grad_norm_(params, float('inf'))` only measures the norm, so where it runs does not matter. */
const INFINITE = /^(float\(['"]\+?inf(inity)?['"]\)|((math|np|numpy|torch)\.)?inf)$/i;

interface LoopCalls {
  backward: Site[];
  steps: CallSite[];
  clips: CallSite[];
}

function loopCallsByScope(facts: FileFacts): Map<Scope, LoopCalls> {
  const byScope = new Map<Scope, LoopCalls>();
  const entry = (scope: Scope): LoopCalls => {
    const existing = byScope.get(scope) ?? { backward: [], steps: [], clips: [] };
    byScope.set(scope, existing);
    return existing;
  };
  for (const site of facts.backwardSites()) entry(site.scope).backward.push(site);
  for (const call of facts.calls) {
    if (facts.isOptimizerStep(call)) entry(call.scope).steps.push(call);
    else if (CLIPPERS.has(facts.canonical(call) ?? '')) entry(call.scope).clips.push(call);
  }
  return byScope;
}

export function checkMissingZeroGrad(facts: FileFacts): Finding[] {
  // Any mention of zero_grad anywhere (a helper, getattr, set_to_none) or a manual reset means the author handles it.
  if (!facts.usesTorch || /zero_grad/.test(facts.text.text) || MANUAL_GRAD_RESET.test(facts.text.text)) return [];
  const findings: Finding[] = [];
  for (const { backward, steps } of loopCallsByScope(facts).values()) {
    const step = steps[0];
    const firstBackward = backward[0];
    if (!step || !firstBackward || !repeats(facts, step) || backwardOnCallersLoss(facts, firstBackward)) continue;
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
          edits: [
            {
              range: startOfLine(firstBackward.range.startLine),
              newText: `${indent}${optimizer}.zero_grad()${facts.text.lineBreak}`,
            },
          ],
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
    if (back.statementIndex > step.statementIndex || measuresOnly(clip)) continue;
    const before = clip.statementIndex < back.statementIndex;
    const after = clip.statementIndex > step.statementIndex;
    if (!before && !after) continue;
    // The clipping statement up to the end of the call: `norm = clip_grad_norm_(...)`.
    const start = statementRange(facts.statements[clip.statementIndex]!);
    const clipping = { ...clip.callRange, startLine: start.startLine, startColumn: start.startColumn };
    const movable = facts.text.occupiesWholeLines(clipping);
    const moved = facts.text.slice(clipping);
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
                {
                  range: startOfLine(step.range.startLine),
                  newText: `${facts.text.indentation(step.range.startLine)}${moved}${facts.text.lineBreak}`,
                },
                { range: facts.text.wholeLines(clipping.startLine, clipping.endLine), newText: '' },
              ],
              preferred: true,
            },
          ]
        : [],
    });
  }
  return findings;
}

/**
 * Gradients pile up only when the step runs again: in a loop, or in a function (a train_step the caller
 * loops over). A single backward() and step() at module level, as in a demonstration, is fine.
 */
function repeats(facts: FileFacts, step: CallSite): boolean {
  return (
    step.scope.kind !== 'module' ||
    facts.enclosingHeaders(step.statementIndex).some((header) => /^(for|while)$/.test(header.tokens[0]!.text))
  );
}

/**
 * `def __call__(self, loss, optimizer): loss.backward(); optimizer.step()`: a step helper handed a loss its
 * caller computed; the caller's loop owns the whole step, clearing the gradients included.
 */
function backwardOnCallersLoss(facts: FileFacts, backward: Site): boolean {
  const headers = facts.enclosingHeaders(backward.statementIndex);
  const defAt = headers.findIndex((statement) => statement.tokens[0]?.text === 'def');
  const header = headers[defAt];
  if (!header) return false;
  const open = header.tokens.findIndex((token) => token.text === '(');
  const parameters = new Set(
    header.tokens
      .slice(open + 1)
      .filter(
        (token, i, rest) => /^[A-Za-z_]\w*$/.test(token.text) && /^[(,]$|^\*{1,2}$/.test(rest[i - 1]?.text ?? '('),
      )
      .map((token) => token.text),
  );
  // The loss itself, or a scaled copy made in an enclosing block (`with amp.scale_loss(loss, optimizer) as scaled_loss:`).
  const tokens = [facts.statements[backward.statementIndex]!, ...headers.slice(0, defAt)].flatMap(
    (statement) => statement.tokens,
  );
  return tokens.some((token) => /loss/i.test(token.text) && parameters.has(token.text));
}

function measuresOnly(clip: CallSite): boolean {
  const limit = clip.args.keyword.max_norm ?? clip.args.keyword.clip_value ?? clip.args.positional[1];
  return limit !== undefined && INFINITE.test(limit.replace(/\s+/g, ''));
}
