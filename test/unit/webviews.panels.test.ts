// The explanation, visualisation and model summary panels against a stand-in VS Code: they share one editor
// column (the model summary too), act on their webviews' messages, and restore or close after a reload.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConceptIndex } from '../../src/content/conceptIndex';
import type { DocumentAnalysis } from '../../src/editor/documentAnalysis';
import { analyseModels } from '../../src/modelInsight/modelAnalysis';
import { scanPython } from '../../src/scanner/scanner';
import type { Services } from '../../src/services';
import { EXPLAIN_VIEW_TYPE, ExplainPanel } from '../../src/webviews/explain/explainPanel';
import { MODEL_SUMMARY_VIEW_TYPE, ModelSummaryPanel } from '../../src/webviews/modelSummary/modelSummaryPanel';
import { VISUALISE_VIEW_TYPE, VisualisationPanel } from '../../src/webviews/visualise/visualisationPanel';
import { concept } from '../support/quizConcepts';
import {
  createdPanels,
  documents,
  reloadPanel,
  resetWindow,
  shownDocuments,
  Uri,
  ViewColumn,
  window,
  type FakePanel,
} from '../support/vscodeFake';

vi.mock('vscode', () => import('../support/vscodeFake'));

const SOURCE = `import torch.nn as nn

first = nn.Sequential(nn.Linear(4, 8), nn.ReLU())

second = nn.Sequential(nn.Linear(8, 2))
`;
const MODELS = analyseModels(scanPython(SOURCE, { conceptFor: () => undefined, hasPrefix: () => false })).models;
const INDEX = new ConceptIndex([
  concept({ id: 'dropout', topic: 'regularisation', questions: [], visualisation: 'dropout' }),
  concept({ id: 'relu', topic: 'activations', questions: [] }),
]);

function panels() {
  const warnings: string[] = [];
  const requests: string[] = [];
  const services = {
    context: { extensionUri: Uri.file('/ext') },
    concepts: { get: () => INDEX },
    log: { warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m), info: () => undefined },
  } as unknown as Services;
  const analysis = { ask: () => Promise.resolve(MODELS) } as unknown as DocumentAnalysis;
  const explain = new ExplainPanel(services, {
    quiz: (id) => requests.push(`quiz ${id}`),
    visualise: (v, c) => requests.push(`visualise ${v} ${c}`),
    canVisualise: () => true,
  });
  const visualise = new VisualisationPanel(services, { explain: (id) => requests.push(`explain ${id}`) });
  const summary = new ModelSummaryPanel(services, analysis);
  for (const panel of [explain, visualise, summary]) panel.host.registerSerializer();
  return { explain, visualise, summary, warnings, requests };
}

const fake = (panel: unknown): FakePanel => panel as FakePanel;

beforeEach(() => {
  resetWindow();
  documents.set('/work/net.py', { uri: Uri.file('/work/net.py'), lineCount: 6 });
});

describe('panels', () => {
  it('share one editor column, the model summary included, wherever the learner moved it', async () => {
    const { explain, visualise, summary } = panels();
    explain.show('dropout');
    const explanation = fake(explain.host.panel);
    expect(explanation.viewColumn).toBe(2);
    explanation.moveTo(ViewColumn.Three);
    visualise.show('dropout', 'dropout');
    await summary.show(Uri.file('/work/net.py') as never, -1);
    // The explanation opened beside the editor (column 2), and was then moved to column 3.
    expect(createdPanels.map((panel) => [panel.viewType, panel.viewColumn])).toEqual([
      [EXPLAIN_VIEW_TYPE, 3],
      [VISUALISE_VIEW_TYPE, 3],
      [MODEL_SUMMARY_VIEW_TYPE, 3],
    ]);
    // The summary takes focus as before; an explanation or visualisation leaves it in the editor.
    expect(fake(summary.host.panel).reveals).toEqual([{ preserveFocus: false }]);
    expect(fake(visualise.host.panel).reveals).toEqual([{ preserveFocus: true }]);
  });

  it('the model summary shows the model asked for, switches model and jumps to a layer on request', async () => {
    const { summary, warnings } = panels();
    await summary.show(Uri.file('/work/net.py') as never, MODELS[1]!.line);
    const panel = fake(summary.host.panel);
    expect(panel.title).toBe(`Model summary: ${MODELS[1]!.name}`);
    await panel.webview.send({ type: 'select', line: MODELS[0]!.line });
    expect(panel.title).toBe(`Model summary: ${MODELS[0]!.name}`);
    await panel.webview.send({ type: 'reveal', line: 2 });
    await panel.webview.send({ type: 'reveal', line: -2 });
    expect(shownDocuments).toEqual([{ path: '/work/net.py', line: 2, column: ViewColumn.One }]);
    expect(warnings).toHaveLength(1);
  });

  it('the explanation follows related concepts and goes back, and passes quiz and visualise on', async () => {
    const { explain, requests } = panels();
    explain.show('dropout');
    const panel = fake(explain.host.panel);
    await panel.webview.send({ type: 'openConcept', conceptId: 'relu' });
    expect(panel.title).toBe('Explain: relu');
    expect(panel.webview.html).toContain('data-history="dropout"');
    await panel.webview.send({ type: 'back' });
    expect(panel.title).toBe('Explain: dropout');
    await panel.webview.send({ type: 'quiz', conceptId: 'dropout' });
    await panel.webview.send({ type: 'visualise', visualisationId: 'dropout', conceptId: 'dropout' });
    expect(requests).toEqual(['quiz dropout', 'visualise dropout dropout']);
    explain.show('no-such-concept');
    expect(window.errors).toEqual([`DL Tutor has no concept with id 'no-such-concept'.`]);
  });

  it('restore after a reload what still exists, and close what does not', async () => {
    const { explain, visualise, summary } = panels();
    const explanation = await reloadPanel(EXPLAIN_VIEW_TYPE, { conceptId: 'relu', history: ['dropout', 'gone'] });
    expect(explanation.disposed).toBe(false);
    expect(explanation.title).toBe('Explain: relu');
    expect(explanation.webview.html).toContain('data-history="dropout"');
    expect(explain.host.panel).toBe(explanation);
    expect((await reloadPanel(EXPLAIN_VIEW_TYPE, { conceptId: 'removed-concept' })).disposed).toBe(true);

    const visualisation = await reloadPanel(VISUALISE_VIEW_TYPE, {
      visualisationId: 'dropout',
      settings: { p: '0.2' },
    });
    expect(visualisation.title).toBe('Visualise: Dropout');
    expect(visualise.host.panel).toBe(visualisation);

    const model = await reloadPanel(MODEL_SUMMARY_VIEW_TYPE, { uri: 'file:///work/net.py', line: MODELS[0]!.line });
    expect(model.title).toBe(`Model summary: ${MODELS[0]!.name}`);
    expect(summary.host.panel).toBe(model);
    // The file was deleted while the window was closed.
    const deleted = await reloadPanel(MODEL_SUMMARY_VIEW_TYPE, { uri: 'file:///work/deleted.py', line: 0 });
    expect(deleted.disposed).toBe(true);
    expect(summary.host.panel).toBeUndefined();
  });
});
