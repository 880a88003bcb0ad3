// Every visualisation in real Chromium: it renders under the strict CSP, a screenshot is saved, and a
// keyboard change to a control updates the numbers to exactly what the unit-tested maths gives.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../media/visualise/format';
import { activate, derivative } from '../../src/visualisations/activations';
import { attentionScores, attentionWeights, TOY_SENTENCE } from '../../src/visualisations/attention';
import { compareStacks } from '../../src/visualisations/residual';
import { outputSize, convolve2d, sampleImage } from '../../src/visualisations/convolution';
import { DEFAULT_SETTINGS, optimise, SURFACES } from '../../src/visualisations/descent';
import { dropoutForward, dropoutNetwork, stepMasks, trainingOutputs } from '../../src/visualisations/dropoutMasks';
import { earlyStop, lossCurves } from '../../src/visualisations/earlyStopping';
import { randomNetworkPass } from '../../src/visualisations/gradientFlow';
import { layerActivationStats } from '../../src/visualisations/initHistograms';
import { runLstm, TOY_SEQUENCE, toyParams } from '../../src/visualisations/lstmStep';
import { exampleTensor, normalise } from '../../src/visualisations/normalisation';
import { crossEntropy, softmax } from '../../src/visualisations/softmax';
import { VISUALISATIONS } from '../../src/webviews/visualise/visualisationRegistry';
import { browserSuite } from './browserSuite';
import { VSCODE_API_DOUBLE } from './webviewPage';

const SCREENSHOTS = 'test-output/visualisations';
const suite = browserSuite('visualisations', SCREENSHOTS);

interface OpenOptions {
  conceptId?: string;
  reducedMotion?: boolean;
}

async function open(id: string, options: OpenOptions = {}): Promise<Page> {
  const page = await suite.newPage(id, {
    viewport: { width: 1100, height: 760 },
    reducedMotion: options.reducedMotion === false ? 'no-preference' : 'reduce',
  });
  await page.addInitScript(VSCODE_API_DOUBLE);
  const query = new URLSearchParams({
    id,
    ...(options.conceptId ? { concept: options.conceptId, title: options.conceptId } : {}),
  });
  await page.goto(`${suite.origin()}/?${query}`);
  await page.waitForSelector('main[data-ready="true"]', { timeout: 5000 });
  return page;
}

async function readout(page: Page, key: string): Promise<string> {
  return (await page.textContent(`[data-readout="${key}"]`)) ?? '';
}

/** Focuses a control and presses a key, as a keyboard user would. */
async function press(page: Page, control: string, key: string, times = 1): Promise<void> {
  await page.focus(`[data-control="${control}"]`);
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** Replaces a number box's text by typing. */
async function type(page: Page, control: string, text: string): Promise<void> {
  await page.focus(`[data-control="${control}"]`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function screenshot(page: Page, id: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${id}.png`, fullPage: true });
}

describe.skipIf(!suite.available)('visualisations in Chromium', () => {
  it('activation functions: moving the probe and switching the function update f and f′', async () => {
    const page = await open('activation-functions');
    await screenshot(page, 'activation-functions');
    expect(await readout(page, 'value')).toBe(formatNumber(activate('sigmoid', 1)));
    await press(page, 'x', 'ArrowRight', 5);
    expect(await readout(page, 'value')).toBe(formatNumber(activate('sigmoid', 1.5)));
    expect(await readout(page, 'derivative')).toBe(formatNumber(derivative('sigmoid', 1.5)));
    await press(page, 'activation', 'ArrowDown'); // sigmoid → tanh
    expect(await page.inputValue('[data-control="activation"]')).toBe('tanh');
    expect(await readout(page, 'derivative')).toBe(formatNumber(derivative('tanh', 1.5)));
    await press(page, 'x', 'End');
    expect(await readout(page, 'saturated')).toMatch(/^yes/);
    await page.close();
  });

  it('gradient descent: raising the learning rate past 1/b makes plain GD diverge', async () => {
    const page = await open('gradient-descent');
    await screenshot(page, 'gradient-descent');
    const run = (optimiser: 'sgd' | 'momentum' | 'adam', lr: number, steps: number) =>
      optimise(
        SURFACES.ravine,
        SURFACES.ravine.start,
        optimiser,
        { ...DEFAULT_SETTINGS, learningRate: lr, beta1: 0.9 },
        steps,
      );
    expect(await readout(page, 'loss-sgd')).toBe(formatNumber(run('sgd', 0.1, 30).losses.at(-1)!));
    expect(await readout(page, 'critical-lr')).toMatch(/^0\.20/);
    // The loss curve: one line per optimiser, no divergence marker while all converge.
    expect(await page.$$eval('polyline.loss-curve', (lines) => lines.length)).toBe(3);
    expect(await page.$$eval('path.diverged-marker', (marks) => marks.length)).toBe(0);
    await press(page, 'lr', 'ArrowRight', 11); // 0.10 → 0.21
    await press(page, 'steps', 'End'); // 100 steps
    const sgd = run('sgd', 0.21, 100);
    expect(sgd.divergedAt).toBeDefined();
    expect(await readout(page, 'loss-sgd')).toBe(
      `diverged at step ${sgd.divergedAt} (loss ${formatNumber(sgd.losses.at(-1)!)})`,
    );
    expect(await readout(page, 'loss-adam')).toBe(formatNumber(run('adam', 0.21, 100).losses.at(-1)!));
    expect(await readout(page, 'loss-momentum')).toMatch(/diverged|\d/);
    const diverged = [sgd, run('momentum', 0.21, 100), run('adam', 0.21, 100)].filter(
      (r) => r.divergedAt !== undefined,
    ).length;
    expect(await page.$$eval('path.diverged-marker', (marks) => marks.length)).toBe(diverged);
    // The plain-GD curve stops at the step it diverged.
    expect(await page.$eval('polyline.loss-curve.blue', (line) => line.getAttribute('points')!.split(' ').length)).toBe(
      sgd.divergedAt! + 1,
    );
    await screenshot(page, 'gradient-descent-diverged');
    await page.close();
  });

  it('dropout: a new step draws a new mask; eval mode ignores it', async () => {
    const page = await open('dropout');
    await screenshot(page, 'dropout');
    const network = dropoutNetwork([4, 6, 6, 2], 7);
    const output = (p: number, step: number, mode: 'train' | 'eval') =>
      dropoutForward(network, [1, 0.5, -0.3, 0.8], stepMasks([6, 6], p, 7, step), p, mode)
        .at(-1)!
        .map((v) => formatNumber(v))
        .join(', ');
    expect(await readout(page, 'output')).toBe(output(0.5, 0, 'train'));
    await press(page, 'next', 'Enter');
    expect(await page.inputValue('[data-control="step"]')).toBe('1');
    expect(await readout(page, 'output')).toBe(output(0.5, 1, 'train'));
    await press(page, 'p', 'ArrowLeft', 2); // 0.5 → 0.4
    expect(await readout(page, 'scale')).toBe(formatNumber(1 / 0.6));
    expect(await readout(page, 'output')).toBe(output(0.4, 1, 'train'));
    await press(page, 'mode', 'ArrowDown');
    expect(await readout(page, 'output')).toBe(output(0.4, 1, 'eval'));
    expect(await readout(page, 'eval-output')).toBe(output(0.4, 1, 'eval'));
    // The running mean over the steps so far, drawn with the per-step outputs.
    await press(page, 'step', 'End'); // step 99: 100 steps
    const { runningMean } = trainingOutputs(network, [1, 0.5, -0.3, 0.8], 0.4, 7, 100);
    expect(await readout(page, 'running-mean')).toBe(
      `${runningMean
        .at(-1)!
        .map((v) => formatNumber(v))
        .join(', ')} over 100 steps`,
    );
    expect(await page.$$eval('circle.point', (points) => points.length)).toBe(100);
    await screenshot(page, 'dropout-running-mean');
    await page.close();
  });

  it('convolution: padding, stride and a typed kernel weight update the output-size formula and responses', async () => {
    const page = await open('convolution');
    await screenshot(page, 'convolution');
    expect(await readout(page, 'formula')).toBe('6×6');
    await press(page, 'padding', 'ArrowRight');
    expect(await readout(page, 'formula')).toBe(`${outputSize(8, 3, 1, 1)}×${outputSize(8, 3, 1, 1)}`);
    await press(page, 'stride', 'ArrowRight');
    expect(await readout(page, 'formula')).toBe('4×4');
    expect(await page.textContent('.formula code')).toBe('⌊(W − K + 2P) / S⌋ + 1 = ⌊(8 − 3 + 2·1) / 2⌋ + 1 = 4');
    await press(page, 'pooling', 'ArrowDown'); // none → max
    expect(await readout(page, 'pooled-size')).toBe('2×2 (max)');
    await type(page, 'k-1-1', '5');
    expect(await page.inputValue('[data-control="preset"]')).toBe('custom');
    const kernel = [
      [-1, 0, 1],
      [-2, 5, 2],
      [-1, 0, 1],
    ];
    const expected = Math.max(...convolve2d(sampleImage(8), kernel, 2, 1).flat().map(Math.abs));
    expect(await readout(page, 'max-response')).toBe(expected.toFixed(3));
    await screenshot(page, 'convolution-custom');
    await page.close();
  });

  it('residual connections: the plain and the residual stack, and the gradient each keeps at layer 1', async () => {
    const page = await open('residual-connections', { conceptId: 'resnet-skip-connections' });
    const first = (depth: number, activation: 'sigmoid' | 'tanh' | 'relu') => {
      const { plain, residual } = compareStacks({ depth, width: 16, activation, init: 'xavier', seed: 3 });
      return [formatNumber(plain.gradientNorms[0]!), formatNumber(residual.gradientNorms[0]!)];
    };
    expect([await readout(page, 'plain-first'), await readout(page, 'residual-first')]).toEqual(first(30, 'sigmoid'));
    expect(await page.$$eval('polyline.plain-stack, polyline.residual-stack', (lines) => lines.length)).toBe(2);
    await press(page, 'depth', 'ArrowLeft', 10); // 30 → 20
    await press(page, 'activation', 'ArrowDown'); // sigmoid → tanh
    expect([await readout(page, 'plain-first'), await readout(page, 'residual-first')]).toEqual(first(20, 'tanh'));
    await screenshot(page, 'residual-connections');
    await page.close();
  });

  it('attention: scores, per-query softmax weights, the causal mask and the temperature', async () => {
    const page = await open('attention', { conceptId: 'attention' });
    const weightsOf = (query: number, causal: boolean, temperature: number): string => {
      const row = attentionWeights(attentionScores(TOY_SENTENCE.queries, TOY_SENTENCE.keys, true), {
        causal,
        temperature,
      })[query]!;
      return row.map((w, j) => `${TOY_SENTENCE.tokens[j]} ${formatNumber(w, 3)}`).join(', ');
    };
    expect(await readout(page, 'weights')).toBe(weightsOf(4, false, 1));
    expect(await readout(page, 'top-key')).toMatch(/^cat /);
    expect(await readout(page, 'row-sum')).toBe('1.000');
    await press(page, 'query', 'ArrowUp'); // "because"
    await press(page, 'causal', 'ArrowDown'); // mask on
    expect(await readout(page, 'weights')).toBe(weightsOf(3, true, 1));
    expect(await readout(page, 'weights')).toMatch(/it 0\.000$/);
    // 5 × 5 pairs, of which 4 + 3 + 2 + 1 lie above the diagonal and are masked in both grids.
    expect(await page.$$eval('rect.masked-cell', (cells) => cells.length)).toBe(2 * 10);
    expect(
      await page.$$eval(
        '.figures figure:first-of-type text',
        (labels) => labels.filter((t) => t.textContent === '−∞').length,
      ),
    ).toBe(10);
    await press(page, 'temperature', 'ArrowRight', 10); // 1.0 → 2.0
    expect(await readout(page, 'weights')).toBe(weightsOf(3, true, 2));
    await screenshot(page, 'attention');
    await page.close();
  });

  it('convolution: the hovered or stepped output cell outlines its input patch, inside the dashed padding ring', async () => {
    const page = await open('convolution');
    await press(page, 'padding', 'ArrowRight'); // P = 1: a 10×10 padded input, 8×8 output
    expect(await page.$$eval('figure:first-of-type rect.padding-cell', (cells) => cells.length)).toBe(10 * 10 - 8 * 8);
    const outlined = async (figure: number) =>
      page.$$eval(`.figures figure:nth-of-type(${figure}) rect.highlight`, (rects) => rects.length);
    expect(await outlined(1)).toBe(9);
    expect(await outlined(2)).toBe(1);
    expect(await readout(page, 'cell')).toBe('(0, 0) reads rows 0–2, columns 0–2 of the padded input');
    // Step from the keyboard, then hover a cell with the mouse.
    await page.focus('[data-control="step-cell"]');
    await page.keyboard.press('Enter');
    expect(await readout(page, 'cell')).toBe('(0, 1) reads rows 0–2, columns 1–3 of the padded input');
    await page.hover('.figures figure:nth-of-type(2) rect[data-row="5"][data-column="6"]');
    expect(await readout(page, 'cell')).toBe('(5, 6) reads rows 5–7, columns 6–8 of the padded input');
    const expected = convolve2d(
      sampleImage(8),
      [
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ],
      1,
      1,
    )[5]![6]!;
    expect(await page.textContent('.patch-sum code')).toMatch(
      new RegExp(
        `^out\\[5, 6\\] = Σ patch × kernel = .* = ${String(Number(expected.toFixed(3))).replace('-', '\\-')}$`,
      ),
    );
    await screenshot(page, 'convolution-linked');
    await page.close();
  });

  it('vanishing gradients: depth, activation and initialisation change the per-layer norms', async () => {
    const page = await open('vanishing-gradients');
    await screenshot(page, 'vanishing-gradients');
    const norms = (activation: 'sigmoid' | 'tanh' | 'relu', init: 'xavier' | 'he', depth: number) =>
      randomNetworkPass({ depth, width: 32, activation, init, seed: 1 }).inputGradientNorms;
    await press(page, 'depth', 'ArrowRight');
    const sig = norms('sigmoid', 'xavier', 21);
    expect(await readout(page, 'first')).toBe(formatNumber(sig[0]!));
    expect(await readout(page, 'ratio')).toBe(formatNumber(sig[0]! / sig[20]!));
    expect(await readout(page, 'verdict')).toMatch(/^vanishing/);
    await press(page, 'activation', 'ArrowDown', 2); // sigmoid → tanh → relu
    await press(page, 'init', 'ArrowDown'); // xavier → he
    const relu = norms('relu', 'he', 21);
    expect(await readout(page, 'ratio')).toBe(formatNumber(relu[0]! / relu[20]!));
    expect(await readout(page, 'verdict')).toMatch(/^healthy/);
    await screenshot(page, 'vanishing-gradients-he-relu');
    await page.close();
  });

  it('normalisation: batch norm over one example collapses; layer norm does not care', async () => {
    const page = await open('normalisation');
    await screenshot(page, 'normalisation');
    const x = exampleTensor(4, 4);
    const bn = normalise(x, 'batch');
    expect(await readout(page, 'group-stats')).toBe(
      `feature 1: μ = ${formatNumber(bn.means[0]!)}, σ² = ${formatNumber(bn.variances[0]!)}`,
    );
    expect(await readout(page, 'output-stats')).toMatch(
      /^mean = 0\.0000, variance = 1\.0000|^mean = 0\.0000, variance = 0\.9999/,
    );
    await press(page, 'batch', 'Home');
    expect(await readout(page, 'output-stats')).toBe('mean = 0.0000, variance = 0.0000');
    await press(page, 'kind', 'ArrowDown');
    const ln = normalise(exampleTensor(1, 4), 'layer');
    expect(await readout(page, 'groups')).toBe('1');
    expect(await readout(page, 'group-stats')).toBe(
      `example 1: μ = ${formatNumber(ln.means[0]!)}, σ² = ${formatNumber(ln.variances[0]!)}`,
    );
    await page.close();
  });

  it('LSTM gates: stepping and the forget bias change the cell state as computed', async () => {
    const page = await open('lstm-gates');
    await screenshot(page, 'lstm-gates');
    await press(page, 'step', 'Enter');
    await press(page, 'step', 'Enter');
    expect(await page.inputValue('[data-control="t"]')).toBe('3');
    expect(await readout(page, 'cell')).toBe(formatNumber(runLstm(toyParams(1, 1, 1), TOY_SEQUENCE)[2]!.cell));
    await press(page, 'forget-bias', 'ArrowRight', 4); // 1 → 3
    const steps = runLstm(toyParams(3, 1, 1), TOY_SEQUENCE);
    expect(await readout(page, 'cell')).toBe(formatNumber(steps[2]!.cell));
    expect(await readout(page, 'hidden')).toBe(formatNumber(steps[2]!.hidden));
    await page.close();
  });

  it('softmax: temperature, a typed logit and the label change probabilities and cross-entropy', async () => {
    const page = await open('softmax-temperature', { conceptId: 'softmax' });
    await screenshot(page, 'softmax-temperature');
    const names = ['cat', 'dog', 'fox', 'owl'];
    const shown = (p: number[]) => p.map((v, i) => `${names[i]} ${formatNumber(v)}`).join(', ');
    await press(page, 'temperature', 'ArrowRight', 4); // 1.0 → 1.4
    expect(await readout(page, 'probabilities')).toBe(shown(softmax([2, 1, 0.1, -1], 1.4)));
    await type(page, 'logit-3', '3');
    expect(await readout(page, 'probabilities')).toBe(shown(softmax([2, 1, 0.1, 3], 1.4)));
    await press(page, 'label', 'ArrowDown'); // cat → dog
    expect(await readout(page, 'cross-entropy')).toBe(formatNumber(crossEntropy([2, 1, 0.1, 3], 1, 1.4)));
    await page.click('button[data-action="explain"]');
    expect(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)).toEqual([
      { type: 'explain', conceptId: 'softmax' },
    ]);
    await page.close();
  });

  it('weight initialisation: switching the scheme changes the per-layer spread', async () => {
    const page = await open('weight-initialisation');
    await screenshot(page, 'weight-initialisation');
    const last = (init: 'xavier' | 'he' | 'small', depth: number) =>
      formatNumber(
        layerActivationStats({ depth, width: 64, activation: 'tanh', init, seed: 3 }, 8, 20, [-1, 1]).at(-1)!.std,
      );
    expect(await readout(page, 'last-std')).toBe(last('xavier', 5));
    await press(page, 'init', 'ArrowDown', 2); // xavier → he → small
    await press(page, 'depth', 'ArrowRight');
    expect(await readout(page, 'last-std')).toBe(last('small', 6));
    await page.close();
  });

  it('early stopping: more patience stops later', async () => {
    const page = await open('early-stopping');
    await screenshot(page, 'early-stopping');
    const decide = (patience: number, noise: number) =>
      earlyStop(lossCurves({ epochs: 60, overfitting: 0.02, noise, seed: 5 }).validation, patience);
    expect(await readout(page, 'best-epoch')).toBe(String(decide(5, 0.1).bestEpoch));
    await press(page, 'patience', 'ArrowRight', 5);
    const later = decide(10, 0.1);
    expect(await readout(page, 'best-epoch')).toBe(String(later.bestEpoch));
    expect(await readout(page, 'stopped-epoch')).toBe(
      later.stoppedEarly ? String(later.stoppedEpoch) : `${later.stoppedEpoch} (patience never ran out)`,
    );
    await press(page, 'noise', 'Home');
    expect(await readout(page, 'best-epoch')).toBe(String(decide(10, 0).bestEpoch));
    await page.close();
  });

  it('restores control values from the webview state after a reload', async () => {
    const page = await open('softmax-temperature');
    await press(page, 'temperature', 'ArrowRight', 10);
    await page.reload();
    await page.waitForSelector('main[data-ready="true"]');
    expect(await page.inputValue('[data-control="temperature"]')).toBe('2');
    expect(await readout(page, 'probabilities')).toContain(formatNumber(softmax([2, 1, 0.1, -1], 2)[0]!));
    await page.close();
  });

  it('plays only when motion is allowed, and every control has a label', async () => {
    const still = await open('gradient-descent');
    expect(await still.$('[data-control="play"]')).toBeNull();
    await still.close();
    const moving = await open('gradient-descent', { reducedMotion: false });
    await press(moving, 'steps', 'Home');
    await press(moving, 'play', 'Enter');
    await moving.waitForFunction(
      () => Number((document.querySelector('[data-control="steps"]') as HTMLInputElement).value) >= 3,
    );
    await press(moving, 'play', 'Enter');
    await moving.close();
    for (const { id } of VISUALISATIONS) {
      const page = await open(id);
      const unlabelled = await page.$$eval('input, select', (controls) =>
        controls
          .filter((c) => !(c as HTMLInputElement).labels?.length && !c.getAttribute('aria-label'))
          .map((c) => c.id),
      );
      expect(unlabelled, id).toEqual([]);
      await page.close();
    }
  });

  it('ran without script errors or CSP violations', () => {
    expect(suite.problems).toEqual([]);
  });
});
