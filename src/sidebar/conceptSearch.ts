// Search over concepts by title, alias and API symbol, for the study sidebar. Pure: the webview runs it.

export interface ConceptEntry {
  id: string;
  title: string;
  aliases: string[];
  symbols: string[];
}

/** Concepts matching every word of the query, best matches first: title, then alias, then API symbol. */
export function searchConcepts(entries: readonly ConceptEntry[], query: string, limit = 20): ConceptEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const ranked: { entry: ConceptEntry; rank: number }[] = [];
  for (const entry of entries) {
    const wordRanks = words.map((word) => wordRank(entry, word));
    if (wordRanks.every((rank) => rank !== undefined))
      ranked.push({ entry, rank: wordRanks.reduce((sum, rank) => sum + rank!, 0) });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.entry.title.localeCompare(b.entry.title))
    .slice(0, limit)
    .map((r) => r.entry);
}

/** 0 when the title starts with the word, then title or id, alias, API symbol; undefined when absent. */
function wordRank(entry: ConceptEntry, word: string): number | undefined {
  const title = entry.title.toLowerCase();
  if (title.startsWith(word)) return 0;
  if (title.includes(word) || entry.id.includes(word)) return 1;
  if (entry.aliases.some((alias) => alias.toLowerCase().includes(word))) return 2;
  if (entry.symbols.some((symbol) => symbol.toLowerCase().includes(word))) return 3;
  return undefined;
}
