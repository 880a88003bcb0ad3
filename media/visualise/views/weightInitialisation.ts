// Histograms of activations per layer: a good initialisation keeps them spread without saturating.
import { layerActivationStats } from '../../../src/visualisations/initHistograms';
import type { LayerActivation } from '../../../src/visualisations/gradientFlow';
import { INIT_LABELS, INIT_SCHEMES, type InitScheme } from '../../../src/visualisations/initialisation';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { figureSvg, label, setUpPlot, svgElement } from '../svg';

const WIDTH = 64;
const SAMPLES = 8;
const SEED = 3;
const BINS = 20;

export function mountWeightInitialisation(host: ViewHost): void {
  const init = host.select<InitScheme>({
    key: 'init',
    label: 'Initialisation',
    options: INIT_SCHEMES.map((s) => ({ value: s, label: INIT_LABELS[s] })),
    value: 'xavier',
  });
  const activation = host.select<LayerActivation>({
    key: 'activation',
    label: 'Activation',
    options: [
      { value: 'tanh', label: 'Tanh' },
      { value: 'relu', label: 'ReLU' },
      { value: 'sigmoid', label: 'Sigmoid' },
    ],
    value: 'tanh',
  });
  const depth = host.slider({ key: 'depth', label: 'Layers shown', min: 2, max: 8, step: 1, value: 5 });
  const svg = host.figure(
    figureSvg('Activation histograms per layer'),
    `Histogram of each layer’s activations (width ${WIDTH}, ${SAMPLES} inputs), range [−1, 1] for tanh/sigmoid and [0, 2] for ReLU`,
  );
  const showStd = host.readout('stds', 'Standard deviation per layer');
  const showLast = host.readout('last-std', 'Std of the last layer');

  host.onUpdate(() => {
    const L = depth.get();
    const act = activation.get();
    const range: [number, number] = act === 'relu' ? [0, 2] : [-1, 1];
    const stats = layerActivationStats(
      { depth: L, width: WIDTH, activation: act, init: init.get(), seed: SEED },
      SAMPLES,
      BINS,
      range,
    );
    const width = 520;
    const rowHeight = 46;
    const plot = setUpPlot(svg, {
      width,
      height: L * rowHeight + 34,
      x: range,
      y: [0, L],
      xTicks: [range[0], (range[0] + range[1]) / 2, range[1]],
      xLabel: 'activation',
    });
    const total = WIDTH * SAMPLES;
    stats.forEach((s, l) => {
      const base = L - l - 1;
      const binWidth = (range[1] - range[0]) / BINS;
      const tallest = Math.max(...s.histogram.counts);
      s.histogram.counts.forEach((count, b) => {
        const h = tallest === 0 ? 0 : (count / tallest) * 0.8;
        svgElement(
          'rect',
          {
            x: plot.x(range[0] + b * binWidth),
            y: plot.y(base + h),
            width: Math.max(0.5, plot.x(range[0] + binWidth) - plot.x(range[0]) - 1),
            height: plot.y(base) - plot.y(base + h),
            class: 'bar blue',
          },
          plot.layer,
        );
      });
      label(plot.layer, plot.x(range[0]) - 4, plot.y(base + 0.4), `L${s.layer}`, 'tick end');
      const outside = s.histogram.outside / total;
      label(
        plot.layer,
        plot.x(range[1]) - 2,
        plot.y(base + 0.75),
        `σ ${formatNumber(s.std, 3)}${outside > 0 ? `, ${Math.round(outside * 100)}% off-range` : ''}`,
        'value-label end',
      );
    });
    showStd(stats.map((s) => `L${s.layer} ${formatNumber(s.std, 3)}`).join(', '));
    showLast(formatNumber(stats.at(-1)!.std));
  });
  host.note(
    'Too small (σ = 0.01) and the activations shrink towards 0 layer by layer; too large (σ = 1) and tanh piles up at ±1 where its gradient is zero. Xavier suits tanh and sigmoid, He suits ReLU: each keeps the variance roughly constant across layers.',
  );
}
