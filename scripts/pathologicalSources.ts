// Small Python files that once froze or killed the scanner and checks: deep nesting, long chains,
// long lines and many repetitions, each well under the 2 MB size limit. Used by the benchmark
// (time per input) and the unit tests (behaviour per input).

export interface PathologicalSource {
  name: string;
  source: string;
}

/** A real use after the hostile part, so tests can tell that the rest of the file was still scanned. */
export const TRAILING_USE = '\nimport torch.nn as nn\nlater = nn.Dropout(p=0.5)\n';

function nested(open: string, inner: string, close: string, depth: number): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

export function pathologicalSources(): PathologicalSource[] {
  return [
    {
      name: '`lambda F: ` x16,000 (160 KB)',
      source: `import torch.nn.functional as F\nact = ${'lambda F: '.repeat(16_000)}F.relu(x)\n${TRAILING_USE}`,
    },
    {
      name: '`Optional[` nested 10,000 deep (100 KB)',
      source: `from typing import Optional\nimport torch\nx: ${nested('Optional[', 'torch.Tensor', ']', 10_000)} = None\n${TRAILING_USE}`,
    },
    {
      name: 'nested calls f(f(...)), 12 KB',
      source: `import torch\ny = ${nested('f(', 'x', ')', 4_000)}\n${TRAILING_USE}`,
    },
    {
      name: 'nested calls f(f(...)), 24 KB',
      source: `import torch\ny = ${nested('f(', 'x', ')', 8_000)}\n${TRAILING_USE}`,
    },
    {
      name: '`nn.Dropout(` nested 4,000 deep (48 KB)',
      source: `import torch.nn as nn\nm = ${nested('nn.Dropout(', '0.5', ')', 4_000)}\n${TRAILING_USE}`,
    },
    {
      name: '32,000-part attribute chain (64 KB)',
      source: `import torch\nx = torch${'.a'.repeat(31_999)}(1)\n${TRAILING_USE}`,
    },
    {
      name: '1 MB line of keyword arguments',
      source: `import torch.nn as nn\nlayer = nn.Linear(${keywordArguments(1_000_000)})\n${TRAILING_USE}`,
    },
    { name: '32,000 `import torch` / use pairs (1.9 MB)', source: importUsePairs(32_000) },
    { name: 'loop body of 4,000 backward/step blocks', source: trainingLoop(4_000) },
  ];
}

function keywordArguments(minLength: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < minLength; i += 1) {
    const part = `a${i}=${i % 10}.5`;
    parts.push(part);
    length += part.length + 2;
  }
  return parts.join(', ');
}

function importUsePairs(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) lines.push('import torch', `h${i} = torch.nn.functional.relu(torch.tanh(x))`);
  return `${lines.join('\n')}\n${TRAILING_USE}`;
}

function trainingLoop(blocks: number): string {
  const header =
    'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n' +
    'criterion = nn.CrossEntropyLoss()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nfor x, y in loader:\n';
  const block = (i: number) =>
    `    out${i} = model(x)\n    loss = criterion(F.softmax(out${i}, dim=1), y)\n    loss.backward()\n` +
    `    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)\n    optimizer.step()\n`;
  return header + Array.from({ length: blocks }, (_, i) => block(i)).join('') + TRAILING_USE;
}
