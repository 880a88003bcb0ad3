// Model summary webview: layer names jump to their line, the model list switches model; the shown
// file and model are kept with setState so a reloaded window restores them.
import { modelSummaryProtocol } from '../../src/webviews/modelSummary/messages';
import { connectToHost } from '../hostConnection';

const connection = connectToHost(modelSummaryProtocol);
const main = document.querySelector<HTMLElement>('main.model-summary');
const uri = main?.dataset.uri;
const line = Number(main?.dataset.line);
if (uri && Number.isInteger(line) && line >= 0) connection.setState({ uri, line });

const send = connection.post;

document.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement | null)?.closest<HTMLButtonElement>('button[data-line]');
  if (button) send({ type: 'reveal', line: Number(button.dataset.line) });
});

document.querySelector<HTMLSelectElement>('#model-select')?.addEventListener('change', (event) => {
  send({ type: 'select', line: Number((event.target as HTMLSelectElement).value) });
});
