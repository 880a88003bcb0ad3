// Training and validation loss of an over-fitting model, and where early stopping with patience stops.
import { earlyStop, lossCurves } from '../../../src/visualisations/earlyStopping';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { dot, figureSvg, label, polyline, setUpPlot, svgElement } from '../svg';

const EPOCHS = 60;
const SEED = 5;

export function mountEarlyStopping(host: ViewHost): void {
  const patience = host.slider({ key: 'patience', label: 'Patience (epochs)', min: 1, max: 20, step: 1, value: 5 });
  const overfitting = host.slider({
    key: 'overfitting',
    label: 'Over-fitting rate (model capacity)',
    min: 0,
    max: 0.05,
    step: 0.005,
    value: 0.02,
    format: (v) => v.toFixed(3),
  });
  const noise = host.slider({
    key: 'noise',
    label: 'Validation noise',
    min: 0,
    max: 0.4,
    step: 0.02,
    value: 0.1,
    format: (v) => v.toFixed(2),
  });
  const svg = host.figure(
    figureSvg('Training and validation loss per epoch'),
    'Training loss (dashed) keeps falling; validation loss (solid) turns up',
  );
  const showBest = host.readout('best-epoch', 'Best epoch (weights restored)');
  const showStopped = host.readout('stopped-epoch', 'Training stopped after epoch');
  const showLoss = host.readout('best-loss', 'Validation loss at the best epoch');

  host.onUpdate(() => {
    const curves = lossCurves({ epochs: EPOCHS, overfitting: overfitting.get(), noise: noise.get(), seed: SEED });
    const decision = earlyStop(curves.validation, patience.get());
    const top = Math.ceil(Math.max(...curves.validation, ...curves.train) * 2) / 2;
    const plot = setUpPlot(svg, {
      width: 480,
      height: 240,
      x: [0, EPOCHS - 1],
      y: [0, top],
      xTicks: [0, 10, 20, 30, 40, 50, 59],
      yTicks: [0, top / 2, top],
      xLabel: 'epoch',
      yLabel: 'loss',
    });
    svgElement(
      'rect',
      {
        x: plot.x(decision.stoppedEpoch),
        y: plot.margin.top,
        width: plot.x(EPOCHS - 1) - plot.x(decision.stoppedEpoch),
        height: plot.y(0) - plot.margin.top,
        class: 'saturated',
      },
      plot.layer,
    );
    polyline(
      plot,
      curves.train.map((v, t) => [t, v]),
      'blue dashed',
    );
    polyline(
      plot,
      curves.validation.map((v, t) => [t, v]),
      'orange',
    );
    svgElement(
      'line',
      {
        x1: plot.x(decision.bestEpoch),
        x2: plot.x(decision.bestEpoch),
        y1: plot.margin.top,
        y2: plot.y(0),
        class: 'guide green',
      },
      plot.layer,
    );
    dot(plot, decision.bestEpoch, curves.validation[decision.bestEpoch]!, 'marker green', 4.5);
    label(plot.layer, plot.x(decision.bestEpoch) + 4, plot.margin.top + 12, 'best', 'legend');
    if (decision.stoppedEarly)
      label(plot.layer, plot.x(decision.stoppedEpoch) + 4, plot.margin.top + 26, 'stopped', 'legend');
    showBest(String(decision.bestEpoch));
    showStopped(
      decision.stoppedEarly ? String(decision.stoppedEpoch) : `${decision.stoppedEpoch} (patience never ran out)`,
    );
    showLoss(formatNumber(curves.validation[decision.bestEpoch]!));
  });
  host.note(
    'Early stopping watches the validation loss and stops after `patience` epochs without improvement, then restores the best weights (restore_best_weights=True in Keras). Short patience is fooled by noise; long patience wastes epochs.',
  );
}
