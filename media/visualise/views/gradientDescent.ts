// Gradient descent, momentum and Adam side by side on the same surface with the same learning rate.
import {
  criticalLearningRate,
  DEFAULT_SETTINGS,
  DIVERGENCE_LOSS,
  OPTIMISERS,
  OPTIMISER_LABELS,
  optimise,
  SURFACES,
  SURFACE_IDS,
  type SurfaceId,
  type Trajectory,
} from '../../../src/visualisations/descent';
import { formatNumber } from '../format';
import { Player, type ViewHost } from '../host';
import { dot, figureSvg, label, linearScale, polyline, setUpPlot, svgElement } from '../svg';

const GRID = 24;
const MAX_STEPS = 100;
/** Curvatures a, b of the quadratic surfaces, for the divergence threshold lr > 1/max(a, b). */
const CURVATURES: Partial<Record<SurfaceId, number[]>> = { ravine: [0.5, 5], bowl: [1, 1] };
const COLOURS = { sgd: 'blue', momentum: 'purple', adam: 'green' } as const;

export function mountGradientDescent(host: ViewHost): void {
  const surfaceId = host.select<SurfaceId>({
    key: 'surface',
    label: 'Loss surface',
    options: SURFACE_IDS.map((id) => ({ value: id, label: SURFACES[id].label })),
    value: 'ravine',
  });
  const lr = host.slider({
    key: 'lr',
    label: 'Learning rate',
    min: 0.01,
    max: 1,
    step: 0.01,
    value: 0.1,
    format: (v) => v.toFixed(2),
  });
  const beta = host.slider({
    key: 'beta',
    label: 'Momentum β (Adam β1)',
    min: 0,
    max: 0.99,
    step: 0.01,
    value: 0.9,
    format: (v) => v.toFixed(2),
  });
  const steps = host.slider({ key: 'steps', label: 'Steps', min: 0, max: MAX_STEPS, step: 1, value: 30 });
  host.button('step', 'Step +1', () => steps.set(Math.min(MAX_STEPS, steps.get() + 1)));
  if (!host.reducedMotion) {
    const play = host.button('play', 'Play', () => {
      if (!player.playing && steps.get() >= MAX_STEPS) steps.set(0);
      player.toggle();
    });
    const player = new Player(
      80,
      () => {
        steps.set(Math.min(MAX_STEPS, steps.get() + 1));
        return steps.get() < MAX_STEPS;
      },
      (playing) => (play.textContent = playing ? 'Pause' : 'Play'),
    );
  }
  const panels = OPTIMISERS.map((id) => ({
    id,
    svg: host.figure(figureSvg(`${OPTIMISER_LABELS[id]} path on the loss surface`, 'small'), OPTIMISER_LABELS[id]),
  }));
  const lossSvg = host.figure(
    figureSvg('Loss per step for each optimiser, on a log scale; a cross marks where a run diverged'),
    'Loss per step (log scale); ✕ marks divergence',
  );
  const readouts = OPTIMISERS.map((id) =>
    host.readout(`loss-${id}`, `${OPTIMISER_LABELS[id]}: loss after the last step`),
  );
  const showCritical = host.readout('critical-lr', 'Plain GD diverges when lr >');

  host.onUpdate(() => {
    const surface = SURFACES[surfaceId.get()];
    const settings = { ...DEFAULT_SETTINGS, learningRate: lr.get(), beta1: beta.get() };
    const { x: xs, y: ys } = surface.extent;
    const lossAt = (i: number, j: number): number =>
      surface.loss([xs[0] + ((i + 0.5) * (xs[1] - xs[0])) / GRID, ys[0] + ((j + 0.5) * (ys[1] - ys[0])) / GRID]);
    const maxLog = Math.log1p(
      Math.max(lossAt(0, 0), lossAt(GRID - 1, GRID - 1), lossAt(0, GRID - 1), lossAt(GRID - 1, 0)),
    );
    const runs = OPTIMISERS.map((id) => optimise(surface, surface.start, id, settings, steps.get()));
    drawLossCurves(lossSvg, runs, Math.max(1, steps.get()));
    panels.forEach(({ id, svg }, k) => {
      const plot = setUpPlot(svg, {
        width: 250,
        height: 220,
        x: xs,
        y: ys,
        xTicks: [xs[0], 0, xs[1]],
        yTicks: [ys[0], 0, ys[1]],
      });
      const clipId = `clip-${id}`;
      const clipPath = svgElement('clipPath', { id: clipId }, svgElement('defs', {}, plot.layer));
      svgElement(
        'rect',
        {
          x: plot.x(xs[0]),
          y: plot.y(ys[1]),
          width: plot.x(xs[1]) - plot.x(xs[0]),
          height: plot.y(ys[0]) - plot.y(ys[1]),
        },
        clipPath,
      );
      const cellX = linearScale([0, GRID], [plot.x(xs[0]), plot.x(xs[1])]);
      const cellY = linearScale([0, GRID], [plot.y(ys[0]), plot.y(ys[1])]);
      for (let i = 0; i < GRID; i++) {
        for (let j = 0; j < GRID; j++) {
          // log(1 + loss) so the valley floor is visible next to the steep walls.
          const shade = Math.min(1, Math.log1p(lossAt(i, j)) / maxLog);
          svgElement(
            'rect',
            {
              x: cellX(i),
              y: cellY(j + 1),
              width: cellX(i + 1) - cellX(i) + 0.5,
              height: cellY(j) - cellY(j + 1) + 0.5,
              class: 'heat',
              'fill-opacity': (0.04 + 0.3 * shade).toFixed(3),
            },
            plot.layer,
          );
        }
      }
      const run = runs[k]!;
      const path = svgElement('g', { 'clip-path': `url(#${clipId})` }, plot.layer);
      const line = polyline(plot, run.points, `${COLOURS[id]} path`);
      path.appendChild(line);
      path.appendChild(dot(plot, surface.minimum[0], surface.minimum[1], 'minimum', 4));
      path.appendChild(dot(plot, run.points.at(-1)![0], run.points.at(-1)![1], `marker ${COLOURS[id]}`));
      const last = run.losses.at(-1)!;
      const diverged = run.divergedAt !== undefined;
      if (diverged)
        label(plot.layer, plot.x(xs[1]), plot.height - 2, `diverged at step ${run.divergedAt}`, 'warning end');
      readouts[k]!(diverged ? `diverged at step ${run.divergedAt} (loss ${formatNumber(last)})` : formatNumber(last));
    });
    const curvatures = CURVATURES[surface.id];
    showCritical(
      curvatures
        ? `${formatNumber(criticalLearningRate(curvatures), 2)} (= 1 / largest curvature)`
        : 'no closed form on this surface',
    );
  });
  host.note(
    'On a·x² plain gradient descent multiplies x by (1 − 2·a·lr) each step, so it diverges once lr > 1/a. Momentum builds speed along the valley; Adam rescales each coordinate so its first steps have length ≈ lr.',
  );
}

/** log10(1 + loss) per step for every optimiser; a diverged run ends in a cross at the step it blew up. */
function drawLossCurves(svg: SVGSVGElement, runs: readonly Trajectory[], steps: number): void {
  const scaled = (loss: number): number => Math.log10(1 + Math.min(loss, DIVERGENCE_LOSS));
  const top = Math.max(1, ...runs.flatMap((run) => run.losses.map(scaled)));
  const plot = setUpPlot(svg, {
    width: 360,
    height: 200,
    x: [0, steps],
    y: [0, top],
    xLabel: 'step',
    yLabel: 'log10(1 + loss)',
  });
  runs.forEach((run, k) => {
    const colour = COLOURS[OPTIMISERS[k]!];
    polyline(
      plot,
      run.losses.map((loss, t) => [t, scaled(loss)]),
      `${colour} loss-curve`,
    );
    if (run.divergedAt === undefined) return;
    const x = plot.x(run.divergedAt);
    const y = plot.y(scaled(run.losses.at(-1)!));
    svgElement(
      'path',
      {
        d: `M${x - 5},${y - 5}L${x + 5},${y + 5}M${x - 5},${y + 5}L${x + 5},${y - 5}`,
        class: `diverged-marker ${colour}`,
      },
      plot.layer,
    );
    label(plot.layer, x - 7, y + 4 + 12 * k, `${OPTIMISER_LABELS[OPTIMISERS[k]!]} diverged`, 'warning end');
  });
}
