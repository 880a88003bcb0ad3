// Finds text that YAML silently cut short: in a plain (unquoted) value, ` #` starts a comment, so
// `meaning: w = #negatives / #positives` compiles to "w =". Pure: works on a parsed document.
import { isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';

export interface CutShortValue {
  /** Dotted path to the value, e.g. "formulas[1].meaning". */
  field: string;
  /** What the value compiled to, and the text the comment swallowed. */
  kept: string;
  swallowed: string;
}

/** Every plain scalar followed by a comment on its own line: the comment is almost always lost text. */
export function findCutShortValues(document: Document, text: string): CutShortValue[] {
  const found: CutShortValue[] = [];
  visit(document, {
    Scalar(_key, node, path) {
      if (node.type !== 'PLAIN' || !node.comment || !node.range) return;
      const valueEnd = node.range[1];
      const hash = text.indexOf('#', valueEnd);
      // A comment on a later line is the author's note; only one on the value's own line swallows text.
      if (hash < 0 || /[\r\n]/.test(text.slice(valueEnd, hash))) return;
      found.push({ field: fieldPath(path, node), kept: String(node.value), swallowed: node.comment.trim() });
    },
  });
  return found;
}

/** Turns the visitor's ancestors (document, collections, pairs) into "questions[2].explanation". */
function fieldPath(ancestors: readonly unknown[], node: Node): string {
  let field = '';
  ancestors.forEach((step, i) => {
    const child = ancestors[i + 1] ?? node;
    if (isPair(step) && isScalar(step.key) && child === step.value) field += `${field ? '.' : ''}${String(step.key.value)}`;
    else if (isSeq(step)) field += `[${step.items.indexOf(child as Node)}]`;
  });
  return field;
}
