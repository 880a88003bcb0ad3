// Lookup over validated concepts: by id, by alias or title, and by fully qualified API symbol.
import type { CallArguments } from '../scanner/calls';
import type { SymbolCatalogue } from '../scanner/scanner';
import type { ApiSymbol, Concept } from './schema';

export interface ApiMatch {
  concept: Concept;
  api: ApiSymbol;
}

export class ConceptIndex implements SymbolCatalogue {
  private readonly byId = new Map<string, Concept>();
  private readonly byName = new Map<string, Concept>();
  private readonly bySymbol = new Map<string, ApiMatch>();
  /** Entries that own a symbol only for certain argument values, checked before the symbol's default entry. */
  private readonly byArgument = new Map<string, ApiMatch[]>();
  private readonly symbolPrefixes = new Set<string>();

  constructor(readonly concepts: readonly Concept[]) {
    for (const concept of concepts) {
      this.byId.set(concept.id, concept);
      for (const name of [concept.title, ...concept.aliases]) this.byName.set(normaliseName(name), concept);
      for (const api of concept.apis) {
        if (api.when) this.byArgument.set(api.symbol, [...(this.byArgument.get(api.symbol) ?? []), { concept, api }]);
        else this.bySymbol.set(api.symbol, { concept, api });
        const parts = api.symbol.split('.');
        for (let length = 1; length <= parts.length; length += 1) this.symbolPrefixes.add(parts.slice(0, length).join('.'));
      }
    }
  }

  get(id: string): Concept | undefined {
    return this.byId.get(id);
  }

  /** Finds a concept by id, title or alias, ignoring case, spaces, hyphens and underscores. */
  findByName(name: string): Concept | undefined {
    return this.byId.get(name) ?? this.byName.get(normaliseName(name));
  }

  /** Exact lookup of a canonical symbol such as torch.nn.Dropout or keras.layers.Dropout. */
  findSymbol(symbol: string): ApiMatch | undefined {
    return this.bySymbol.get(symbol);
  }

  /** The entry for one call: a `when` entry whose argument value matches, else the symbol's default entry. */
  findCall(symbol: string, args: CallArguments): ApiMatch | undefined {
    const matching = this.byArgument.get(symbol)?.find(({ api }) => {
      const { name, position, equals } = api.when!;
      const written = args.keyword[name] ?? (position === undefined ? undefined : args.positional[position]);
      return written !== undefined && equals.includes(written.replace(/^[rbuRBU]?(['"])(.*)\1$/s, '$2'));
    });
    return matching ?? this.bySymbol.get(symbol);
  }

  conceptFor(canonicalSymbol: string): string | undefined {
    return this.bySymbol.get(canonicalSymbol)?.concept.id;
  }

  conceptForCall(canonicalSymbol: string, args: CallArguments): string | undefined {
    return this.findCall(canonicalSymbol, args)?.concept.id;
  }

  hasPrefix(canonicalPrefix: string): boolean {
    return this.symbolPrefixes.has(canonicalPrefix);
  }
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}
