// How counts read in the editor: a layer's hover line (the formula filled in) and a model's CodeLens title.
import type { LayerRow, ModelSummary } from './modelSummary';
import { describeShape } from './shapes';
import { formulaText, groupDigits, isKnown } from './size';

/** `**Parameters:** `3*32*3*3 + 32 = 896` · output `(None, 26, 26, 32)``, with unknown sizes left named. */
export function layerHoverLine(row: LayerRow): string {
  // In code spans: Markdown would read the `*` of `3*32*3*3` as emphasis.
  const parts = [
    `**Parameters:** \`${formulaText(row.params)}\`${isKnown(row.params) ? '' : ' (not all sizes are known here)'}`,
  ];
  if (row.copies) parts[0] += ` for ${row.copies.text} copies`;
  if (row.nonTrainable && row.nonTrainable.value !== 0)
    parts.push(`\`${formulaText(row.nonTrainable)}\` running statistics, not trained`);
  const shape = describeShape(row.outputShape);
  if (shape) parts.push(`output \`${shape}\``);
  return parts.join(' · ');
}

/** `1,199,882 trainable parameters`, or how far the count got when some sizes are unknown. */
export function lensTitle(model: ModelSummary): string {
  if (isKnown(model.total)) return `${groupDigits(model.total.value)} trainable parameters · model summary`;
  const counted = model.layers.filter((layer) => isKnown(layer.params));
  const sum = counted.reduce((total, layer) => total + layer.params.value!, 0);
  return `Trainable parameters unknown (${groupDigits(sum)} in ${counted.length} of ${model.layers.length} layers) · model summary`;
}
