// Activation functions and their derivatives, with the regions where the derivative all but vanishes shaded.
import {
  ACTIVATIONS,
  ACTIVATION_LABELS,
  activate,
  derivative,
  saturatedIntervals,
  type ActivationName,
} from '../../../src/visualisations/activations';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { dot, figureSvg, label, polyline, setUpPlot, svgElement } from '../svg';

const DOMAIN: [number, number] = [-6, 6];

export function mountActivationFunctions(host: ViewHost): void {
  const name = host.select<ActivationName>({
    key: 'activation',
    label: 'Activation',
    options: ACTIVATIONS.map((a) => ({ value: a, label: ACTIVATION_LABELS[a] })),
    value: 'sigmoid',
  });
  const x = host.slider({
    key: 'x',
    label: 'Probe x',
    min: -6,
    max: 6,
    step: 0.1,
    value: 1,
    format: (v) => v.toFixed(1),
  });
  const slope = host.slider({
    key: 'slope',
    label: 'Leaky ReLU slope α',
    min: 0,
    max: 0.3,
    step: 0.01,
    value: 0.01,
    format: (v) => v.toFixed(2),
  });
  const threshold = host.slider({
    key: 'threshold',
    label: 'Saturated where |f′(x)| <',
    min: 0.01,
    max: 0.2,
    step: 0.01,
    value: 0.05,
    format: (v) => v.toFixed(2),
  });
  const svg = host.figure(
    figureSvg('Activation function and its derivative'),
    'f(x) solid, f′(x) dashed; shaded where the gradient all but vanishes',
  );
  const showValue = host.readout('value', 'f(x)');
  const showDerivative = host.readout('derivative', 'f′(x)');
  const showSaturated = host.readout('saturated', 'Saturated at x');
  const showRegions = host.readout('regions', 'Saturating regions in [-6, 6]');

  host.onUpdate(() => {
    const a = name.get();
    const alpha = slope.get();
    const probe = x.get();
    const f = (v: number): number => activate(a, v, alpha);
    const df = (v: number): number => derivative(a, v, alpha);
    // Bounded functions get a tight axis so their S-shape and small derivative stay readable.
    const bounded = a === 'sigmoid' || a === 'tanh';
    const [yLo, yHi] = bounded ? [-1.25, 1.25] : [-1.5, 6];
    const plot = setUpPlot(svg, {
      width: 420,
      height: 240,
      x: DOMAIN,
      y: [yLo, yHi],
      xTicks: [-6, -4, -2, 0, 2, 4, 6],
      yTicks: bounded ? [-1, -0.5, 0, 0.5, 1] : [0, 2, 4, 6],
      xLabel: 'x',
    });
    const regions = saturatedIntervals(a, DOMAIN[0], DOMAIN[1], threshold.get(), 1201, alpha);
    for (const region of regions) {
      svgElement(
        'rect',
        {
          x: plot.x(region.from),
          y: plot.margin.top,
          width: Math.max(1, plot.x(region.to) - plot.x(region.from)),
          height: plot.height - plot.margin.top - plot.margin.bottom,
          class: 'saturated',
        },
        plot.layer,
      );
    }
    const xs = Array.from({ length: 241 }, (_, i) => DOMAIN[0] + (i * (DOMAIN[1] - DOMAIN[0])) / 240);
    // Clip to the plotted range so ReLU's line does not leave the frame.
    const clip = (v: number): number => Math.max(yLo, Math.min(yHi, v));
    polyline(
      plot,
      xs.map((v) => [v, clip(f(v))]),
      'blue',
    );
    polyline(
      plot,
      xs.map((v) => [v, clip(df(v))]),
      'orange dashed',
    );
    dot(plot, probe, clip(f(probe)), 'marker blue');
    dot(plot, probe, clip(df(probe)), 'marker orange');
    label(plot.layer, plot.x(-5.8), plot.margin.top + 12, ACTIVATION_LABELS[a], 'legend');
    showValue(formatNumber(f(probe)));
    showDerivative(formatNumber(df(probe)));
    showSaturated(Math.abs(df(probe)) < threshold.get() ? 'yes: the gradient through this unit is almost zero' : 'no');
    showRegions(
      regions.length === 0 ? 'none' : regions.map((r) => `[${r.from.toFixed(2)}, ${r.to.toFixed(2)}]`).join(' ∪ '),
    );
  });
  host.note(
    'Sigmoid and tanh saturate for large |x|, so gradients through them fade; ReLU is flat (dead) for every negative input; leaky ReLU and GELU keep some slope.',
  );
}
