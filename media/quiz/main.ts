// Quiz webview: renders the session the host sends, keeps it (with unsent input) in the webview state so a
// reload restores it, and turns keyboard and mouse actions into typed messages for the host.
import { answerLengthProblem, readNumber } from '../../src/quiz/answerCheck';
import type { RatingName } from '../../src/progress/model';
import { quizProtocol, type QuizHostMessage, type QuizViewState } from '../../src/webviews/quiz/messages';
import { h } from '../dom';
import { connectToHost } from '../hostConnection';
import {
  OUTCOME_HEADINGS,
  RATING_LABELS,
  renderAnswerCount,
  renderFeedback,
  renderHeader,
  renderQuestion,
  renderSummary,
} from './view';

const connection = connectToHost(quizProtocol, receive);
const root = document.querySelector<HTMLElement>('main.quiz')!;
let state: QuizViewState | undefined;

const post = connection.post;

function show(next: QuizViewState): void {
  const previous = state;
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focus;
  // The host does not know what was typed or chosen; keep it while the same question is open, also
  // under its feedback, so the answered form still shows the answer.
  const keepDraft = !next.draft && previous?.draft && previous.draft.questionId === next.question?.questionId;
  state = keepDraft ? { ...next, draft: previous!.draft } : next;
  connection.setState(state);
  render(state);
  placeFocus(previous, state, focusKey);
}

function render(current: QuizViewState): void {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const children: Node[] = [renderHeader(current)];
  if (current.question) {
    children.push(renderQuestion(current.question, current.draft, current.feedback !== undefined));
    if (current.feedback) {
      const last = current.position >= current.questionIds.length - 1;
      children.push(renderFeedback(current.feedback, current.question.conceptId, current.question.conceptTitle, last));
      status.textContent = `${OUTCOME_HEADINGS[current.feedback.outcome]}. Rated ${RATING_LABELS[current.feedback.rating]}; next review ${current.feedback.nextReview}.`;
    }
  } else {
    children.push(renderSummary(current));
  }
  children.push(status);
  root.replaceChildren(...children);
  root.dataset.state = !current.question ? 'finished' : current.feedback ? 'feedback' : 'question';
}

/** New question: its first input. New feedback or the end: that section, so it is read first. Otherwise: where focus was. */
function placeFocus(previous: QuizViewState | undefined, current: QuizViewState, focusKey: string | undefined): void {
  const target = (key: string): HTMLElement | null => root.querySelector<HTMLElement>(`[data-focus="${key}"]`);
  let element: HTMLElement | null = null;
  if (!current.question) element = target('summary');
  else if (current.feedback && (!previous?.feedback || previous.feedback.questionId !== current.feedback.questionId))
    element = target('feedback');
  else if (
    previous?.question?.questionId !== current.question.questionId ||
    (previous?.feedback && !current.feedback)
  ) {
    element = root.querySelector<HTMLElement>('input:checked') ?? target('option-0') ?? target('answer');
  } else if (focusKey) element = target(focusKey);
  element?.focus();
}

function setStatus(text: string): void {
  const status = root.querySelector('.status');
  if (status) status.textContent = text;
}

function setError(text: string): void {
  const error = root.querySelector('#answer-error');
  if (error) error.textContent = text;
  root.querySelector<HTMLButtonElement>('form.question button[type="submit"]')?.removeAttribute('disabled');
}

function saveDraft(draft: NonNullable<QuizViewState['draft']>): void {
  if (!state) return;
  state = { ...state, draft };
  connection.setState(state);
}

function submit(): void {
  const question = state?.question;
  if (!question || state?.feedback) return;
  const form = root.querySelector<HTMLFormElement>('form.question')!;
  if (question.kind === 'choice') {
    const checked = form.querySelector<HTMLInputElement>('input[name="option"]:checked');
    if (!checked) return setError(`Choose an answer first: press 1 to ${Math.min(9, question.options.length)}.`);
    return post({
      type: 'answer',
      questionId: question.questionId,
      answer: { kind: 'choice', option: Number(checked.value) },
    });
  }
  const text = form.querySelector<HTMLInputElement | HTMLTextAreaElement>('.answer')!.value;
  if (question.kind === 'numeric') {
    if (readNumber(text, question.unit) === undefined) return setError('Enter a number, such as 0.25, 1e-3 or 1/4.');
    return post({ type: 'answer', questionId: question.questionId, answer: { kind: 'numeric', text } });
  }
  if (!text.trim()) return setError('Write an answer first; "I don\'t know" is a fine answer too.');
  const tooLong = answerLengthProblem(text);
  if (tooLong) return setError(tooLong);
  setError('');
  form.querySelector('button[type="submit"]')?.setAttribute('disabled', '');
  post({ type: 'answer', questionId: question.questionId, answer: { kind: 'free', text } });
}

root.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});

root.addEventListener('input', (event) => {
  const target = event.target as HTMLInputElement | HTMLTextAreaElement;
  const questionId = state?.question?.questionId;
  if (!questionId) return;
  if (target.name === 'option') saveDraft({ questionId, option: Number(target.value) });
  else if (target.classList.contains('answer')) {
    saveDraft({ questionId, text: target.value });
    if (target instanceof HTMLTextAreaElement)
      root.querySelector('#answer-count')?.replaceWith(renderAnswerCount(target.value.length));
  }
});

root.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement | null)?.closest<HTMLButtonElement>('button[data-action]');
  if (!button || !state) return;
  const { action, conceptId, visualisationId, rating } = button.dataset;
  if (action === 'next') post({ type: 'next' });
  else if (action === 'again') post({ type: 'again' });
  else if (action === 'explain' && conceptId) post({ type: 'explain', conceptId });
  else if (action === 'visualise' && conceptId && visualisationId)
    post({ type: 'visualise', visualisationId, conceptId });
  else if (action === 'rate' && rating && state.feedback)
    post({ type: 'rate', questionId: state.feedback.questionId, rating: rating as RatingName });
});

document.addEventListener('keydown', (event) => {
  const question = state?.question;
  if (!question || event.altKey) return;
  const target = event.target as HTMLElement;
  const typing =
    target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type === 'text');
  if (state?.feedback) {
    // Enter on the feedback itself moves on; buttons inside it handle their own Enter.
    if (event.key === 'Enter' && target.dataset.focus === 'feedback') {
      event.preventDefault();
      post({ type: 'next' });
    }
    return;
  }
  if (question.kind === 'choice' && !typing && !event.ctrlKey && !event.metaKey && /^[1-9]$/.test(event.key)) {
    const option = root.querySelector<HTMLInputElement>(`input[name="option"][value="${Number(event.key) - 1}"]`);
    if (!option) return;
    event.preventDefault();
    option.checked = true;
    option.focus();
    saveDraft({ questionId: question.questionId, option: Number(option.value) });
  } else if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'radio') {
    event.preventDefault();
    submit();
  } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && target instanceof HTMLTextAreaElement) {
    event.preventDefault();
    submit();
  }
});

function receive(message: QuizHostMessage): void {
  if (message.type === 'show') show(message.state);
  else if (message.type === 'grading') setStatus('Grading your answer…');
  else setError(message.message);
}

const saved = connection.getState();
if (saved) show(saved);
post({ type: 'ready' });
