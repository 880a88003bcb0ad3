// Evaluation code that leaves dropout and batch norm in training mode, and F.dropout that never turns off.
import { parseNumber } from '../../content/argumentNotes';
import type { Scope, Statement } from '../../scanner/statements';
import { isTrainCall, type FileFacts } from '../facts';
import type { Finding } from '../findings';
import { startOfLine, tokenText } from '../sourceText';

const EVALUATION_NAME =
  /(^|_)(eval|evaluate|evaluation|validate|validation|val|predict|prediction|inference|infer)(_|$)/i;
const NO_GRAD = new Set(['torch.no_grad', 'torch.inference_mode', 'torch.set_grad_enabled', 'torch.enable_grad']);
/** Framework hooks that their framework runs under eval() and no_grad() (Lightning, the Hugging Face Trainer). */
const FRAMEWORK_HOOK =
  /^(validation_step|predict_step|prediction_step|evaluation_loop|prediction_loop|on_(validation|predict)_\w+)$/;
const MODEL_CALLEE = /(^|\.)(model|net|network|classifier|encoder|decoder)\w*$/i;
const FUNCTIONAL_DROPOUT = new Set([
  'torch.nn.functional.dropout',
  'torch.nn.functional.dropout1d',
  'torch.nn.functional.dropout2d',
  'torch.nn.functional.dropout3d',
  'torch.nn.functional.alpha_dropout',
]);

export function checkEvaluationMode(facts: FileFacts): Finding[] {
  if (!facts.usesTorch) return [];
  const fileSetsEvalMode = facts.calls.some(
    (call) =>
      !call.symbol &&
      (call.callee.endsWith('.eval') ||
        (isTrainCall(call) && (call.args.positional[0] ?? call.args.keyword.mode) === 'False')),
  );
  const fileDisablesGrad = facts.calls.some((call) => NO_GRAD.has(facts.canonical(call) ?? ''));
  if (fileSetsEvalMode && fileDisablesGrad) return [];
  const fileSetsTrainMode = facts.calls.some(isTrainCall);

  const findings: Finding[] = [];
  const functionScopes = new Set(facts.calls.map((call) => call.scope).filter((scope) => scope.kind === 'function'));
  const backwardScopes = new Set(facts.backwardSites().map((site) => site.scope));
  for (const scope of functionScopes) {
    if (
      !EVALUATION_NAME.test(scope.name) ||
      /^test/i.test(scope.name) ||
      isModuleMethod(facts, scope) ||
      isFrameworkHook(facts, scope)
    )
      continue;
    const calls = facts.callsInScope(scope);
    const modelCall = calls.find((call) => !call.symbol && MODEL_CALLEE.test(call.callee));
    if (!modelCall) continue;
    const decoratedNoGrad = facts
      .decoratorsOf(scope)
      .some((statement) => /\b(no_grad|inference_mode)\b/.test(tokenText(statement.tokens)));
    // A helper handed its model (`model`, `learner.model`) by a caller in another file (nothing here trains) leaves
    // the mode to that caller; a function that switches to train() itself (Monte Carlo dropout) means it.
    const handedIn = modelCall.callee.split('.')[0]!;
    const modeSetElsewhere = !facts.trains && handedIn !== 'self' && facts.parametersOf(scope).includes(handedIn);
    const missingEval = !fileSetsEvalMode && !modeSetElsewhere && !calls.some(isTrainCall);
    // Saliency maps and adversarial evaluation need the gradients.
    const needsGradients =
      backwardScopes.has(scope) || calls.some((call) => facts.canonical(call) === 'torch.autograd.grad');
    const missingNoGrad = !fileDisablesGrad && !decoratedNoGrad && !needsGradients;
    if (!missingEval && !missingNoGrad) continue;
    const header = facts.headerOf(scope)!;
    const nameToken = header.tokens.find((token) => token.text === scope.name)!;
    const model = modelCall.callee;
    findings.push({
      check: 'evaluationWithoutEvalMode',
      severity: missingEval ? 'warning' : 'information',
      range: {
        startLine: nameToken.line,
        startColumn: nameToken.column,
        endLine: nameToken.line,
        endColumn: nameToken.column + nameToken.text.length,
      },
      message: missingEval
        ? `${scope.name}() looks like evaluation but nothing in this file calls ${model}.eval(), so dropout keeps dropping units and batch norm keeps using batch statistics${missingNoGrad ? '; without torch.no_grad() it also stores activations for a backward pass that never comes' : ''}.`
        : `${scope.name}() runs the model without torch.no_grad() or torch.inference_mode(), so PyTorch stores activations for a backward pass that never comes, wasting memory and time.`,
      conceptId: 'train-eval-mode',
      fixes:
        missingEval && fileSetsTrainMode && facts.parametersOf(scope).includes(model)
          ? [evalFix(facts, scope, model)]
          : [],
    });
  }
  return findings;
}

/** Inserts `model.eval()` as the first statement of the function; offered only when training code calls .train() to switch back. */
function evalFix(facts: FileFacts, scope: Scope, model: string) {
  const firstBody = facts.statements[scope.firstStatement]!;
  const docstring = firstBody.tokens.length === 1 && firstBody.tokens[0]!.kind === 'string';
  const target = docstring ? (facts.statements[scope.firstStatement + 1] ?? firstBody) : firstBody;
  const line = target.tokens[0]!.line;
  return {
    title: `Call ${model}.eval() at the start of ${scope.name}()`,
    edits: [
      {
        range: startOfLine(line),
        newText: `${facts.text.indentation(line)}${model}.eval()${facts.text.lineBreak}`,
      },
    ],
    preferred: true,
  };
}

export function checkFunctionalDropout(facts: FileFacts): Finding[] {
  const findings: Finding[] = [];
  for (const call of facts.calls) {
    if (!FUNCTIONAL_DROPOUT.has(facts.canonical(call) ?? '')) continue;
    if (
      call.args.keyword.training !== undefined ||
      call.args.positional.length >= 3 ||
      call.args.positional.some((a) => a.startsWith('*'))
    )
      continue;
    if (Object.keys(call.args.keyword).some((name) => name.startsWith('**'))) continue;
    // Outside a module class there is no self.training to follow, and p=0 drops nothing.
    const owner = facts.enclosingClass(call.scope);
    if (
      !owner ||
      !facts.basesOf(owner).some((base) => base !== 'object') ||
      parseNumber(call.args.keyword.p ?? call.args.positional[1] ?? '') === 0
    )
      continue;
    // `elif self.training: x = F.dropout(x, p)` and `F.dropout(x, p) if self.training else x` already follow the mode.
    const guards = [facts.statements[call.statementIndex]!, ...facts.enclosingHeaders(call.statementIndex)];
    if (guards.some((statement) => statement.tokens.some((token) => token.text === 'training'))) continue;
    const inMethod =
      call.scope.kind === 'function' &&
      call.scope.parent?.kind === 'class' &&
      facts.parametersOf(call.scope)[0] === 'self';
    const end = call.callRange;
    const closing = {
      startLine: end.endLine,
      startColumn: end.endColumn - 1,
      endLine: end.endLine,
      endColumn: end.endColumn - 1,
    };
    const lastArgument = [...call.argumentRanges.positional, ...Object.values(call.argumentRanges.keywordWhole)].sort(
      (a, b) => b.endLine - a.endLine || b.endColumn - a.endColumn,
    )[0];
    const between = lastArgument
      ? facts.text.slice({
          startLine: lastArgument.endLine,
          startColumn: lastArgument.endColumn,
          endLine: closing.startLine,
          endColumn: closing.startColumn,
        })
      : '';
    const insertion = between.includes(',') ? ' training=self.training' : ', training=self.training';
    findings.push({
      check: 'functionalDropoutAlwaysOn',
      severity: 'warning',
      range: call.range,
      message: `${call.callee}() defaults to training=True, so it keeps dropping units after model.eval(). Pass training=self.training, or use an nn.Dropout module, which follows train() and eval().`,
      conceptId: 'dropout',
      fixes: inMethod
        ? [
            {
              title: 'Pass training=self.training',
              edits: [{ range: closing, newText: insertion }],
              preferred: true,
            },
          ]
        : [],
    });
  }
  return findings;
}

/**
 * A method of a module class (nn.Module, LightningModule ...) runs in the mode its caller set: Lightning
 * calls validation_step under eval() and no_grad() itself, and a model's own predict() is the caller's
 * business. Trainer-style classes that hold a model are still checked.
 */
function isModuleMethod(facts: FileFacts, scope: Scope): boolean {
  const owner = scope.parent;
  return owner?.kind === 'class' && facts.derivesFrom(owner, (base) => /Module$/.test(base));
}

/** A method overriding a hook such as Lightning's validation_step or the Trainer's prediction_step, in a class with a base. */
function isFrameworkHook(facts: FileFacts, scope: Scope): boolean {
  const owner = scope.parent;
  return owner?.kind === 'class' && FRAMEWORK_HOOK.test(scope.name) && facts.basesOf(owner).length > 0;
}

/**
 * `model.eval()` inside the training loop, or in a function the loop calls, while nothing in the file calls
 * `train()`: after the first evaluation, dropout and batch norm stay in evaluation mode for the rest of training.
 */
export function checkEvalModeNeverReset(facts: FileFacts): Finding[] {
  if (!facts.usesTorch || facts.calls.some(isTrainCall)) return [];
  const stepLoops = new Set<Statement>();
  for (const call of facts.calls) {
    if (facts.isOptimizerStep(call))
      facts
        .enclosingHeaders(call.statementIndex)
        .filter(isLoop)
        .forEach((header) => stepLoops.add(header));
  }
  if (stepLoops.size === 0) return [];
  const trainingLoopAround = (statementIndex: number) =>
    facts.enclosingHeaders(statementIndex).find((header) => stepLoops.has(header));
  const findings: Finding[] = [];
  for (const call of facts.calls) {
    if (
      call.symbol ||
      !call.callee.endsWith('.eval') ||
      call.args.positional.length > 0 ||
      Object.keys(call.args.keyword).length > 0
    )
      continue;
    const model = call.callee.slice(0, -'.eval'.length);
    let loop = trainingLoopAround(call.statementIndex);
    if (!loop && call.scope.kind === 'function') {
      const caller = facts.callsTo(call.scope.name).find((other) => trainingLoopAround(other.statementIndex));
      loop = caller ? trainingLoopAround(caller.statementIndex) : undefined;
    }
    if (!loop || model === 'self') continue;
    const loopModel = call.scope === loop.scope ? model : undefined;
    const firstBody = facts.statements[loop.index + 1];
    const indentLine = firstBody?.tokens[0]?.line;
    findings.push({
      check: 'evalModeNeverReset',
      severity: 'warning',
      range: call.range,
      message:
        `${call.callee}() runs inside the training loop (line ${loop.tokens[0]!.line + 1}), but nothing calls train() afterwards, so from the first evaluation on ` +
        'dropout stays off and batch norm stops updating its statistics and uses its running averages for the rest of training. Call train() at the start of each epoch.',
      conceptId: 'train-eval-mode',
      fixes:
        loopModel && firstBody && indentLine !== undefined && firstBody.scope === loop.scope
          ? [
              {
                title: `Call ${loopModel}.train() at the start of each iteration`,
                edits: [
                  {
                    range: { startLine: indentLine, startColumn: 0, endLine: indentLine, endColumn: 0 },
                    newText: `${facts.text.indentation(indentLine)}${loopModel}.train()${facts.text.lineBreak}`,
                  },
                ],
                preferred: true,
              },
            ]
          : [],
    });
  }
  return findings;
}

function isLoop(header: Statement): boolean {
  return /^(for|while)$/.test(header.tokens[0]!.text);
}
