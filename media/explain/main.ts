// Explanation webview: turns button clicks into typed messages for the host and remembers the concept.
import type { ExplainViewMessage, ExplainViewState } from '../../src/webviews/messages';
import { getVsCodeApi } from '../vscodeApi';

const vscode = getVsCodeApi<ExplainViewState>();
const main = document.querySelector<HTMLElement>('main.concept');
const conceptId = main?.dataset.conceptId;
if (conceptId) vscode.setState({ conceptId });

document.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement | null)?.closest<HTMLButtonElement>('button[data-action]');
  if (!button) return;
  const { action, conceptId: target, visualisationId } = button.dataset;
  let message: ExplainViewMessage | undefined;
  if (action === 'open' && target) message = { type: 'openConcept', conceptId: target };
  else if (action === 'quiz' && target) message = { type: 'quiz', conceptId: target };
  else if (action === 'visualise' && target && visualisationId) message = { type: 'visualise', visualisationId, conceptId: target };
  if (message) vscode.postMessage(message);
});
