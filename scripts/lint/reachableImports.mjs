// ESLint rule `boundaries/no-reachable`: a module may not reach a forbidden module (`vscode`, Node's built-ins)
// through the project modules it imports, however many steps away. no-restricted-imports catches the direct
// import; this catches `pure.ts → helper.ts → adapter.ts → vscode`, and names the chain.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Each file's import specifiers, kept while the file is unchanged (the editor's ESLint server lives long). */
const specifiersByFile = new Map();

function specifiersOf(file) {
  const { mtimeMs } = statSync(file);
  const cached = specifiersByFile.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.specifiers;
  // Static imports and re-exports, `import()` and `require()`; type-only imports count too.
  const specifiers = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
  specifiersByFile.set(file, { mtimeMs, specifiers });
  return specifiers;
}

const isFile = (path) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The project file a relative specifier names (`./a`, `./a.js` for `a.ts`, `./dir` for its index), or undefined. */
function resolveLocal(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.(m?js)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.mts`, join(base, 'index.ts')];
  return candidates.find((path) => /\.m?ts$/.test(path) && isFile(path));
}

/** The shortest chain of project files from `start` to one importing a forbidden module, or undefined. */
function chainToForbidden(start, isForbidden) {
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const specifier of specifiersOf(next)) {
      if (isForbidden(specifier)) {
        const chain = [];
        for (let file = next; file !== undefined; file = cameFrom.get(file)) chain.unshift(file);
        return { chain, forbidden: specifier };
      }
      const resolved = resolveLocal(next, specifier);
      if (resolved && !cameFrom.has(resolved)) {
        cameFrom.set(resolved, next);
        queue.push(resolved);
      }
    }
  }
  return undefined;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid reaching a module through the project modules a file imports.' },
    schema: [
      {
        type: 'object',
        properties: {
          names: { type: 'array', items: { type: 'string' } },
          prefixes: { type: 'array', items: { type: 'string' } },
          message: { type: 'string' },
        },
        required: ['names', 'message'],
        additionalProperties: false,
      },
    ],
    messages: { reaches: "'{{source}}' reaches '{{forbidden}}' through {{chain}}. {{message}}" },
  },
  create(context) {
    const { names, prefixes = [], message } = context.options[0];
    const forbiddenNames = new Set(names);
    const isForbidden = (specifier) =>
      forbiddenNames.has(specifier) || prefixes.some((prefix) => specifier.startsWith(prefix));
    const root = context.cwd;
    const check = (node) => {
      const source = node.source;
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolveLocal(context.filename, source.value);
      const found = target && chainToForbidden(target, isForbidden);
      if (!found) return;
      context.report({
        node: source,
        messageId: 'reaches',
        data: {
          source: source.value,
          forbidden: found.forbidden,
          chain: found.chain.map((file) => relative(root, file)).join(' → '),
          message,
        },
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-reachable': rule } };
