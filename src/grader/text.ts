// Tokenisation and word classes shared by the model builder and the runtime, so both see the
// same tokens. Pure string processing, bounded so hostile input stays cheap.

/** Longer answers are graded on their beginning; nothing useful is said after this many characters. */
export const MAX_ANSWER_CHARS = 20_000;

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan['’]t\b/g, 'can not'],
  [/\bwon['’]t\b/g, 'will not'],
  [/\bshan['’]t\b/g, 'shall not'],
  [/n['’]t\b/g, ' not'],
  [/\bcannot\b/g, 'can not'],
];

const TOKEN = /\p{L}[\p{L}\p{M}]*|\d+(?:\.\d+)?/gu;

/** Lower-cased word and number tokens; contractions are expanded so "doesn't" yields "not". */
export function tokenize(text: string, maxChars = MAX_ANSWER_CHARS): string[] {
  let lowered = text.slice(0, maxChars).toLowerCase();
  for (const [pattern, replacement] of CONTRACTIONS) lowered = lowered.replace(pattern, replacement);
  return lowered.match(TOKEN) ?? [];
}

const FUNCTION_WORDS = new Set(
  `a an the this that these those it its they them their there here is are was were be been being am
  do does did done has have had having can could will would shall should may might must of to in on at
  by for from with without into onto over under between through during before after about as than then
  so because since while whereas if when where which who whom whose what why how and or but nor not no
  never also only just very more most less least each every all any some both either neither such same
  other another we you i he she us our your my his her one ones instead rather too again still yet
  thus hence therefore however although though until unless whether via per else even`.split(/\s+/),
);

/** Words that carry grammar rather than content; a statement has some, a keyword list has none. */
export function isFunctionWord(token: string): boolean {
  return FUNCTION_WORDS.has(token);
}

const NEGATIONS = new Set(['not', 'no', 'never', 'without', 'none', 'nothing', 'neither', 'nor', 'nobody', 'nowhere']);

export function isNegation(token: string): boolean {
  return NEGATIONS.has(token);
}

/** Content words: not function words, not single letters (variables such as p are kept as digits are). */
export function isContentToken(token: string): boolean {
  return !FUNCTION_WORDS.has(token) && (token.length > 1 || /\d/.test(token));
}

/** A light suffix stripper so "dropped", "drops" and "dropping" compare equal in lexical cues. */
export function stem(token: string): string {
  if (token.length <= 4 || /\d/.test(token)) return token;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(ss)es$/, '$1'],
    [/([^s])s$/, '$1'],
    [/(\w\w)ing$/, '$1'],
    [/(\w\w)ed$/, '$1'],
    [/(\w\w)ly$/, '$1'],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(token)) {
      const stripped = token.replace(pattern, replacement);
      // "dropped" -> "dropp" -> "drop": undo the doubled final consonant.
      return /([b-df-hj-np-tv-z])\1$/.test(stripped) ? stripped.slice(0, -1) : stripped;
    }
  }
  return token;
}

export function contentStems(tokens: readonly string[]): string[] {
  return tokens.filter(isContentToken).map(stem);
}

// Full stops only count when a space or the end follows, so decimals such as 0.5 stay whole.
const CLAUSE_BREAK =
  /[.!?](?=\s|$)|[;:,\n()]+|\b(?:while|whereas|whilst|but|however|instead|unlike|although|though)\b/i;

/** Splits text into clauses at punctuation and contrast words, the units within which roles are bound. */
export function clauses(text: string, maxChars = MAX_ANSWER_CHARS): string[][] {
  return text
    .slice(0, maxChars)
    .split(CLAUSE_BREAK)
    .map((part) => tokenize(part ?? ''))
    .filter((tokens) => tokens.length > 0);
}

/** Splits text into sentences at full stops, question and exclamation marks, and line breaks. */
export function sentences(text: string, maxChars = MAX_ANSWER_CHARS): string[][] {
  return text
    .slice(0, maxChars)
    .split(/[.!?](?=\s|$)|\n+/)
    .map((part) => tokenize(part ?? ''))
    .filter((tokens) => tokens.length > 0);
}
