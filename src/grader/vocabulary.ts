// Maps tokens to rows of the model's embedding table. Row 0 is padding; words outside the
// vocabulary share a fixed set of hashed rows, so an unseen word still matches itself.

export const PAD_ID = 0;

/** FNV-1a: stable across platforms and runs, which the committed model relies on. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export class Vocabulary {
  private readonly ids = new Map<string, number>();

  constructor(
    readonly words: readonly string[],
    readonly hashBuckets: number,
  ) {
    words.forEach((word, index) => this.ids.set(word, index + 1));
  }

  /** Rows in the embedding table: padding, the words, then the hash buckets. */
  get size(): number {
    return 1 + this.words.length + this.hashBuckets;
  }

  isKnown(token: string): boolean {
    return this.ids.has(token);
  }

  id(token: string): number {
    return this.ids.get(token) ?? 1 + this.words.length + (fnv1a(token) % this.hashBuckets);
  }

  /** Ids of the first `maxTokens` tokens, never empty (a lone pad embeds as the zero vector). */
  encode(tokens: readonly string[], maxTokens: number): number[] {
    const ids = tokens.slice(0, maxTokens).map((token) => this.id(token));
    return ids.length > 0 ? ids : [PAD_ID];
  }
}
