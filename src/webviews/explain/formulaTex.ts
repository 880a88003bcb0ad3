// Turns a content formula, written in plain text and Unicode (`θ ← θ − lr · m̂ₜ / (√v̂ₜ + ε)`), into TeX for
// KaTeX. Pure. The plain text stays the fallback: whatever KaTeX cannot read is shown as written.

const SUBSCRIPTS: Record<string, string> = {
  '₀': '0',
  '₁': '1',
  '₂': '2',
  '₃': '3',
  '₄': '4',
  '₅': '5',
  '₆': '6',
  '₇': '7',
  '₈': '8',
  '₉': '9',
  '₊': '+',
  '₋': '-',
  '₌': '=',
  '₍': '(',
  '₎': ')',
  ₐ: 'a',
  ₑ: 'e',
  ₒ: 'o',
  ₓ: 'x',
  ₕ: 'h',
  ₖ: 'k',
  ₗ: 'l',
  ₘ: 'm',
  ₙ: 'n',
  ₚ: 'p',
  ₛ: 's',
  ₜ: 't',
  ᵢ: 'i',
  ⱼ: 'j',
  ᵣ: 'r',
  ᵤ: 'u',
  ᵥ: 'v',
};
const SUPERSCRIPTS: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁺': '+',
  '⁻': '-',
  '⁼': '=',
  '⁽': '(',
  '⁾': ')',
  ⁿ: 'n',
  ⁱ: 'i',
  ᵀ: 'T',
  ᵗ: 't',
  ᵏ: 'k',
  ᵈ: 'd',
};
const SYMBOLS: Record<string, string> = {
  '·': '\\cdot ',
  '×': '\\times ',
  '−': '-',
  '≤': '\\le ',
  '≥': '\\ge ',
  '≈': '\\approx ',
  '≠': '\\ne ',
  '→': '\\to ',
  '←': '\\leftarrow ',
  '⇒': '\\Rightarrow ',
  '∞': '\\infty ',
  '∈': '\\in ',
  '∉': '\\notin ',
  '∇': '\\nabla ',
  '∂': '\\partial ',
  '∑': '\\sum ',
  Σ: '\\sum ',
  '∏': '\\prod ',
  Π: '\\prod ',
  '∫': '\\int ',
  '…': '\\ldots ',
  '⋯': '\\cdots ',
  '‖': '\\| ',
  '⊙': '\\odot ',
  '⊗': '\\otimes ',
  '∘': '\\circ ',
  '±': '\\pm ',
  '∝': '\\propto ',
  '∼': '\\sim ',
  '~': '\\sim ',
  '≡': '\\equiv ',
  '∀': '\\forall ',
  '⌊': '\\lfloor ',
  '⌋': '\\rfloor ',
  '⌈': '\\lceil ',
  '⌉': '\\rceil ',
  '⟨': '\\langle ',
  '⟩': '\\rangle ',
  '∪': '\\cup ',
  '∩': '\\cap ',
  '½': '\\tfrac12 ',
  '¼': '\\tfrac14 ',
  '¾': '\\tfrac34 ',
  '%': '\\%',
  '#': '\\#',
  '&': '\\&',
  $: '\\$',
  '\\': '\\backslash ',
  '∣': '\\mid ',
  '′': "'",
};
/** Words set upright: KaTeX's own operators, and any other run of two or more letters. */
const OPERATORS = new Set([
  'log',
  'ln',
  'exp',
  'sin',
  'cos',
  'tan',
  'tanh',
  'max',
  'min',
  'arg',
  'det',
  'lim',
  'sup',
  'inf',
  'sinh',
  'cosh',
]);

/** The TeX for a plain-text formula. */
export function formulaToTex(expression: string): string {
  const text = expression
    .replace(/([^\s])\u0302/g, '\\hat{$1}') // combining circumflex: m̂
    .replace(/([^\s])\u0304/g, '\\bar{$1}') // combining macron: x̄
    .replace(/([^\s])\u0303/g, '\\tilde{$1}')
    .replace(/[₀-₎ₐ-ₜᵢⱼᵣᵤᵥ]+/g, (run) => `_{${[...run].map((c) => SUBSCRIPTS[c] ?? c).join('')}}`)
    .replace(/[⁰¹²³⁴-⁹⁺⁻⁼⁽⁾ⁿⁱᵀᵗᵏᵈ]+/g, (run) => `^{${[...run].map((c) => SUPERSCRIPTS[c] ?? c).join('')}}`);
  return mergeScripts(convert(text)).replace(/\s+/g, ' ').trim();
}

/** `W^(l+1)ᵀ` gives two superscripts in a row, which TeX refuses: they become one. */
function mergeScripts(tex: string): string {
  const twice = /([_^])\{((?:[^{}]|\{[^{}]*\})*)\}\1\{/;
  let merged = tex;
  while (twice.test(merged))
    merged = merged.replace(twice, (_match, script: string, first: string) => `${script}{${first}`);
  return merged;
}

/** Braces after _ or ^ group; any other brace is a literal one. Parenthesised scripts become groups. */
function convert(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    const next = text[i + 1];
    if ((char === '_' || char === '^') && next !== undefined) {
      const [group, end] = scriptGroup(text, i + 1);
      // An identifier such as n_kv_heads: its later underscores are part of the name.
      const name = /^(?:[A-Za-z0-9]{2,}(?:_[A-Za-z0-9]+)+|[A-Za-z0-9]+(?:_[A-Za-z0-9]+){2,})$/.test(group)
        ? `\\mathrm{${group.replace(/_/g, '\\_')}}`
        : undefined;
      // A layer or step index keeps its parentheses: δ^(l), W^(l+1); e^(−2x) loses them.
      const index = next === '(' && /^[A-Za-z][+\-−]?\d?$/.test(group) ? `(${convert(group)})` : undefined;
      out += `${char}{${name ?? index ?? convert(group)}}`;
      i = end;
    } else if (char === '\\' && /[a-z]/.test(next ?? '')) {
      // Our own accents from formulaToTex (\hat{m}) pass through with their argument.
      const [accent, end] = accentAt(text, i);
      out += accent;
      i = end;
    } else if (char === '{' || char === '}') {
      out += `\\${char} `;
      i += 1;
    } else if (char === '√' || text.startsWith('sqrt(', i)) {
      const start = char === '√' ? i + 1 : i + 4;
      const [radicand, afterRadicand] = text[start] === '(' ? balanced(text, start) : scriptGroup(text, start);
      // √v̂ₜ: the subscript belongs under the root.
      const [subscript, end] = text.startsWith('_{', afterRadicand)
        ? balanced(text, afterRadicand + 1, '{', '}')
        : [undefined, afterRadicand];
      out += `\\sqrt{${convert(radicand)}${subscript === undefined ? '' : `_{${convert(subscript)}}`}}`;
      i = end;
    } else if (/\p{L}/u.test(char) && /[A-Za-z]/.test(char)) {
      // A longer name with underscores (max_value, bytes_per_element) is one upright name, not a subscript.
      const name = /^[A-Za-z]{2,}(?:_[A-Za-z0-9]+)+/.exec(text.slice(i))?.[0];
      const word = name ?? /^[A-Za-z]+/.exec(text.slice(i))![0];
      out += name
        ? `\\mathrm{${name.replace(/_/g, '\\_')}}`
        : word.length === 1
          ? word
          : OPERATORS.has(word)
            ? `\\${word} `
            : `\\mathrm{${word}}`;
      i += word.length;
    } else if (char === ' ') {
      const run = /^ +/.exec(text.slice(i))![0];
      const before = /[A-Za-z0-9]$/.test(text.slice(0, i));
      const after = /^[A-Za-z0-9]/.test(text.slice(i + run.length));
      // Wide gaps separate formulas; a single space between words or numbers is kept.
      out += run.length >= 2 ? '\\quad ' : before && after ? '\\ ' : ' ';
      i += run.length;
    } else {
      out += SYMBOLS[char] ?? char;
      i += 1;
    }
  }
  return out;
}

/** What a _ or ^ at `start` applies to: {…}, (…), a run of letters and digits, or one character. */
function scriptGroup(text: string, start: number): [string, number] {
  const first = text[start];
  if (first === '\\') return accentAt(text, start);
  if (first === '{') {
    const [inside, end] = balanced(text, start, '{', '}');
    return [inside, end];
  }
  if (first === '(') return balanced(text, start);
  const run = /^[\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)*/u.exec(text.slice(start))?.[0];
  if (run) return [run, start + run.length];
  return [first ?? '', start + 1];
}

/** `\\hat{…}` at `start`, converted, and the index after it. */
function accentAt(text: string, start: number): [string, number] {
  const command = /^\\[a-z]+/.exec(text.slice(start))![0];
  const after = start + command.length;
  if (text[after] !== '{') return [command, after];
  const [argument, end] = balanced(text, after, '{', '}');
  return [`${command}{${convert(argument)}}`, end];
}

/** The text inside the bracket pair opening at `start`, and the index after its closing bracket. */
function balanced(text: string, start: number, open = '(', close = ')'): [string, number] {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    if (text[i] === open) depth += 1;
    else if (text[i] === close && --depth === 0) return [text.slice(start + 1, i), i + 1];
  }
  return [text.slice(start + 1), text.length];
}
