// Convolution with an editable 3×3 kernel, stride and padding, optional pooling, and the output-size formula live.
import { convolve2d, KERNEL_PRESETS, outputSize, pool2d, presetKernel, sampleImage, type KernelPreset, type PoolKind } from '../../../src/visualisations/convolution';
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
    options: [...(Object.keys(KERNEL_PRESETS) as KernelPreset[]).map((k) => ({ value: k, label: KERNEL_PRESETS[k].label })), { value: 'custom', label: 'Custom (edit below)' }],
    value: 'sobel-x',
  });
  const kernelGroup = host.group('Kernel weights (type to edit)');
  kernelGroup.classList.add('kernel');
  const initial = presetKernel(preset.get() === 'custom' ? 'sobel-x' : (preset.get() as KernelPreset));
  const cells = initial.map((row, u) => row.map((v, v2) => host.numberInput(`k-${u}-${v2}`, `Kernel row ${u + 1} column ${v2 + 1}`, Number(v.toFixed(4)), kernelGroup)));
  const stride = host.slider({ key: 'stride', label: 'Stride S', min: 1, max: 3, step: 1, value: 1 });
  const padding = host.slider({ key: 'padding', label: 'Padding P', min: 0, max: 2, step: 1, value: 0 });
  const pooling = host.select<Pooling>({ key: 'pooling', label: `Then pool ${POOL}×${POOL}, stride ${POOL}`, options: [{ value: 'none', label: 'No pooling' }, { value: 'max', label: 'Max pooling' }, { value: 'average', label: 'Average pooling' }], value: 'none' });

  preset.select.addEventListener('change', () => {
    const choice = preset.get();
    if (choice === 'custom') return;
    // Fill the boxes and fire their input events so the values are remembered like typed ones.
    presetKernel(choice).forEach((row, u) => row.forEach((v, j) => {
      const input = cells[u]![j]!.input;
      input.value = String(Number(v.toFixed(4)));
      input.dispatchEvent(new Event('input'));
    }));
  });
  for (const input of cells.flat().map((c) => c.input)) {
    input.addEventListener('input', (event) => {
      if (event.isTrusted && preset.get() !== 'custom') {
        preset.select.value = 'custom';
        preset.select.dispatchEvent(new Event('change'));
      }
    });
  }

  const inputSvg = host.figure(gridFigure('Input image'), `Input ${W}×${W}`);
  const outputSvg = host.figure(gridFigure('Convolution output'), 'Output');
  const pooledSvg = host.figure(gridFigure('Pooled output'), 'Pooled');
  const formula = host.panel('formula');
  const showFormula = host.readout('formula', 'Output size');
  const showPooled = host.readout('pooled-size', 'After pooling');
  const showMax = host.readout('max-response', 'Largest |response|');

  host.onUpdate(() => {
    const kernel = cells.map((row) => row.map((c) => c.get()));
    const S = stride.get();
    const P = padding.get();
    const size = outputSize(W, K, P, S);
    const out = convolve2d(image, kernel, S, P);
    drawGrid(inputSvg, image, { cell: 18, maxMagnitude: 1, highlight: (i, j) => i < K - P && j < K - P });
    drawGrid(outputSvg, out, { cell: 26, showValues: true });
    const kind = pooling.get();
    const pooled = kind === 'none' ? [] : pool2d(out, POOL, POOL, kind);
    drawGrid(pooledSvg, pooled, { cell: 26, showValues: true });
    pooledSvg.parentElement!.hidden = kind === 'none';
    const text = `⌊(W − K + 2P) / S⌋ + 1 = ⌊(${W} − ${K} + 2·${P}) / ${S}⌋ + 1 = ${size}`;
    formula.replaceChildren();
    element('code', 'formula', formula).textContent = text;
    showFormula(`${size}×${size}`);
    showPooled(kind === 'none' ? 'no pooling' : `${outputSize(size, POOL, 0, POOL)}×${outputSize(size, POOL, 0, POOL)} (${kind})`);
    showMax(String(Math.max(0, ...out.flat().map(Math.abs)).toFixed(3)));
  });
  host.note('Frameworks compute cross-correlation: the kernel slides without flipping. Sobel kernels answer strongly at edges across their direction and zero on flat regions; blur kernels average; padding keeps the border, stride skips positions.');
}
