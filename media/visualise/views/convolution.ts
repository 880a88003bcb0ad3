// Convolution with an editable 3×3 kernel, stride and padding, optional pooling, and the output-size formula live.
import {
  convolve2d,
  inPatch,
  isPadding,
  KERNEL_PRESETS,
  outputSize,
  pad,
  patchOf,
  patchProducts,
  pool2d,
  presetKernel,
  sampleImage,
  type KernelPreset,
  type PoolKind,
} from '../../../src/visualisations/convolution';
import { element, type ViewHost } from '../host';
import { drawGrid, gridFigure } from './grid';

const K = 3;
const POOL = 2;
type Pooling = PoolKind | 'none';

export function mountConvolution(host: ViewHost): void {
  const image = sampleImage(8);
  const W = image.length;
  const preset = host.select<KernelPreset | 'custom'>({
    key: 'preset',
    label: 'Kernel preset',
    options: [
      ...(Object.keys(KERNEL_PRESETS) as KernelPreset[]).map((k) => ({ value: k, label: KERNEL_PRESETS[k].label })),
      { value: 'custom', label: 'Custom (edit below)' },
    ],
    value: 'sobel-x',
  });
  const kernelGroup = host.group('Kernel weights (type to edit)');
  kernelGroup.classList.add('kernel');
  const initial = presetKernel(preset.get() === 'custom' ? 'sobel-x' : (preset.get() as KernelPreset));
  const cells = initial.map((row, u) =>
    row.map((v, v2) =>
      host.numberInput(`k-${u}-${v2}`, `Kernel row ${u + 1} column ${v2 + 1}`, Number(v.toFixed(4)), kernelGroup),
    ),
  );
  const stride = host.slider({ key: 'stride', label: 'Stride S', min: 1, max: 3, step: 1, value: 1 });
  const padding = host.slider({ key: 'padding', label: 'Padding P', min: 0, max: 2, step: 1, value: 0 });
  const pooling = host.select<Pooling>({
    key: 'pooling',
    label: `Then pool ${POOL}×${POOL}, stride ${POOL}`,
    options: [
      { value: 'none', label: 'No pooling' },
      { value: 'max', label: 'Max pooling' },
      { value: 'average', label: 'Average pooling' },
    ],
    value: 'none',
  });

  preset.select.addEventListener('change', () => {
    const choice = preset.get();
    if (choice === 'custom') return;
    // Fill the boxes and fire their input events so the values are remembered like typed ones.
    presetKernel(choice).forEach((row, u) =>
      row.forEach((v, j) => {
        const input = cells[u]![j]!.input;
        input.value = String(Number(v.toFixed(4)));
        input.dispatchEvent(new Event('input'));
      }),
    );
  });
  for (const input of cells.flat().map((c) => c.input)) {
    input.addEventListener('input', (event) => {
      if (event.isTrusted && preset.get() !== 'custom') {
        preset.select.value = 'custom';
        preset.select.dispatchEvent(new Event('change'));
      }
    });
  }

  // Linked views: the selected output cell (slider, Step, or the mouse over the output) outlines its input patch.
  const cellSlider = host.slider({ key: 'cell', label: 'Output cell (row-major)', min: 0, max: 35, step: 1, value: 0 });
  const stepButton = host.button('step-cell', 'Step to next output cell', () => {
    const count = Number(cellSlider.input.max) + 1;
    cellSlider.set((cellSlider.get() + 1) % count);
  });
  stepButton.setAttribute('aria-describedby', 'control-cell');

  const inputSvg = host.figure(
    gridFigure('Input image with its padding ring; the outlined patch feeds the selected output cell'),
    `Input ${W}×${W} (padding ring dashed)`,
  );
  const outputSvg = host.figure(
    gridFigure('Convolution output; the selected cell is outlined'),
    'Output (hover a cell)',
  );
  const pooledSvg = host.figure(gridFigure('Pooled output'), 'Pooled');
  const formula = host.panel('formula');
  const sumPanel = host.panel('patch-sum');
  const showFormula = host.readout('formula', 'Output size');
  const showCell = host.readout('cell', 'Selected output cell');
  const showPooled = host.readout('pooled-size', 'After pooling');
  const showMax = host.readout('max-response', 'Largest |response|');

  outputSvg.addEventListener('mousemove', (event) => {
    const target = event.target as SVGElement;
    const row = Number(target.dataset.row);
    const column = Number(target.dataset.column);
    if (!Number.isInteger(row) || !Number.isInteger(column)) return;
    const size = Number(outputSvg.dataset.size);
    const index = row * size + column;
    if (index !== cellSlider.get()) cellSlider.set(index);
  });

  host.onUpdate(() => {
    const kernel = cells.map((row) => row.map((c) => c.get()));
    const S = stride.get();
    const P = padding.get();
    const size = outputSize(W, K, P, S);
    const out = convolve2d(image, kernel, S, P);
    const count = Math.max(1, size * size);
    cellSlider.input.max = String(count - 1);
    if (cellSlider.get() > count - 1) cellSlider.input.value = String(count - 1);
    const selected = Math.min(cellSlider.get(), count - 1);
    const [i, j] = [Math.floor(selected / Math.max(1, size)), selected % Math.max(1, size)];
    const patch = patchOf(i, j, K, S);
    const padded = pad(image, P);
    drawGrid(inputSvg, padded, {
      cell: 18,
      maxMagnitude: 1,
      highlight: (r, c) => size > 0 && inPatch(patch, r, c),
      frameClass: (r, c) => (isPadding(r, c, W, P) ? 'padding-cell' : undefined),
    });
    outputSvg.dataset.size = String(size);
    drawGrid(outputSvg, out, { cell: 26, showValues: true, highlight: (r, c) => r === i && c === j });
    const kind = pooling.get();
    const pooled = kind === 'none' ? [] : pool2d(out, POOL, POOL, kind);
    drawGrid(pooledSvg, pooled, { cell: 26, showValues: true });
    pooledSvg.parentElement!.hidden = kind === 'none';
    const text = `⌊(W − K + 2P) / S⌋ + 1 = ⌊(${W} − ${K} + 2·${P}) / ${S}⌋ + 1 = ${size}`;
    formula.replaceChildren();
    element('code', 'formula', formula).textContent = text;
    sumPanel.replaceChildren();
    if (size > 0) {
      const { terms, sum } = patchProducts(padded, kernel, patch);
      const nonZero = terms.filter((term) => term.input !== 0 && term.weight !== 0);
      const products =
        nonZero
          .map((term) => `${short(term.input)}·${term.weight < 0 ? `(${short(term.weight)})` : short(term.weight)}`)
          .join(' + ') || '0';
      element('code', 'formula', sumPanel).textContent =
        `out[${i}, ${j}] = Σ patch × kernel = ${products} = ${short(sum)}`;
      showCell(
        `(${i}, ${j}) reads rows ${patch.row}–${patch.row + K - 1}, columns ${patch.column}–${patch.column + K - 1} of the padded input`,
      );
    } else showCell('none: the kernel does not fit');
    showFormula(`${size}×${size}`);
    showPooled(
      kind === 'none'
        ? 'no pooling'
        : `${outputSize(size, POOL, 0, POOL)}×${outputSize(size, POOL, 0, POOL)} (${kind})`,
    );
    showMax(String(Math.max(0, ...out.flat().map(Math.abs)).toFixed(3)));
  });
  host.note(
    'Frameworks compute cross-correlation: the kernel slides without flipping. Sobel kernels answer strongly at edges across their direction and zero on flat regions; blur kernels average; padding (the dashed ring of zeros) keeps the border, stride skips positions. Hover an output cell, or step through them, to see the input patch it is computed from.',
  );
}

/** Up to three decimals, no trailing zeros: 1, 0.111, -2. */
function short(value: number): string {
  return String(Number(value.toFixed(3)));
}
