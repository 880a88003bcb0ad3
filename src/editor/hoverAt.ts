// The hover markdown for a position in a Python file, exactly as the editor shows it. Pure: shared by
// the hover provider and `cli hover`.
import type { ConceptIndex } from '../content/conceptIndex';
import { modelsOf } from '../modelInsight/fileModels';
import { layerHoverLine } from '../modelInsight/insightText';
import type { ScanResult } from '../scanner/scanner';
import { buildHoverMarkdown, type HoverLength } from './hoverContent';
import { hoverContextOf, type HoverContext } from './hoverContext';
import { usesAt } from './usesAt';

export interface HoverAt {
  markdown: string;
  range: ScanResult['uses'][number]['range'];
}

// The editor caches one scan per document version, so the file-wide context is read once per version.
const contexts = new WeakMap<ScanResult, HoverContext>();

/** The hover at a 0-based line and UTF-16 column, or undefined when nothing there is explained. */
export function hoverAt(
  source: string,
  scan: ScanResult,
  index: ConceptIndex,
  line: number,
  column: number,
  options: { length: HoverLength; canVisualise: (visualisationId: string) => boolean },
): HoverAt | undefined {
  const use = usesAt(scan.uses, line, column)[0];
  if (!use) return undefined;
  const match = index.findCall(use.canonicalSymbol, use.args);
  if (!match) return undefined;
  let context = contexts.get(scan);
  if (!context)
    contexts.set(scan, (context = hoverContextOf(source, scan, (symbol) => index.findSymbol(symbol)?.api.params)));
  const visualisation = match.concept.visualisation;
  const markdown = buildHoverMarkdown(use, match.concept, match.api, {
    canVisualise: visualisation !== undefined && options.canVisualise(visualisation),
    length: options.length,
    context,
    layerLine: layerLine(scan, use),
  });
  return { markdown, range: use.range };
}

/** The parameter count line for a layer constructor call, when the model summary knows the layer. */
function layerLine(scan: ScanResult, use: ScanResult['uses'][number]): string | undefined {
  if (!use.isCall) return undefined;
  const row = modelsOf(scan).layerAt(use.range.startLine, use.range.startColumn);
  return row ? layerHoverLine(row) : undefined;
}
