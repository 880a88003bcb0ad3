// Model summary webview: layer names jump to their line, the model list switches model; the shown
// file and model are kept with setState so a reloaded window restores them.
import type { ModelSummaryMessage, ModelSummaryState } from '../../src/webviews/modelSummaryMessages';
import { getVsCodeApi } from '../vscodeApi';

const vscode = getVsCodeApi<ModelSummaryState>();
const main = document.querySelector<HTMLElement>('main.model-summary');
const uri = main?.dataset.uri;
const line = Number(main?.dataset.line);
if (uri && Number.isInteger(line) && line >= 0) vscode.setState({ uri, line });

const send = (message: ModelSummaryMessage): void => vscode.postMessage(message);

document.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement | null)?.closest<HTMLButtonElement>('button[data-line]');
  if (button) send({ type: 'reveal', line: Number(button.dataset.line) });
});

document.querySelector<HTMLSelectElement>('#model-select')?.addEventListener('change', (event) => {
  send({ type: 'select', line: Number((event.target as HTMLSelectElement).value) });
});
