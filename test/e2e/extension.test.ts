// The packaged extension in a real VS Code (code-server): hovers, code actions, palette commands,
// webviews, diagnostics with quick fixes, the native ONNX runtime, and a clean extension-host log.
// The tests run in order in one workbench, as a person would use it; each saves a screenshot.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { summaryRecords } from '../../src/modelInsight/summaryRecords';
import { inlineText, plainText } from '../../src/quiz/richText';
import { scanPython } from '../../src/scanner/scanner';
import { GRADER_STATUS_KEY, ROOT } from './codeServer';
import {
  choose,
  closeAllEditors,
  goTo,
  hoverAtCursor,
  openFile,
  openWorkbench,
  positionOf,
  runCodeAction,
  runCommand,
  screenshot,
  visibleText,
  webviewFrame,
  type Workbench,
} from './workbench';

const { url, workspace, userData, extensions } = inject('codeServer');
const EXTENSION_ID = 'dl-tutor.dl-tutor';

let workbench: Workbench;
let page: Page;

beforeAll(async () => {
  workbench = await openWorkbench(url, workspace);
  page = workbench.page;
});

afterEach(async (context) => {
  // A picture of the workbench at the moment a test failed says more than the locator's log.
  if (context.task.result?.state === 'fail')
    await screenshot(page, `failed-${context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
});

afterAll(async () => {
  await workbench?.close();
});

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The extension host's own log and the "DL Tutor" output channel, from every session of this run. */
function extensionHostLogs(): string[] {
  return filesUnder(join(userData, 'logs')).filter(
    (file) => file.endsWith('remoteexthost.log') || file.includes(`${EXTENSION_ID}`),
  );
}

function outputChannelLog(): string {
  return extensionHostLogs()
    .filter((file) => file.endsWith('DL Tutor.log'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('');
}

const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.py'));

interface ContentQuestion {
  id: string;
  type: 'choice' | 'numeric' | 'free';
  options: { text: string; correct: boolean }[];
  answer: number;
  reference: string;
  samples: { answer: string; grade: string }[];
}

/** A question of the knowledge base the installed extension carries, to answer it like a learner who knows. */
function questionById(questionId: string): ContentQuestion {
  const installed = readdirSync(extensions).find((name) => name.startsWith(`${EXTENSION_ID}-`))!;
  const concepts = JSON.parse(readFileSync(join(extensions, installed, 'dist', 'content.json'), 'utf8')) as {
    questions: ContentQuestion[];
  }[];
  const question = concepts.flatMap((concept) => concept.questions).find((candidate) => candidate.id === questionId);
  if (!question) throw new Error(`the quiz asked ${questionId}, which the knowledge base does not have`);
  return question;
}

async function dropoutInCnnExample(): Promise<void> {
  await closeAllEditors(page);
  await openFile(page, 'pytorch_cnn.py');
  const position = positionOf(join(workspace, 'pytorch_cnn.py'), 'Dropout(p=');
  await goTo(page, position);
}

describe('in a Python file', () => {
  it('hovering nn.Dropout(p=0.8) explains dropout and what p=0.8 means', async () => {
    await dropoutInCnnExample();
    const hover = await hoverAtCursor(page, 'zeroed');
    const text = await hover.innerText();
    expect(text).toContain('Dropout');
    expect(text).toMatch(/zeroed with probability 0\.8/);
    expect(text).toContain('Explain');
    await screenshot(page, 'hover-dropout');
  });

  it('the "Explain Dropout" code action opens the rendered explanation', async () => {
    await page.keyboard.press('Escape');
    await runCodeAction(page, 'Explain Dropout');
    const frame = await webviewFrame(
      page,
      `document.querySelector('h1')?.textContent === 'Dropout' && document.querySelector('section.explanation p') !== null`,
    );
    expect(await frame.locator('section.summary').innerText()).not.toBe('');
    await screenshot(page, 'explain-dropout');
  });

  it('the explanation typesets its formulas with the bundled KaTeX, offline', async () => {
    const frame = await webviewFrame(
      page,
      `document.querySelector('h1')?.textContent === 'Dropout' && document.querySelector('.formula') !== null`,
    );
    await frame.locator('.formula.typeset-ok .katex').first().waitFor();
    expect(await frame.locator('.formula.typeset-failed').count()).toBe(0);
    expect(await frame.locator('.formula.typeset-ok').count()).toBe(await frame.locator('.formula').count());
    expect(await frame.evaluate(`document.fonts.ready.then(() => document.fonts.check('16px KaTeX_Main'))`)).toBe(true);
    await frame.locator('section h2', { hasText: 'Formulas' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'explain-typeset-formulas');
  });

  it('"Visualise" in the hover opens the dropout visualisation', async () => {
    await dropoutInCnnExample();
    const hover = await hoverAtCursor(page, 'Visualise');
    await hover.getByRole('link', { name: 'Visualise' }).click();
    const frame = await webviewFrame(
      page,
      `document.querySelector('main[data-visualisation-id="dropout"][data-ready="true"] svg') !== null`,
    );
    expect(await frame.locator('main svg').count()).toBeGreaterThan(0);
    await screenshot(page, 'hover-visualise-dropout');
  });
});

describe('model summary', () => {
  it('a CodeLens above the model shows its trainable parameters and opens the model summary', async () => {
    await closeAllEditors(page);
    await openFile(page, 'pytorch_cnn.py');
    const [model] = summaryRecords(
      scanPython(readFileSync(join(workspace, 'pytorch_cnn.py'), 'utf8'), {
        conceptFor: () => undefined,
        hasPrefix: () => false,
      }),
    );
    const total = model!.totalParams!.toLocaleString('en-US');
    const lens = page.locator('.codelens-decoration a').filter({ hasText: 'trainable parameters' }).first();
    await lens.waitFor({ timeout: 30_000 });
    expect(await lens.innerText()).toBe(`${total} trainable parameters · model summary`);
    await screenshot(page, 'codelens-model-total');
    await lens.click();
    const frame = await webviewFrame(page, `document.querySelector('main.model-summary dd.total') !== null`);
    expect(await frame.locator('h1').innerText()).toBe(model!.name);
    expect(await frame.locator('dd.total').innerText()).toBe(total);
    expect(await frame.locator('tbody tr').count()).toBe(model!.layers.length);
    await screenshot(page, 'model-summary-webview');
  });

  it('the hover on a layer shows its parameter count with the formula filled in', async () => {
    await closeAllEditors(page);
    await openFile(page, 'pytorch_cnn.py');
    await goTo(page, positionOf(join(workspace, 'pytorch_cnn.py'), 'Conv2d(1, 32'));
    const hover = await hoverAtCursor(page, 'Parameters:');
    expect(await hover.innerText()).toContain('1*32*3*3 + 32 = 320');
    await screenshot(page, 'hover-layer-parameters');
  });
});

describe('from the command palette', () => {
  it('"DL Tutor: Open Visualisation..." draws the chosen visualisation', async () => {
    await closeAllEditors(page);
    await runCommand(page, 'DL Tutor: Open Visualisation...');
    await choose(page, 'Gradient descent', 'Gradient descent, momentum and Adam');
    const frame = await webviewFrame(
      page,
      `document.querySelector('main[data-visualisation-id="gradient-descent"][data-ready="true"] svg polyline.path') !== null`,
    );
    // One trajectory each for gradient descent, momentum and Adam.
    expect(await frame.locator('main svg polyline.path').count()).toBe(3);
    await screenshot(page, 'palette-visualisation');
  });

  it('"DL Tutor: Explain Concept..." finds a concept by its API name', async () => {
    await closeAllEditors(page);
    await runCommand(page, 'DL Tutor: Explain Concept...');
    await choose(page, 'torch.nn.Dropout', 'Dropout');
    await webviewFrame(page, `document.querySelector('h1')?.textContent === 'Dropout'`);
    await screenshot(page, 'palette-explain');
  });
});

describe('mistake diagnostics', () => {
  const file = () => join(workspace, 'mistakes_training.py');

  it('flags the classic mistakes in the Problems panel', async () => {
    await closeAllEditors(page);
    await openFile(page, 'mistakes_training.py');
    await page.locator('.editor-group-container.active .squiggly-warning').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'DL Tutor' });
    await rows.first().waitFor();
    const text = (await page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
    for (const check of ['softmaxBeforeCrossEntropy', 'missingZeroGrad', 'extremeDropout', 'clippingOutOfOrder']) {
      expect(text).toContain(check);
    }
    await screenshot(page, 'problems-mistakes');
  });

  it('the quick fix passes raw logits to CrossEntropyLoss', async () => {
    await goTo(page, positionOf(file(), 'F.softmax(logits'));
    await runCodeAction(page, /Pass the logits/);
    await expect.poll(() => visibleText(page)).toContain('criterion(logits, labels)');
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(file(), 'utf8')).toContain('loss = criterion(logits, labels)');
    expect(readFileSync(file(), 'utf8')).not.toContain('F.softmax(logits');
    await screenshot(page, 'quick-fix-applied');
  });

  it('the quick fix clears the gradients before backward()', async () => {
    await goTo(page, positionOf(file(), 'optimizer.step()  # missingZeroGrad'));
    await runCodeAction(page, 'Call optimizer.zero_grad() before backward()');
    await page.keyboard.press('Control+S');
    await expect
      .poll(() => readFileSync(file(), 'utf8'))
      .toMatch(/\n( +)optimizer\.zero_grad\(\)\n\1loss\.backward\(\)\n/);
  });

  it('the quick fix moves gradient clipping between backward() and step()', async () => {
    await goTo(page, positionOf(file(), 'torch.nn.utils.clip_grad_norm_'));
    await runCodeAction(page, /Move the clipping between backward\(\) and optimizer\.step\(\)/);
    const moved = /loss\.backward\(\)\n +torch\.nn\.utils\.clip_grad_norm_\([^\n]*\n +optimizer\.step\(\)/;
    // The fix's edit may land just after the first save; save again until the file on disk has it.
    await expect
      .poll(async () => {
        await page.keyboard.press('Control+S');
        return readFileSync(file(), 'utf8');
      })
      .toMatch(moved);
    await screenshot(page, 'quick-fixes-applied');
  });

  it('leaves the example training scripts, which are free of these mistakes, without a diagnostic', async () => {
    await closeAllEditors(page);
    for (const example of EXAMPLES) await openFile(page, example);
    // Checks run in the order files open, so once the mistakes file shows its squiggles the examples are done.
    await openFile(page, 'mistakes_training.py');
    await page.locator('.editor-group-container.active .squiggly-warning').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.locator('.monaco-list-row', { hasText: 'mistakes_training.py' }).first().waitFor();
    const text = await panel.innerText();
    for (const example of EXAMPLES) expect(text).not.toContain(example);
    await screenshot(page, 'problems-examples-clean');
  });
});

describe('visualisations from hovers', () => {
  const tour = () => join(workspace, 'visualisation_tour.py');

  it('the hover on scaled_dot_product_attention fits without scrolling, its links on the first line', async () => {
    await closeAllEditors(page);
    await openFile(page, 'visualisation_tour.py');
    await goTo(page, positionOf(tour(), 'scaled_dot_product_attention(q'));
    const hover = await hoverAtCursor(page, 'Explain');
    const box = (await hover.boundingBox())!;
    for (const name of ['Explain', 'Quiz me', 'Visualise']) {
      const link = (await hover.getByRole('link', { name }).boundingBox())!;
      expect(link.y >= box.y && link.y + link.height <= box.y + box.height).toBe(true);
    }
    // VS Code shows a scrollbar when the content is taller than the hover box; it must not need one.
    const overflow = await hover.evaluate((element) => {
      const scrollable = element.querySelector<HTMLElement>('.monaco-scrollable-element > :first-child') ?? element;
      return scrollable.scrollHeight - scrollable.clientHeight;
    });
    expect(overflow).toBeLessThanOrEqual(1);
    const firstLine = await hover.locator('.hover-contents p').first().innerText();
    expect(firstLine).toBe('Explain · Quiz me · Visualise');
    await screenshot(page, 'hover-attention-fits');
  });
  const CASES: [call: string, visualisationId: string][] = [
    ['ReLU()', 'activation-functions'],
    ['Adam(params', 'gradient-descent'],
    ['Dropout(p=0.5)', 'dropout'],
    ['Conv2d(3, 16', 'convolution'],
    ['Add()', 'residual-connections'],
    ['BatchNorm2d(16)', 'normalisation'],
    ['LSTM(input_size', 'lstm-gates'],
    ['softmax(logits', 'softmax-temperature'],
    ['kaiming_normal_(conv', 'weight-initialisation'],
    ['EarlyStopping(patience', 'early-stopping'],
    ['scaled_dot_product_attention(q', 'attention'],
  ];

  it.each(CASES)('hovering %s opens the %s visualisation', async (call, visualisationId) => {
    await closeAllEditors(page);
    await openFile(page, 'visualisation_tour.py');
    await goTo(page, positionOf(tour(), call));
    const hover = await hoverAtCursor(page, 'Visualise');
    await hover.getByRole('link', { name: 'Visualise' }).click();
    const frame = await webviewFrame(
      page,
      `document.querySelector('main[data-visualisation-id="${visualisationId}"][data-ready="true"] svg') !== null`,
    );
    // Every visualisation is driven by labelled controls.
    expect(await frame.locator('main input, main select, main button').count()).toBeGreaterThan(0);
    await screenshot(page, `hover-visualise-${visualisationId}`);
  });

  it('the convolution links an output cell to its input patch, inside the padding ring', async () => {
    await closeAllEditors(page);
    await runCommand(page, 'DL Tutor: Open Visualisation...');
    await choose(page, 'Convolution and pooling');
    const frame = await webviewFrame(
      page,
      `document.querySelector('main[data-visualisation-id="convolution"][data-ready="true"] svg') !== null`,
    );
    await frame.locator('[data-control="padding"]').focus();
    await page.keyboard.press('ArrowRight');
    await frame.locator('.figures figure:nth-of-type(2) rect[data-row="3"][data-column="4"]').first().hover();
    await expect
      .poll(() => frame.locator('[data-readout="cell"]').innerText())
      .toBe('(3, 4) reads rows 3–5, columns 4–6 of the padded input');
    expect(await frame.locator('.figures figure:first-of-type rect.highlight').count()).toBe(9);
    expect(await frame.locator('rect.padding-cell').count()).toBe(36);
    await screenshot(page, 'convolution-linked');
  });
});

describe('quizzes and the study sidebar', () => {
  it('a mixed quiz from the palette grades a free-text answer with feedback and schedules it', async () => {
    await closeAllEditors(page);
    await runCommand(page, 'DL Tutor: Quiz Me');
    const frame = await webviewFrame(page, `document.querySelector('form.question[data-question-id]') !== null`);
    const answered: string[] = [];
    let choicesAnswered = 0;
    for (let asked = 0; asked < 10; asked++) {
      const form = frame.locator('form.question[data-question-id]');
      await form.waitFor();
      const questionId = (await form.getAttribute('data-question-id'))!;
      const question = questionById(questionId);
      answered.push(questionId);
      if (question.type === 'free') {
        // The model answer itself: a learner who knows writes it in full. (Terse correct samples may fairly
        // be graded "not sure", which asks the learner to rate themselves; the review-list case covers that path.)
        await frame.locator('textarea.answer').fill(question.reference);
        await frame.locator('textarea.answer').press('Control+Enter');
        const feedback = frame.locator('section.feedback');
        await feedback.waitFor({ timeout: 30_000 });
        expect(await feedback.locator('.grader').innerText()).toContain('Graded by the offline answer model');
        const heading = await feedback.locator('h2').innerText();
        expect(heading).toMatch(/^(Correct|Partly right|Not sure: compare with the model answer)$/);
        // Not sure: the learner compares; which key points count as made is then the model's best guess.
        if (!heading.startsWith('Not sure')) expect(await feedback.locator('ul.hit li').count()).toBeGreaterThan(0);
        expect(await feedback.locator('.rating').innerText()).toMatch(/next review (tomorrow|in \d+ days)/);
        await screenshot(page, 'quiz-free-text-feedback');
        break;
      }
      if (question.type === 'choice') {
        // Options are shuffled for every presentation: find the correct one by its text on screen.
        const correct = plainText(inlineText(question.options.find((option) => option.correct)!.text));
        const shown = await frame.locator('label.option .text').allInnerTexts();
        expect(shown.filter((label) => label.trim() === correct.trim())).toHaveLength(1);
        choicesAnswered += 1;
        await frame.locator('input[type="radio"]').first().focus();
        await page.keyboard.press(String(shown.findIndex((label) => label.trim() === correct.trim()) + 1));
        await page.keyboard.press('Enter');
      } else {
        await frame.locator('input.answer').fill(String(question.answer));
        await frame.locator('input.answer').press('Enter');
      }
      await frame.locator('section.feedback h2', { hasText: 'Correct' }).waitFor();
      if (asked === 0) await screenshot(page, 'quiz-first-answer');
      await frame.locator('button[data-action="next"]').click();
      await frame.locator(`form.question:not([data-question-id="${questionId}"])`).waitFor();
    }
    expect(questionById(answered.at(-1)!).type).toBe('free');
    expect(choicesAnswered).toBeGreaterThan(0);
  });

  it('the study sidebar shows the reviews: a streak and progress in the topics answered', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="DL Tutor"]').click();
    const frame = await webviewFrame(page, `document.querySelector('main.study[data-state="ready"]') !== null`);
    await expect.poll(() => frame.locator('[data-figure="streak"]').innerText()).toContain('Streak: 1 day');
    const seen = await frame.locator('ul.topics li .muted').allInnerTexts();
    expect(seen.some((line) => /[1-9]\d* seen/.test(line))).toBe(true);
    await screenshot(page, 'sidebar-after-quiz');
  });

  it('a quiz closed mid-session is offered for resuming, and resumes where it was', async () => {
    await closeAllEditors(page);
    await runCommand(page, 'DL Tutor: Quiz Me');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'unfinished quiz' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/\d+ of 10 answered/);
    await screenshot(page, 'quiz-resume-dialog');
    await dialog.getByRole('button', { name: 'Resume' }).click();
    const frame = await webviewFrame(page, `document.querySelector('section.feedback') !== null`);
    // The free-text answer that ended the previous test is still there, with its feedback.
    expect(await frame.locator('section.feedback .grader').innerText()).toContain('Graded by the offline answer model');
    await screenshot(page, 'quiz-resumed');
  });

  it('ends with the missed questions to revisit, each linked to Explain and Visualise', async () => {
    const frame = await webviewFrame(page, `document.querySelector('main.quiz') !== null`);
    const resumed = (await frame.locator('form.question[data-question-id]').getAttribute('data-question-id'))!;
    await frame.locator('button[data-action="next"]').click();
    // The answered question's form (its answer box disabled) goes before the next one is read.
    await frame.locator(`form.question[data-question-id="${resumed}"]`).waitFor({ state: 'detached' });
    for (let asked = 0; asked < 10; asked++) {
      const form = frame.locator('form.question[data-question-id]');
      await frame.locator('form.question[data-question-id], section.summary').first().waitFor();
      if ((await frame.locator('section.summary').count()) > 0) break;
      const questionId = (await form.getAttribute('data-question-id'))!;
      const question = questionById(questionId);
      // Answer wrongly, as a learner still learning would.
      if (question.type === 'choice') {
        const wrong = plainText(inlineText(question.options.find((option) => !option.correct)!.text));
        const shown = await frame.locator('label.option .text').allInnerTexts();
        await frame.locator('input[type="radio"]').first().focus();
        await page.keyboard.press(String(shown.findIndex((label) => label.trim() === wrong.trim()) + 1));
        await page.keyboard.press('Enter');
      } else if (question.type === 'numeric') {
        await frame.locator('input.answer').fill(String(question.answer * 10 + 7));
        await frame.locator('input.answer').press('Enter');
      } else {
        await frame.locator('textarea.answer').fill('I am not sure about this one yet.');
        await frame.locator('textarea.answer').press('Control+Enter');
      }
      await frame.locator('section.feedback').waitFor({ timeout: 30_000 });
      await frame.locator('button[data-action="next"]').click();
      await frame.locator(`form.question[data-question-id="${questionId}"]`).waitFor({ state: 'detached' });
    }
    const summary = frame.locator('section.summary');
    await summary.waitFor();
    const review = summary.locator('.review-list li');
    expect(await review.count()).toBeGreaterThan(0);
    expect(await review.first().locator('button[data-action="explain"]').count()).toBe(1);
    await screenshot(page, 'quiz-review-list');
    await review.first().locator('button[data-action="explain"]').click();
    await webviewFrame(page, `document.querySelector('main.concept') !== null`);
  });
});

describe('the extension host', () => {
  it('loads onnxruntime-node from the installed VSIX and grades with the ONNX model', async () => {
    const installed = readdirSync(extensions).find((name) => name.startsWith(`${EXTENSION_ID}-`));
    expect(installed).toBeDefined();
    const binaries = join(extensions, installed!, 'node_modules', 'onnxruntime-node', 'bin');
    const platforms = filesUnder(binaries).map((file) =>
      file
        .slice(binaries.length + 1)
        .split('/')
        .slice(1, 3)
        .join('/'),
    );
    expect(new Set(platforms)).toEqual(new Set(['linux/x64']));

    await closeAllEditors(page);
    await openFile(page, 'pytorch_cnn.py');
    await page.keyboard.press(GRADER_STATUS_KEY.playwright);
    await expect.poll(outputChannelLog, { timeout: 30_000 }).toMatch(/answer grader: (onnx|lexical)/);
    expect(outputChannelLog()).toContain('answer grader: onnx');
    await runCommand(page, 'Output: Show Output Channels...');
    await choose(page, 'DL Tutor');
    await page.locator('.output-view', { hasText: 'answer grader: onnx' }).waitFor();
    await screenshot(page, 'output-channel');
  });

  it('analysed the Python files in the analysis worker, never falling back to the extension host', () => {
    const log = outputChannelLog();
    expect(log).toContain('answer grader:');
    expect(log).not.toMatch(/the analysis thread (did not start|stopped)/);
  });

  it('activated the extension and logged no error', () => {
    const logs = extensionHostLogs().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    expect(logs.some(({ text }) => text.includes(`_doActivateExtension ${EXTENSION_ID}`))).toBe(true);
    const errors = logs.flatMap(({ file, text }) =>
      text
        .split('\n')
        .filter((line) => /\[error\]/i.test(line))
        .map((line) => `${file}: ${line}`),
    );
    expect(errors).toEqual([]);
  });
});
