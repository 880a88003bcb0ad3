// Batch norm normalises each feature across the batch; layer norm normalises each example across its features.
import { exampleTensor, normalise, type NormKind } from '../../../src/visualisations/normalisation';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { drawGrid, gridFigure } from './grid';

const FEATURES = 4;

export function mountNormalisation(host: ViewHost): void {
  const kind = host.select<NormKind>({
    key: 'kind',
    label: 'Normalisation',
    options: [
      { value: 'batch', label: 'Batch norm (per feature, across the batch)' },
      { value: 'layer', label: 'Layer norm (per example, across features)' },
    ],
    value: 'batch',
  });
  const batch = host.slider({ key: 'batch', label: 'Batch size N', min: 1, max: 8, step: 1, value: 4 });
  const group = host.slider({ key: 'group', label: 'Highlight group', min: 1, max: 8, step: 1, value: 1 });
  const inputSvg = host.figure(gridFigure('Input tensor, rows are examples, columns are features'), 'Input x (N × C)');
  const outputSvg = host.figure(gridFigure('Normalised tensor'), 'Normalised (x − μ) / √(σ² + ε)');
  const showAxis = host.readout('axis', 'Statistics taken over');
  const showGroup = host.readout('group-stats', 'Highlighted group: μ, σ² of input');
  const showOutput = host.readout('output-stats', 'Highlighted group: mean, variance after');
  const showCount = host.readout('groups', 'Number of (μ, σ²) pairs');

  host.onUpdate(() => {
    const N = batch.get();
    const k = kind.get();
    const x = exampleTensor(N, FEATURES);
    const result = normalise(x, k);
    const groups = result.means.length;
    group.input.max = String(groups);
    const g = Math.min(group.get(), groups) - 1;
    const inGroup = (i: number, j: number): boolean => (k === 'batch' ? j === g : i === g);
    drawGrid(inputSvg, x, { showValues: true, cell: 34, highlight: inGroup });
    drawGrid(outputSvg, result.output, { showValues: true, digits: 2, cell: 34, highlight: inGroup, maxMagnitude: 2 });
    const values = result.output.flatMap((row, i) => row.filter((_, j) => inGroup(i, j)));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    showAxis(
      k === 'batch'
        ? `the batch axis: one μ, σ² per feature, from ${N} example${N === 1 ? '' : 's'}`
        : `the feature axis: one μ, σ² per example, from ${FEATURES} features`,
    );
    showGroup(
      `${k === 'batch' ? 'feature' : 'example'} ${g + 1}: μ = ${formatNumber(result.means[g]!)}, σ² = ${formatNumber(result.variances[g]!)}`,
    );
    // Rounding leaves a mean like 1e-16 that would print in scientific notation; it is zero.
    const clean = (v: number): number => (Math.abs(v) < 1e-12 ? 0 : v);
    showOutput(`mean = ${formatNumber(clean(mean))}, variance = ${formatNumber(clean(variance))}`);
    showCount(String(groups));
  });
  host.note(
    'With N = 1 batch norm has nothing to average over: every feature becomes 0. Layer norm does not depend on the batch at all, which is why transformers use it. γ = 1 and β = 0 here; for images, batch norm also averages over height and width.',
  );
}
