// Visualisation webview: mounts the view named by the host page, keeps its control values in the
// webview state, and asks the host to open the explanation of the concept it came from.
import { isVisualisationId } from '../../src/content/visualisationIds';
import { visualiseProtocol } from '../../src/webviews/visualise/messages';
import { connectToHost } from '../hostConnection';
import { ViewHost } from './host';
import { VIEWS } from './views/index';

const connection = connectToHost(visualiseProtocol);
const main = document.querySelector<HTMLElement>('main.visualisation');
const visualisationId = main?.dataset.visualisationId ?? '';
const conceptId = main?.dataset.conceptId || undefined;
const stage = main?.querySelector<HTMLElement>('.stage');

if (main && stage && isVisualisationId(visualisationId)) {
  const previous = connection.getState();
  // Control values only carry over to the same visualisation.
  const saved = previous?.visualisationId === visualisationId ? { ...previous.settings } : {};
  const save = (settings: Record<string, string>): void =>
    connection.setState({ visualisationId, ...(conceptId ? { conceptId } : {}), settings });
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
  if (target) connection.post({ type: 'explain', conceptId: target });
});
