// Lookup over validated concepts: by id, by alias or title, and by fully qualified API symbol.
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
  private readonly symbolPrefixes = new Set<string>();

  constructor(readonly concepts: readonly Concept[]) {
    for (const concept of concepts) {
      this.byId.set(concept.id, concept);
      for (const name of [concept.title, ...concept.aliases]) this.byName.set(normaliseName(name), concept);
      for (const api of concept.apis) {
        this.bySymbol.set(api.symbol, { concept, api });
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

  conceptFor(canonicalSymbol: string): string | undefined {
    return this.bySymbol.get(canonicalSymbol)?.concept.id;
  }

  hasPrefix(canonicalPrefix: string): boolean {
    return this.symbolPrefixes.has(canonicalPrefix);
  }
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}
