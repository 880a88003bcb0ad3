// Softmax with temperature and the cross-entropy of one chosen label.
import { crossEntropy, entropy, softmax } from '../../../src/visualisations/softmax';
import { formatNumber } from '../format';
import type { ViewHost } from '../host';
import { figureSvg, label, setUpPlot, svgElement } from '../svg';

const CLASSES = ['cat', 'dog', 'fox', 'owl'] as const;
const DEFAULT_LOGITS = [2, 1, 0.1, -1];

export function mountSoftmaxTemperature(host: ViewHost): void {
  const temperature = host.slider({
    key: 'temperature',
    label: 'Temperature T',
    min: 0.1,
    max: 5,
    step: 0.1,
    value: 1,
    format: (v) => v.toFixed(1),
  });
  const chosen = host.select({
    key: 'label',
    label: 'True label',
    options: CLASSES.map((c, i) => ({ value: String(i), label: c })),
    value: '0',
  });
  const logitGroup = host.group('Logits z');
  const logits = CLASSES.map((c, i) => {
    const field = document.createElement('label');
    field.className = 'inline';
    field.textContent = `${c} `;
    logitGroup.appendChild(field);
    return host.numberInput(`logit-${i}`, `Logit for ${c}`, DEFAULT_LOGITS[i]!, field);
  });
  const svg = host.figure(
    figureSvg('Softmax probabilities per class'),
    'p = softmax(z / T); the true label is highlighted',
  );
  const showProbabilities = host.readout('probabilities', 'Probabilities');
  const showLoss = host.readout('cross-entropy', 'Cross-entropy −log p(label)');
  const showEntropy = host.readout('entropy', 'Entropy (nats)');

  host.onUpdate(() => {
    const z = logits.map((l) => l.get());
    const T = temperature.get();
    const target = Number(chosen.get());
    const p = softmax(z, T);
    const plot = setUpPlot(svg, { x: [0, CLASSES.length], y: [0, 1], yTicks: [0, 0.25, 0.5, 0.75, 1] });
    const band = plot.x(1) - plot.x(0);
    p.forEach((pi, i) => {
      svgElement(
        'rect',
        {
          x: plot.x(i) + band * 0.15,
          y: plot.y(pi),
          width: band * 0.7,
          height: plot.y(0) - plot.y(pi),
          class: `bar ${i === target ? 'orange' : 'blue'}`,
        },
        plot.layer,
      );
      label(plot.layer, plot.x(i + 0.5), plot.y(0) + 13, CLASSES[i]!, 'tick middle');
      label(plot.layer, plot.x(i + 0.5), plot.y(pi) - 3, pi.toFixed(3), 'value-label middle');
    });
    showProbabilities(p.map((pi, i) => `${CLASSES[i]} ${formatNumber(pi)}`).join(', '));
    showLoss(formatNumber(crossEntropy(z, target, T)));
    showEntropy(`${formatNumber(entropy(p))} (uniform: ${formatNumber(Math.log(CLASSES.length))})`);
  });
  host.note(
    'Low temperature sharpens towards the arg-max (one-hot as T → 0); high temperature flattens towards uniform. Cross-entropy only looks at the probability of the true label.',
  );
}
