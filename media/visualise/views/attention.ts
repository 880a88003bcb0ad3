// Scaled dot-product attention on a toy sentence: the query-key scores, the softmax weights of each query,
// the causal mask and a temperature, with the chosen query's weights as bars and its output vector.
import {
  attend,
  attentionScores,
  attentionWeights,
  isMasked,
  TOY_SENTENCE,
} from '../../../src/visualisations/attention';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { figureSvg, label, setUpPlot, svgElement } from '../svg';
import { drawGrid, gridFigure } from './grid';

const { tokens, queries, keys, values } = TOY_SENTENCE;

export function mountAttention(host: ViewHost): void {
  const query = host.select({
    key: 'query',
    label: 'Query token',
    options: tokens.map((t, i) => ({ value: String(i), label: t })),
    value: String(tokens.length - 1),
  });
  const causal = host.select({
    key: 'causal',
    label: 'Causal mask (decoder)',
    options: [
      { value: 'off', label: 'Off: every key visible' },
      { value: 'on', label: 'On: only earlier keys' },
    ],
    value: 'off',
  });
  const scaled = host.select({
    key: 'scaled',
    label: 'Scale scores',
    options: [
      { value: 'on', label: 'Divide by √d_k (= 2)' },
      { value: 'off', label: 'Unscaled q·k' },
    ],
    value: 'on',
  });
  const temperature = host.slider({
    key: 'temperature',
    label: 'Softmax temperature T',
    min: 0.1,
    max: 5,
    step: 0.1,
    value: 1,
    format: (v) => v.toFixed(1),
  });

  const order = `rows: queries, columns: keys, both ${tokens.join(' · ')}`;
  const scoreSvg = host.figure(
    gridFigure('Query-key scores; masked pairs show minus infinity'),
    `Scores q·k/√d_k (${order})`,
  );
  const weightSvg = host.figure(
    gridFigure('Attention weights, one softmax per row'),
    'Weights: softmax of each row (rows sum to 1)',
  );
  const barSvg = host.figure(figureSvg('Weights of the chosen query over the keys'), 'The chosen query’s weights');
  const showWeights = host.readout('weights', 'Chosen query’s weights');
  const showSum = host.readout('row-sum', 'Row sum');
  const showOutput = host.readout('output', 'Output o = Σ α·v');
  const showTop = host.readout('top-key', 'Attends most to');

  host.onUpdate(() => {
    const settings = { causal: causal.get() === 'on', scaled: scaled.get() === 'on', temperature: temperature.get() };
    const q = Number(query.get());
    const scores = attentionScores(queries, keys, settings.scaled);
    const weights = attentionWeights(scores, settings);
    const output = attend(weights, values)[q]!;
    const masked = (i: number, j: number): boolean => isMasked(settings, i, j);
    // A masked pair has no score to shade: it is −∞, and its weight 0.
    drawGrid(
      scoreSvg,
      scores.map((row, i) => row.map((score, j) => (masked(i, j) ? 0 : score))),
      {
        cell: 34,
        showValues: true,
        digits: 2,
        highlight: (i) => i === q,
        valueText: (i, j) => (masked(i, j) ? '−∞' : undefined),
        frameClass: (i, j) => (masked(i, j) ? 'masked-cell' : undefined),
      },
    );
    drawGrid(weightSvg, weights, {
      cell: 34,
      showValues: true,
      digits: 2,
      maxMagnitude: 1,
      highlight: (i) => i === q,
      frameClass: (i, j) => (masked(i, j) ? 'masked-cell' : undefined),
    });

    const row = weights[q]!;
    const plot = setUpPlot(barSvg, { x: [0, tokens.length], y: [0, 1], yTicks: [0, 0.5, 1] });
    const band = plot.x(1) - plot.x(0);
    const top = row.indexOf(Math.max(...row));
    row.forEach((w, j) => {
      svgElement(
        'rect',
        {
          x: plot.x(j) + band * 0.15,
          y: plot.y(w),
          width: band * 0.7,
          height: plot.y(0) - plot.y(w),
          class: `bar ${j === top ? 'orange' : 'blue'}`,
        },
        plot.layer,
      );
      label(plot.layer, plot.x(j + 0.5), plot.y(0) + 13, tokens[j]!, 'tick middle');
      label(plot.layer, plot.x(j + 0.5), plot.y(w) - 3, masked(q, j) ? 'masked' : w.toFixed(2), 'value-label middle');
    });
    showWeights(row.map((w, j) => `${tokens[j]} ${formatNumber(w, 3)}`).join(', '));
    showSum(
      formatNumber(
        row.reduce((a, b) => a + b, 0),
        3,
      ),
    );
    showOutput(`(${output.map((v) => formatNumber(v, 3)).join(', ')})`);
    showTop(`${tokens[top]} (${formatNumber(row[top]!, 3)})`);
  });
  host.note(
    'Each query scores every key with a dot product, the softmax of its row turns the scores into weights that sum to 1, and the output is the weighted average of the values. Dividing by √d_k keeps the scores from saturating the softmax, as a temperature above 1 would. The causal mask sets later keys to −∞ before the softmax, so their weight is exactly 0.',
  );
}
