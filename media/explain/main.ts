// Explanation webview: typesets the formulas with KaTeX (bundled, fonts from media/), turns button clicks
// into typed messages for the host and remembers the concept and the Back trail.
import katex from 'katex';
import { explainProtocol, type ExplainViewMessage } from '../../src/webviews/explain/messages';
import { connectToHost } from '../hostConnection';

const connection = connectToHost(explainProtocol);
const main = document.querySelector<HTMLElement>('main.concept');
const conceptId = main?.dataset.conceptId;
const history = main?.dataset.history?.split(' ').filter(Boolean) ?? [];
if (conceptId) connection.setState({ conceptId, ...(history.length > 0 ? { history } : {}) });

// KaTeX builds DOM nodes and sets styles through the CSSOM, which the nonce-only CSP allows. A formula
// it cannot read keeps its written form.
document.querySelectorAll<HTMLElement>('.formula[data-tex]').forEach((formula) => {
  const typeset = document.createElement('div');
  typeset.className = 'typeset';
  try {
    katex.render(formula.dataset.tex ?? '', typeset, {
      displayMode: true,
      throwOnError: true,
      strict: 'ignore',
      trust: false,
      output: 'htmlAndMathml',
    });
    formula.replaceChildren(typeset);
    formula.classList.add('typeset-ok');
  } catch {
    formula.classList.add('typeset-failed');
  }
});

document.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement | null)?.closest<HTMLButtonElement>('button[data-action]');
  if (!button) return;
  const { action, conceptId: target, visualisationId } = button.dataset;
  let message: ExplainViewMessage | undefined;
  if (action === 'open' && target) message = { type: 'openConcept', conceptId: target };
  else if (action === 'back') message = { type: 'back' };
  else if (action === 'quiz' && target) message = { type: 'quiz', conceptId: target };
  else if (action === 'visualise' && target && visualisationId)
    message = { type: 'visualise', visualisationId, conceptId: target };
  if (message) connection.post(message);
});
