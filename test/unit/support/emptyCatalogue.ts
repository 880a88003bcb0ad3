// A symbol catalogue that knows no concepts: the model summary reads calls, not concept uses.
import type { SymbolCatalogue } from '../../../src/scanner/scanner';

export const emptyCatalogue: SymbolCatalogue = { conceptFor: () => undefined, hasPrefix: () => false };
