// The same deep stack with and without skip connections: the gradient each layer receives, on a log axis.
import type { ActivationName } from '../../../src/visualisations/activations';
import { INIT_LABELS, INIT_SCHEMES, type InitScheme } from '../../../src/visualisations/initialisation';
import { compareStacks } from '../../../src/visualisations/residual';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { figureSvg, polyline } from '../svg';
import { layerNormsPlot, log10Norm } from './layerNormsPlot';

const WIDTH = 16;
const SEED = 3;
const ACTIVATION_OPTIONS: { value: ActivationName; label: string }[] = [
  { value: 'sigmoid', label: 'Sigmoid' },
  { value: 'tanh', label: 'Tanh' },
  { value: 'relu', label: 'ReLU' },
];

export function mountResidualConnections(host: ViewHost): void {
  const activation = host.select<ActivationName>({
    key: 'activation',
    label: 'Activation in each block',
    options: ACTIVATION_OPTIONS,
    value: 'sigmoid',
  });
  const init = host.select<InitScheme>({
    key: 'init',
    label: 'Initialisation',
    options: INIT_SCHEMES.map((s) => ({ value: s, label: INIT_LABELS[s] })),
    value: 'xavier',
  });
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
    const { plain, residual } = compareStacks({
      depth: L,
      width: WIDTH,
      activation: activation.get(),
      init: init.get(),
      seed: SEED,
    });
    const plot = layerNormsPlot(svg, L, [...plain.gradientNorms, ...residual.gradientNorms].map(log10Norm), 1);
    polyline(
      plot,
      plain.gradientNorms.map((v, l) => [l + 1, log10Norm(v)]),
      'blue plain-stack',
    );
    polyline(
      plot,
      residual.gradientNorms.map((v, l) => [l + 1, log10Norm(v)]),
      'orange residual-stack',
    );
    const [p, r] = [plain.gradientNorms[0]!, residual.gradientNorms[0]!];
    showPlain(formatNumber(p));
    showResidual(formatNumber(r));
    showRatio(p > 0 ? formatNumber(r / p) : '∞');
  });
  host.note(
    'A block with a skip connection computes h + f(Wh), so its Jacobian is I + ∂f/∂h: the gradient always has the identity path back to early layers, instead of only the product of many small factors that makes it vanish in a plain stack. This is what let ResNets train with over a hundred layers, and every transformer block adds its attention and feed-forward outputs to a residual stream the same way.',
  );
}
