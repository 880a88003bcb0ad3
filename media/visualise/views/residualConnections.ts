// The same deep stack with and without skip connections: the gradient each layer receives, on a log axis.
import type { ActivationName } from '../../../src/visualisations/activations';
import { INIT_LABELS, INIT_SCHEMES, type InitScheme } from '../../../src/visualisations/initialisation';
import { compareStacks } from '../../../src/visualisations/residual';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { figureSvg, polyline, setUpPlot } from '../svg';

const WIDTH = 16;
const SEED = 3;
const ACTIVATION_OPTIONS: { value: ActivationName; label: string }[] = [
  { value: 'sigmoid', label: 'Sigmoid' },
  { value: 'tanh', label: 'Tanh' },
  { value: 'relu', label: 'ReLU' },
];

export function mountResidualConnections(host: ViewHost): void {
  const activation = host.select<ActivationName>({ key: 'activation', label: 'Activation in each block', options: ACTIVATION_OPTIONS, value: 'sigmoid' });
  const init = host.select<InitScheme>({ key: 'init', label: 'Initialisation', options: INIT_SCHEMES.map((s) => ({ value: s, label: INIT_LABELS[s] })), value: 'xavier' });
  const depth = host.slider({ key: 'depth', label: 'Depth (blocks)', min: 2, max: 50, step: 1, value: 30 });
  const svg = host.figure(
    figureSvg('Gradient norm reaching each layer, plain stack against residual stack, logarithmic axis'),
    `log₁₀ ‖∂L/∂h‖ per layer (width ${WIDTH}): plain h = f(Wh) in blue, residual h = h + f(Wh) in orange; layer 1 is next to the input`,
  );
  const showPlain = host.readout('plain-first', 'Plain: gradient at layer 1');
  const showResidual = host.readout('residual-first', 'Residual: gradient at layer 1');
  const showRatio = host.readout('ratio', 'Residual / plain at layer 1');

  host.onUpdate(() => {
    const L = depth.get();
    const { plain, residual } = compareStacks({ depth: L, width: WIDTH, activation: activation.get(), init: init.get(), seed: SEED });
    const log = (v: number): number => Math.log10(Math.max(v, 1e-300));
    const logs = [...plain.gradientNorms, ...residual.gradientNorms].map(log);
    const lo = Math.floor(Math.min(-1, ...logs));
    const hi = Math.ceil(Math.max(1, ...logs));
    const tickStep = Math.max(1, Math.ceil((hi - lo) / 6));
    const yTicks = Array.from({ length: Math.floor((hi - lo) / tickStep) + 1 }, (_, i) => lo + i * tickStep);
    const plot = setUpPlot(svg, { width: 440, height: 240, x: [1, L], y: [lo, hi], xTicks: [1, Math.round(L / 2), L], yTicks, xLabel: 'layer', yLabel: 'log₁₀ norm', yTickFormat: (v) => `1e${v}` });
    polyline(plot, plain.gradientNorms.map((v, l) => [l + 1, log(v)]), 'blue plain-stack');
    polyline(plot, residual.gradientNorms.map((v, l) => [l + 1, log(v)]), 'orange residual-stack');
    const [p, r] = [plain.gradientNorms[0]!, residual.gradientNorms[0]!];
    showPlain(formatNumber(p));
    showResidual(formatNumber(r));
    showRatio(p > 0 ? formatNumber(r / p) : '∞');
  });
  host.note(
    'A block with a skip connection computes h + f(Wh), so its Jacobian is I + ∂f/∂h: the gradient always has the identity path back to early layers, instead of only the product of many small factors that makes it vanish in a plain stack. This is what let ResNets train with over a hundred layers, and every transformer block adds its attention and feed-forward outputs to a residual stream the same way.',
  );
}
