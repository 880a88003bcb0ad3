// Names inside a statement that never refer to an API use: type annotations and other type expressions,
// and lambda parameters within their lambda.
// Each pass reads a statement's tokens once: nested generics and lambdas, however deep, cost linear time.
import { isKeyword } from './bindings';
import { bracketPartners } from './calls';
import { headerOf } from './statements';
import type { Token } from './tokenizer';

export function nonUseTokens(tokens: readonly Token[]): ReadonlySet<Token> {
  const found: Token[] = [];
  const header = headerOf(tokens);
  addAnnotationTokens(tokens, header, found);
  addTypeExpressionTokens(tokens, header, found);
  if (tokens.some((token) => token.text === 'lambda')) found.push(...lambdaParameterTokens(tokens));
  // Most statements have none: no set is built for them.
  return found.length === 0 ? NONE : new Set(found);
}

type Header = ReturnType<typeof headerOf>;

function addRange(tokens: readonly Token[], from: number, to: number, found: Token[]): void {
  for (let i = from; i < to; i += 1) found.push(tokens[i]!);
}

const NONE: ReadonlySet<Token> = new Set();

/** Generics whose brackets hold types, wherever they are written: `ActFactory = Callable[[], nn.Module]`. */
const TYPE_GENERICS = new Set([
  'Callable',
  'Optional',
  'Union',
  'Type',
  'type',
  'List',
  'list',
  'Dict',
  'dict',
  'Tuple',
  'tuple',
  'Set',
  'set',
  'FrozenSet',
  'frozenset',
  'Sequence',
  'MutableSequence',
  'Iterable',
  'Iterator',
  'Mapping',
  'MutableMapping',
  'Collection',
  'Generator',
  'AsyncIterator',
  'AsyncGenerator',
  'Awaitable',
  'Coroutine',
  'ClassVar',
  'Final',
  'Annotated',
  'DefaultDict',
  'Deque',
  'Generic',
  'Protocol',
  'TypeGuard',
]);

/**
 * Type expressions outside annotations: the brackets of typing generics, `TypeVar('M', bound=nn.Module)`,
 * a `type Act = nn.ReLU | nn.GELU` statement and the type parameters of `def f[M: nn.Module](...)` and
 * `class Box[M: nn.Module]`.
 */
function addTypeExpressionTokens(tokens: readonly Token[], header: Header, found: Token[]): void {
  const first = tokens[0];
  if (first?.text === 'type' && tokens[1]?.kind === 'name' && (tokens[2]?.text === '=' || tokens[2]?.text === '[')) {
    addRange(tokens, 1, tokens.length, found);
    return;
  }
  if (header && tokens[header.nameIndex + 1]?.text === '[')
    addRange(tokens, header.nameIndex + 2, bracketEnd(tokens, header.nameIndex + 1), found);
  for (let i = 0; i < tokens.length - 1; i += 1) {
    const token = tokens[i]!;
    if (token.kind !== 'name') continue;
    const open = tokens[i + 1]!.text;
    const isTypeGeneric = open === '[' && TYPE_GENERICS.has(token.text);
    const isTypeVar = open === '(' && (token.text === 'TypeVar' || token.text === 'NewType');
    if (!isTypeGeneric && !isTypeVar) continue;
    // Everything inside is a type already, so generics nested in it need no visit of their own.
    const end = bracketEnd(tokens, i + 1);
    addRange(tokens, i + 2, end, found);
    i = end - 1;
  }
}

/** The index of the partner of the bracket at `openIndex` (the end of the statement when unclosed). */
function bracketEnd(tokens: readonly Token[], openIndex: number): number {
  const close = bracketPartners(tokens)[openIndex]!;
  return close >= 0 ? close : tokens.length;
}

/**
 * `x: torch.Tensor` in a def's parameters, `-> Tensor`, and `out: torch.Tensor = ...` name a type, not a
 * call of the API, so they are not reported (the default or assigned value still is).
 */
function addAnnotationTokens(tokens: readonly Token[], header: Header, found: Token[]): void {
  if (header?.kind === 'function') {
    // Parameters start after any type parameters: `def f[T: (int, str)](x: T)`.
    const open = header.nameIndex + 1;
    addParameterAnnotations(tokens, tokens[open]?.text === '[' ? bracketEnd(tokens, open) + 1 : open, found);
    return;
  }
  if (header) return;
  const first = tokens[0];
  if (!first || first.kind !== 'name' || isKeyword(first.text)) return;
  const base = first.depth;
  let colon = -1;
  let assign = -1;
  for (let i = 0; i < tokens.length && (colon < 0 || assign < 0); i += 1) {
    const token = tokens[i]!;
    if (token.depth !== base) continue;
    if (colon < 0 && token.text === ':') colon = i;
    else if (assign < 0 && token.text === '=') assign = i;
  }
  if (colon < 0 || (assign >= 0 && assign < colon)) return;
  // `case x:` and `match y:` are headers, not annotated names.
  if ((first.text === 'case' || first.text === 'match') && colon !== 1) return;
  addRange(tokens, colon + 1, assign >= 0 ? assign : tokens.length, found);
}

function addParameterAnnotations(tokens: readonly Token[], from: number, annotations: Token[]): void {
  let open = from;
  while (open < tokens.length && tokens[open]!.text !== '(') open += 1;
  if (open >= tokens.length) return;
  const depth = tokens[open]!.depth + 1;
  // A default value may hold a lambda, whose colon starts no annotation.
  let part: 'name' | 'annotation' | 'default' = 'name';
  let index = open + 1;
  for (; index < tokens.length && tokens[index]!.depth >= depth; index += 1) {
    const token = tokens[index]!;
    if (token.depth === depth && token.text === ',') part = 'name';
    else if (token.depth === depth && token.text === '=') part = 'default';
    else if (token.depth === depth && token.text === ':' && part === 'name') part = 'annotation';
    else if (part === 'annotation') annotations.push(token);
  }
  // After the closing parenthesis: `-> ReturnType:`.
  if (tokens[index + 1]?.text === '->') {
    for (
      let i = index + 2;
      i < tokens.length && !(tokens[i]!.depth === tokens[0]!.depth && tokens[i]!.text === ':');
      i += 1
    )
      annotations.push(tokens[i]!);
  }
}

/**
 * In `lambda F, x: F.relu(x)` the parameters, and their uses in the lambda's body, which shadow any import.
 * One pass with a stack of the lambdas whose parameters or bodies are open, and a count of the names they bind.
 */
function lambdaParameterTokens(tokens: readonly Token[]): Token[] {
  const found: Token[] = [];
  const open: { depth: number; names: string[]; inBody: boolean }[] = [];
  const shadowing = new Map<string, number>();
  const shadow = (names: readonly string[], by: number) =>
    names.forEach((name) => shadowing.set(name, (shadowing.get(name) ?? 0) + by));
  tokens.forEach((token, index) => {
    // A body ends at a comma or comprehension `for` at its lambda's depth, or at its enclosing bracket.
    for (let top = open[open.length - 1]; top?.inBody; top = open[open.length - 1]) {
      const ends =
        token.depth < top.depth || (token.depth === top.depth && (token.text === ',' || token.text === 'for'));
      if (!ends) break;
      shadow(open.pop()!.names, -1);
    }
    if (token.kind === 'name' && token.text === 'lambda') {
      open.push({ depth: token.depth, names: [], inBody: false });
      return;
    }
    const top = open[open.length - 1];
    if (top && !top.inBody && token.depth === top.depth) {
      if (token.text === ':') {
        top.inBody = true;
        shadow(top.names, 1);
        return;
      }
      if (token.kind === 'name' && ['lambda', ',', '*', '**'].includes(tokens[index - 1]!.text)) {
        top.names.push(token.text);
        found.push(token);
        return;
      }
    }
    if (token.kind === 'name' && (shadowing.get(token.text) ?? 0) > 0 && tokens[index - 1]?.text !== '.')
      found.push(token);
  });
  return found;
}
