// Study sidebar webview: due cards, streak, progress per topic, weakest topics, concept search and
// visualisations, built from the host's snapshot. Buttons become typed messages for the host.
import { searchConcepts } from '../../src/sidebar/conceptSearch';
import {
  studyProtocol,
  type StudyHostMessage,
  type StudySnapshot,
  type TopicSummary,
} from '../../src/webviews/study/messages';
import { h } from '../dom';
import { connectToHost } from '../hostConnection';

const connection = connectToHost(studyProtocol, receive);
const root = document.querySelector<HTMLElement>('main.study')!;
let snapshot: StudySnapshot | undefined;
let query = connection.getState()?.query ?? '';

const post = connection.post;
const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

function render(current: StudySnapshot): void {
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focus;
  root.replaceChildren(
    renderToday(current),
    renderTopics(current.topics),
    renderWeakest(current.weakest),
    renderSearch(),
    renderVisualisations(current),
  );
  root.dataset.state = 'ready';
  renderResults();
  if (focusKey) root.querySelector<HTMLElement>(`[data-focus="${focusKey}"]`)?.focus();
}

function renderToday(current: StudySnapshot): HTMLElement {
  const streak =
    current.streak === 0
      ? 'No streak yet: answer a question today to start one.'
      : `Streak: ${plural(current.streak, 'day', 'days')}${current.reviewedToday ? '' : ' (review today to keep it)'}`;
  return h(
    'section',
    { 'aria-labelledby': 'today-heading' },
    h('h2', { id: 'today-heading' }, 'Today'),
    h(
      'p',
      { class: 'due', 'data-figure': 'due' },
      current.due === 0 ? 'No cards due today.' : `${plural(current.due, 'card', 'cards')} due today.`,
    ),
    h('p', { 'data-figure': 'streak' }, streak),
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { type: 'button', 'data-action': 'reviewDue', disabled: current.due === 0, 'data-focus': 'reviewDue' },
        'Review due cards',
      ),
      h('button', { type: 'button', 'data-action': 'quiz', 'data-focus': 'quiz' }, 'Start a quiz'),
      h(
        'button',
        { type: 'button', class: 'secondary', 'data-action': 'quizFile', 'data-focus': 'quizFile' },
        'Quiz on this file',
      ),
    ),
  );
}

function renderTopics(topics: readonly TopicSummary[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'topics-heading' },
    h('h2', { id: 'topics-heading' }, 'Progress by topic'),
    h(
      'ul',
      { class: 'topics' },
      ...topics.map((topic) => {
        const text = `${topic.seen} of ${topic.total} seen, ${topic.mastered} mastered`;
        return h(
          'li',
          { 'data-topic': topic.topic },
          h('span', { class: 'topic-name', id: `topic-${topic.topic}` }, topic.label),
          // Seen fills up from the first answers; mastered only after weeks of good reviews.
          h('progress', {
            class: 'seen',
            max: topic.total,
            value: topic.seen,
            'aria-label': `${topic.label}: seen`,
            'aria-valuetext': `${topic.seen} of ${topic.total} seen`,
          }),
          h('progress', {
            class: 'mastered',
            max: topic.total,
            value: topic.mastered,
            'aria-label': `${topic.label}: mastered`,
            'aria-valuetext': `${topic.mastered} of ${topic.total} mastered`,
          }),
          h('span', { class: 'muted' }, text),
        );
      }),
    ),
  );
}

function renderWeakest(weakest: readonly TopicSummary[]): HTMLElement {
  const section = h(
    'section',
    { 'aria-labelledby': 'weakest-heading' },
    h('h2', { id: 'weakest-heading' }, 'Weakest topics'),
  );
  if (weakest.length === 0) {
    section.append(h('p', { class: 'muted' }, 'Answer a few questions and the topics that need work appear here.'));
    return section;
  }
  section.append(
    h(
      'ul',
      { class: 'weakest' },
      ...weakest.map((topic) =>
        h(
          'li',
          {},
          h('span', {}, `${topic.label}: ${Math.round((topic.accuracy ?? 0) * 100)}% recalled`),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'data-action': 'quizTopic',
              'data-topic': topic.topic,
              'data-focus': `topic-${topic.topic}`,
            },
            `Quiz ${topic.label}`,
          ),
        ),
      ),
    ),
  );
  return section;
}

function renderSearch(): HTMLElement {
  const input = h('input', {
    type: 'search',
    id: 'concept-search',
    placeholder: 'Title, alias or API, e.g. nn.Dropout',
    'aria-describedby': 'search-count',
    'data-focus': 'search',
    autocomplete: 'off',
  });
  input.value = query;
  return h(
    'section',
    { 'aria-labelledby': 'search-heading', role: 'search' },
    h('h2', { id: 'search-heading' }, 'Concepts'),
    h('label', { for: 'concept-search' }, 'Search concepts'),
    input,
    h('p', { id: 'search-count', class: 'muted', 'aria-live': 'polite' }),
    h('ul', { class: 'results' }),
  );
}

function renderResults(): void {
  const list = root.querySelector('ul.results');
  const count = root.querySelector('#search-count');
  if (!list || !count || !snapshot) return;
  const found = searchConcepts(snapshot.concepts, query);
  list.replaceChildren(
    ...found.map((concept) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-action': 'explain',
            'data-concept-id': concept.id,
            'data-focus': `concept-${concept.id}`,
          },
          concept.title,
        ),
      ),
    ),
  );
  count.textContent = query.trim()
    ? found.length === 0
      ? 'No concept matches.'
      : `${plural(found.length, 'concept matches', 'concepts match')}.`
    : '';
}

function renderVisualisations(current: StudySnapshot): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'visualisations-heading' },
    h('h2', { id: 'visualisations-heading' }, 'Visualisations'),
    h(
      'ul',
      { class: 'visualisations' },
      ...current.visualisations.map((v) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'data-action': 'visualise',
              'data-visualisation-id': v.id,
              'data-focus': `visualise-${v.id}`,
            },
            v.title,
          ),
        ),
      ),
    ),
  );
}

root.addEventListener('input', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.id !== 'concept-search') return;
  query = target.value;
  connection.setState({ query });
  renderResults();
});

root.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== 'Enter' || target.id !== 'concept-search') return;
  // Enter in the search box opens the best match.
  root.querySelector<HTMLButtonElement>('ul.results button')?.click();
});

root.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement | null)?.closest<HTMLButtonElement>('button[data-action]');
  if (!button) return;
  const { action, topic, conceptId, visualisationId } = button.dataset;
  if (action === 'quiz' || action === 'reviewDue' || action === 'quizFile') post({ type: action });
  else if (action === 'quizTopic' && topic) post({ type: 'quizTopic', topic });
  else if (action === 'explain' && conceptId) post({ type: 'explain', conceptId });
  else if (action === 'visualise' && visualisationId) post({ type: 'visualise', visualisationId });
});

function receive(message: StudyHostMessage): void {
  if (message.type === 'snapshot') {
    snapshot = message.snapshot;
    render(snapshot);
  } else {
    root.replaceChildren(h('p', { class: 'notice', role: 'alert' }, message.message));
  }
}

post({ type: 'ready' });
