// Where a reference can be read: an explicit url, an arXiv id, the framework's API page for a named
// symbol, the book's site, or else a scholarly search for the title. Pure; nothing is fetched.

export interface ReferenceLike {
  title: string;
  where?: string;
  url?: string;
}

const BOOKS: readonly [RegExp, string][] = [
  [/^Goodfellow, Bengio, Courville\. Deep Learning/, 'https://www.deeplearningbook.org/'],
];

/** API pages by the dotted symbol a documentation reference names first ("PyTorch documentation, torch.nn.Dropout"). */
const API_PAGES: readonly [RegExp, (symbol: string) => string][] = [
  [/^torch\./, (symbol) => `https://pytorch.org/docs/stable/generated/${symbol}.html`],
  [/^tf\./, (symbol) => `https://www.tensorflow.org/api_docs/python/${symbol.replace(/\./g, '/')}`],
  [/^jax\./, (symbol) => `https://docs.jax.dev/en/latest/_autosummary/${symbol}.html`],
];
const DOCUMENTATION_SITES: Record<string, string> = {
  PyTorch: 'https://pytorch.org/docs/stable/',
  TensorFlow: 'https://www.tensorflow.org/api_docs/python/tf',
  Keras: 'https://keras.io/api/',
  JAX: 'https://docs.jax.dev/en/latest/',
  Flax: 'https://flax.readthedocs.io/',
  Optax: 'https://optax.readthedocs.io/',
};

export function referenceLink(reference: ReferenceLike): string {
  if (reference.url) return reference.url;
  const arxiv = /arXiv:\s*(\d{4}\.\d{4,5})/i.exec(`${reference.title} ${reference.where ?? ''}`);
  if (arxiv) return `https://arxiv.org/abs/${arxiv[1]}`;
  const book = BOOKS.find(([pattern]) => pattern.test(reference.title));
  if (book) return book[1];
  const documentation = /^(PyTorch|TensorFlow|Keras|JAX|Flax|Optax) documentation(?:,\s*(.*))?$/.exec(reference.title);
  if (documentation) {
    const symbol = /^[A-Za-z_][\w.]*\.[A-Za-z_]\w*(?=$|\s|,)/.exec(documentation[2] ?? '')?.[0];
    const page = symbol ? API_PAGES.find(([pattern]) => pattern.test(symbol)) : undefined;
    return page && symbol ? page[1](symbol) : DOCUMENTATION_SITES[documentation[1]!]!;
  }
  return `https://scholar.google.com/scholar?q=${encodeURIComponent(reference.title)}`;
}
