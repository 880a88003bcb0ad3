// One LSTM step at a time on a toy sequence: gate values, the cell update and the hidden state.
import { runLstm, TOY_SEQUENCE, toyParams } from '../../../src/visualisations/lstmStep';
import { formatNumber } from '../format';
import { element, type ViewHost } from '../host';
import { dot, figureSvg, label, polyline, setUpPlot, svgElement } from '../svg';

export function mountLstmGates(host: ViewHost): void {
  const t = host.slider({ key: 't', label: 'Time step t', min: 1, max: TOY_SEQUENCE.length, step: 1, value: 1 });
  host.button('step', 'Next step', () => t.set((t.get() % TOY_SEQUENCE.length) + 1));
  const forgetBias = host.slider({
    key: 'forget-bias',
    label: 'Forget-gate bias b_f',
    min: -4,
    max: 4,
    step: 0.5,
    value: 1,
    format: (v) => v.toFixed(1),
  });
  const inputBias = host.slider({
    key: 'input-bias',
    label: 'Input-gate bias b_i',
    min: -4,
    max: 4,
    step: 0.5,
    value: 1,
    format: (v) => v.toFixed(1),
  });
  const outputBias = host.slider({
    key: 'output-bias',
    label: 'Output-gate bias b_o',
    min: -4,
    max: 4,
    step: 0.5,
    value: 1,
    format: (v) => v.toFixed(1),
  });
  const gatesSvg = host.figure(
    figureSvg('Gate values at the current step'),
    'Gates at step t: f, i, o in (0, 1); candidate g in (−1, 1)',
  );
  const timeSvg = host.figure(
    figureSvg('Cell and hidden state over the sequence'),
    'Input x (bars), cell c (solid) and hidden h (dashed) over time',
  );
  const equation = host.panel('formula');
  const showGates = host.readout('gates', 'f, i, o, g');
  const showCell = host.readout('cell', 'c_t = f·c_(t−1) + i·g');
  const showHidden = host.readout('hidden', 'h_t = o·tanh(c_t)');

  host.onUpdate(() => {
    const steps = runLstm(toyParams(forgetBias.get(), inputBias.get(), outputBias.get()), TOY_SEQUENCE);
    const now = t.get() - 1;
    const step = steps[now]!;
    const previousCell = now === 0 ? 0 : steps[now - 1]!.cell;
    const gates: [string, number, string][] = [
      ['f', step.forget, 'blue'],
      ['i', step.input, 'green'],
      ['o', step.output, 'purple'],
      ['g', step.candidate, 'orange'],
    ];
    const plot = setUpPlot(gatesSvg, { width: 300, height: 200, x: [0, 4], y: [-1, 1], yTicks: [-1, -0.5, 0, 0.5, 1] });
    gates.forEach(([name, value, colour], k) => {
      const top = plot.y(Math.max(0, value));
      svgElement(
        'rect',
        {
          x: plot.x(k + 0.2),
          y: top,
          width: plot.x(k + 0.8) - plot.x(k + 0.2),
          height: Math.abs(plot.y(value) - plot.y(0)),
          class: `bar ${colour}`,
        },
        plot.layer,
      );
      label(plot.layer, plot.x(k + 0.5), plot.y(-1) + 13, name, 'tick middle');
      label(
        plot.layer,
        plot.x(k + 0.5),
        value >= 0 ? top - 3 : plot.y(value) + 11,
        value.toFixed(2),
        'value-label middle',
      );
    });
    const n = TOY_SEQUENCE.length;
    const time = setUpPlot(timeSvg, {
      width: 360,
      height: 200,
      x: [0.5, n + 0.5],
      y: [-1.5, 1.5],
      xTicks: steps.map((_, i) => i + 1),
      yTicks: [-1, 0, 1],
      xLabel: 't',
    });
    TOY_SEQUENCE.forEach((x, i) =>
      svgElement(
        'rect',
        {
          x: time.x(i + 0.8),
          y: time.y(Math.max(0, x)),
          width: time.x(i + 1.2) - time.x(i + 0.8),
          height: Math.abs(time.y(x) - time.y(0)),
          class: 'bar faint',
        },
        time.layer,
      ),
    );
    polyline(
      time,
      steps.map((s, i) => [i + 1, s.cell]),
      'blue',
    );
    polyline(
      time,
      steps.map((s, i) => [i + 1, s.hidden]),
      'orange dashed',
    );
    dot(time, now + 1, step.cell, 'marker blue', 4.5);
    equation.replaceChildren();
    element('code', 'formula', equation).textContent =
      `x_${now + 1} = ${step.x}:  c = ${step.forget.toFixed(3)}·${previousCell.toFixed(3)} + ${step.input.toFixed(3)}·${step.candidate.toFixed(3)} = ${step.cell.toFixed(3)}`;
    showGates(gates.map(([name, value]) => `${name} ${formatNumber(value)}`).join(', '));
    showCell(formatNumber(step.cell));
    showHidden(formatNumber(step.hidden));
  });
  host.note(
    'The forget gate decides how much of the old cell survives each step; raise its bias and the spike at t = 1 is remembered for the whole sequence, lower it and it is gone after a step or two. The input gate decides how much of the new candidate is written; the output gate how much of the cell is shown as h.',
  );
}
