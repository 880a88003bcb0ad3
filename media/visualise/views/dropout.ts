// Dropout on a 4-6-6-2 network: a fresh mask each training step, survivors scaled by 1/(1-p), nothing in eval.
import {
  dropoutForward,
  dropoutNetwork,
  keptFraction,
  stepMasks,
  trainingOutputs,
  type Mode,
} from '../../../src/visualisations/dropoutMasks';
import { formatNumber } from '../format';
import { Player, type ViewHost } from '../host';
import { dot, figureSvg, label, polyline, setUpPlot, svgElement } from '../svg';

const SIZES = [4, 6, 6, 2];
const INPUT = [1, 0.5, -0.3, 0.8];
const SEED = 7;

export function mountDropout(host: ViewHost): void {
  const network = dropoutNetwork(SIZES, SEED);
  const p = host.slider({
    key: 'p',
    label: 'Drop probability p',
    min: 0,
    max: 0.9,
    step: 0.05,
    value: 0.5,
    format: (v) => v.toFixed(2),
  });
  const mode = host.select<Mode>({
    key: 'mode',
    label: 'Mode',
    options: [
      { value: 'train', label: 'Training (model.train())' },
      { value: 'eval', label: 'Evaluation (model.eval())' },
    ],
    value: 'train',
  });
  const step = host.slider({ key: 'step', label: 'Training step', min: 0, max: 99, step: 1, value: 0 });
  host.button('next', 'Next step (new mask)', () => step.set((step.get() + 1) % 100));
  if (!host.reducedMotion) {
    const play = host.button('play', 'Play', () => player.toggle());
    const player = new Player(
      700,
      () => {
        step.set((step.get() + 1) % 100);
        return true;
      },
      (playing) => (play.textContent = playing ? 'Pause' : 'Play'),
    );
  }
  const svg = host.figure(
    figureSvg('Network with dropped units crossed out'),
    'Dropped units are hollow; numbers are each unit’s output after dropout',
  );
  const showScale = host.readout('scale', 'Survivor scale 1 / (1 − p)');
  const showKept = host.readout('kept', 'Hidden units kept this step');
  const showOutput = host.readout('output', 'Network output');
  const showEval = host.readout('eval-output', 'Output in eval mode (no dropout)');
  const meanSvg = host.figure(
    figureSvg('First output per training step, its running mean and the eval-mode output'),
    'Output 1 per step (dots), running mean (line), eval output (dashed)',
  );
  const showMean = host.readout('running-mean', 'Running mean of the training outputs');

  host.onUpdate(() => {
    const drop = p.get();
    const masks = stepMasks(SIZES.slice(1, -1), drop, SEED, step.get());
    const currentMode = mode.get();
    const layers = dropoutForward(network, INPUT, masks, drop, currentMode);
    const evalLayers = dropoutForward(network, INPUT, masks, drop, 'eval');
    svg.replaceChildren();
    const width = 420;
    const height = 260;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const position = (l: number, i: number): [number, number] => [
      50 + l * ((width - 100) / (SIZES.length - 1)),
      height / 2 + (i - (SIZES[l]! - 1) / 2) * 38,
    ];
    const dropped = (l: number, i: number): boolean =>
      currentMode === 'train' && l > 0 && l < SIZES.length - 1 && !masks[l - 1]![i];
    for (let l = 1; l < SIZES.length; l++) {
      for (let i = 0; i < SIZES[l]!; i++) {
        for (let j = 0; j < SIZES[l - 1]!; j++) {
          const [x1, y1] = position(l - 1, j);
          const [x2, y2] = position(l, i);
          svgElement(
            'line',
            { x1, y1, x2, y2, class: dropped(l - 1, j) || dropped(l, i) ? 'edge dropped' : 'edge' },
            svg,
          );
        }
      }
    }
    layers.forEach((values, l) =>
      values.forEach((v, i) => {
        const [cx, cy] = position(l, i);
        const off = dropped(l, i);
        svgElement('circle', { cx, cy, r: 15, class: off ? 'unit dropped' : 'unit' }, svg);
        label(svg, cx, cy + 3.5, off ? '×' : v.toFixed(1), 'unit-label middle');
      }),
    );
    ['input', 'hidden 1', 'hidden 2', 'output'].forEach((name, l) =>
      label(svg, position(l, 0)[0], 14, name, 'tick middle'),
    );
    showScale(currentMode === 'train' ? formatNumber(1 / (1 - drop)) : '1 (no dropout in eval)');
    showKept(
      currentMode === 'train'
        ? `${formatNumber(keptFraction(masks) * 100, 1)}% (expected ${formatNumber((1 - drop) * 100, 1)}%)`
        : 'all (100.0%)',
    );
    showOutput(
      layers
        .at(-1)!
        .map((v) => formatNumber(v))
        .join(', '),
    );
    showEval(
      evalLayers
        .at(-1)!
        .map((v) => formatNumber(v))
        .join(', '),
    );

    // The swings average out: the mean over the steps so far settles near the eval output.
    const steps = step.get() + 1;
    const { outputs, runningMean } = trainingOutputs(network, INPUT, drop, SEED, steps);
    const evalOutput = evalLayers.at(-1)![0]!;
    const firsts = outputs.map((o) => o[0]!);
    const low = Math.min(0, evalOutput, ...firsts);
    const high = Math.max(evalOutput, ...firsts, low + 1e-6);
    const plot = setUpPlot(meanSvg, {
      x: [0, Math.max(1, steps - 1)],
      y: [low, high],
      xLabel: 'training step',
      yLabel: 'output 1',
    });
    svgElement(
      'line',
      {
        x1: plot.x(0),
        x2: plot.x(Math.max(1, steps - 1)),
        y1: plot.y(evalOutput),
        y2: plot.y(evalOutput),
        class: 'guide green',
      },
      plot.layer,
    );
    firsts.forEach((value, t) => dot(plot, t, value, 'point blue', 2.5));
    polyline(
      plot,
      runningMean.map((mean, t) => [t, mean[0]!]),
      'orange',
    );
    showMean(
      `${runningMean
        .at(-1)!
        .map((v) => formatNumber(v))
        .join(', ')} over ${steps} step${steps === 1 ? '' : 's'}`,
    );
  });
  host.note(
    'Each training step samples a new mask. Scaling survivors by 1/(1 − p) keeps every unit’s expected output equal to its eval-mode output, so nothing changes when you call model.eval().',
  );
}
