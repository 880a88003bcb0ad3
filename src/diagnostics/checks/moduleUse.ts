// Ways of using a torch module that silently skip what PyTorch does for you: calling forward() directly, misspelt requires_grad.
import type { FileFacts } from '../facts';
import type { Finding } from '../findings';

/** Attribute names one slip away from requires_grad; assigning them creates a new attribute that nothing reads. */
const MISSPELT_REQUIRES_GRAD =
  /^(require_grads?|requires_grads|requires?_gradients?|requiresgrad|requiresGrad|require_grad_|requries_grad|reqires_grad|requires_gard|requird_grad)$/;

export function checkForwardCalledDirectly(facts: FileFacts): Finding[] {
  if (!facts.usesTorch) return [];
  return facts.calls.flatMap((call) => {
    if (call.symbol || !call.callee.endsWith('.forward')) return [];
    const receiver = call.callee.slice(0, -'.forward'.length);
    // `self.forward(x)` is the module's own method; `Parent.forward(self, x)` calls a base class's implementation.
    const last = receiver.split('.').pop()!;
    // An RPC RemoteModule is called through its forward() and forward_async() methods.
    if (receiver === 'self' || receiver === 'cls' || /^[A-Z]/.test(last) || /remote|rref/i.test(last)) return [];
    return [
      {
        check: 'forwardCalledDirectly' as const,
        severity: 'warning' as const,
        range: call.range,
        message:
          `${call.callee}(...) bypasses ${receiver}.__call__, which runs the module's hooks around forward(): forward pre-hooks and hooks registered by you or by ` +
          'libraries (weight_norm, spectral_norm, pruning, quantisation observers, FSDP), which are then silently skipped. Call the module itself.',
        conceptId: 'neural-network',
        fixes: [{ title: `Call ${receiver}(...)`, edits: [{ range: call.range, newText: receiver }], preferred: true }],
      },
    ];
  });
}

export function checkRequiresGradMisspelt(facts: FileFacts): Finding[] {
  if (!facts.usesTorch) return [];
  const findings: Finding[] = [];
  for (const statement of facts.statements) {
    const { tokens } = statement;
    for (let i = 1; i < tokens.length; i += 1) {
      const token = tokens[i]!;
      if (token.kind !== 'name' || tokens[i - 1]!.text !== '.') continue;
      const assigned = tokens[i + 1]?.text === '=';
      if (!MISSPELT_REQUIRES_GRAD.test(token.text) && !(token.text === 'requires_grad_' && assigned)) continue;
      const range = {
        startLine: token.line,
        startColumn: token.column,
        endLine: token.line,
        endColumn: token.column + token.text.length,
      };
      findings.push({
        check: 'requiresGradMisspelt',
        severity: 'warning',
        range,
        message: assigned
          ? `\`.${token.text} = \` creates a new attribute that PyTorch never reads, so the tensor's gradient tracking is unchanged: parameters meant to be frozen keep training (or the reverse). The attribute is requires_grad.`
          : `\`.${token.text}\` is not a tensor attribute (reading it raises AttributeError); the attribute is requires_grad.`,
        conceptId: 'backpropagation',
        fixes: [{ title: 'Use requires_grad', edits: [{ range, newText: 'requires_grad' }], preferred: true }],
      });
    }
  }
  return findings;
}
