// Gradient norm per layer of a deep plain network, for a chosen activation, initialisation and depth.
import { randomNetworkPass, type LayerActivation } from '../../../src/visualisations/gradientFlow';
import { INIT_LABELS, INIT_SCHEMES, type InitScheme } from '../../../src/visualisations/initialisation';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { dot, figureSvg, polyline } from '../svg';
import { layerNormsPlot, log10Norm } from './layerNormsPlot';

const WIDTH = 32;
const SEED = 1;
const ACTIVATION_OPTIONS: { value: LayerActivation; label: string }[] = [
  { value: 'sigmoid', label: 'Sigmoid' },
  { value: 'tanh', label: 'Tanh' },
  { value: 'relu', label: 'ReLU' },
  { value: 'linear', label: 'None (linear)' },
];

export function mountVanishingGradients(host: ViewHost): void {
  const activation = host.select<LayerActivation>({
    key: 'activation',
    label: 'Activation',
    options: ACTIVATION_OPTIONS,
    value: 'sigmoid',
  });
  const init = host.select<InitScheme>({
    key: 'init',
    label: 'Initialisation',
    options: INIT_SCHEMES.map((s) => ({ value: s, label: INIT_LABELS[s] })),
    value: 'xavier',
  });
  const depth = host.slider({ key: 'depth', label: 'Depth (layers)', min: 2, max: 40, step: 1, value: 20 });
  const svg = host.figure(
    figureSvg('Gradient norm per layer on a logarithmic axis'),
    `log₁₀ of the gradient norm per layer (width ${WIDTH}); layer 1 is next to the input`,
  );
  const showFirst = host.readout('first', '‖∂L/∂h‖ at layer 1');
  const showLast = host.readout('last', '‖∂L/∂h‖ at the last layer');
  const showRatio = host.readout('ratio', 'Ratio first / last');
  const showVerdict = host.readout('verdict', 'Verdict');

  host.onUpdate(() => {
    const L = depth.get();
    const pass = randomNetworkPass({
      depth: L,
      width: WIDTH,
      activation: activation.get(),
      init: init.get(),
      seed: SEED,
    });
    const signal = pass.inputGradientNorms;
    const weights = pass.weightGradientNorms;
    const plot = layerNormsPlot(svg, L, [...signal, ...weights].map(log10Norm), 2);
    polyline(
      plot,
      signal.map((v, l) => [l + 1, log10Norm(v)]),
      'blue',
    );
    polyline(
      plot,
      weights.map((v, l) => [l + 1, log10Norm(v)]),
      'orange dashed',
    );
    signal.forEach((v, l) => dot(plot, l + 1, log10Norm(v), 'marker blue', 2.5));
    const ratio = signal[0]! / signal[L - 1]!;
    showFirst(formatNumber(signal[0]!));
    showLast(formatNumber(signal[L - 1]!));
    showRatio(formatNumber(ratio));
    showVerdict(
      ratio < 1e-3
        ? 'vanishing: early layers barely learn'
        : ratio > 1e3
          ? 'exploding: early layers get huge updates'
          : 'healthy: the signal keeps its size',
    );
  });
  host.note(
    'Backpropagation multiplies by Wᵀ and by f′(z) once per layer. Sigmoid’s f′ ≤ 1/4 shrinks the signal geometrically; σ = 1 weights grow it by about √width per layer; He initialisation with ReLU keeps it level. Solid: gradient reaching each layer’s input; dashed: gradient of each layer’s weights.',
  );
}
