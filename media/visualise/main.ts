// Visualisation webview: mounts the view named by the host page, keeps its control values in the
// webview state, and asks the host to open the explanation of the concept it came from.
import { isVisualisationId } from '../../src/content/visualisationIds';
import type { VisualiseViewMessage, VisualiseViewState } from '../../src/webviews/visualisationMessages';
import { ViewHost } from './host';
import { getVsCodeApi } from '../vscodeApi';
import { VIEWS } from './views/index';

const vscode = getVsCodeApi<VisualiseViewState>();
const main = document.querySelector<HTMLElement>('main.visualisation');
const visualisationId = main?.dataset.visualisationId ?? '';
const conceptId = main?.dataset.conceptId || undefined;
const stage = main?.querySelector<HTMLElement>('.stage');

if (main && stage && isVisualisationId(visualisationId)) {
  const previous = vscode.getState();
  // Control values only carry over to the same visualisation.
  const saved = previous?.visualisationId === visualisationId ? { ...previous.settings } : {};
  const save = (settings: Record<string, string>): void =>
    vscode.setState({ visualisationId, ...(conceptId ? { conceptId } : {}), settings });
  save(saved);
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const host = new ViewHost(stage, saved, save, reducedMotion);
  VIEWS[visualisationId](host);
  host.update();
  main.dataset.ready = 'true';
}

document.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement | null)?.closest<HTMLButtonElement>('button[data-action="explain"]');
  const target = button?.dataset.conceptId;
  if (target) vscode.postMessage({ type: 'explain', conceptId: target } satisfies VisualiseViewMessage);
});
