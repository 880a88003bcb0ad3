// Renders the quiz state as DOM: the question form, the feedback after an answer, the end of the session.
// Every string from content, the grader or the learner goes in as text.
import type { RatingName } from '../../src/progress/model';
import { answerLengthNote, MAX_ANSWER_CHARACTERS } from '../../src/quiz/answerCheck';
import type { FeedbackView, QuestionView, QuizViewState } from '../../src/webviews/quiz/messages';
import { blockNodes, h, spanNodes } from '../dom';

export const RATING_LABELS: Record<RatingName, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };
export const OUTCOME_HEADINGS = {
  correct: 'Correct',
  partial: 'Partly right',
  incorrect: 'Not quite',
  unsure: 'Not sure: compare with the model answer',
} as const;

export function renderHeader(state: QuizViewState): HTMLElement {
  const total = state.questionIds.length;
  const progress = state.question
    ? `Question ${state.position + 1} of ${total} · ${state.question.conceptTitle}`
    : `${state.results.length} of ${total} answered`;
  return h('header', {}, h('h1', { id: 'quiz-title' }, state.title), h('p', { class: 'muted progress' }, progress));
}

export function renderQuestion(
  question: QuestionView,
  draft: QuizViewState['draft'],
  answered: boolean,
): HTMLFormElement {
  const prompt = h('div', { id: 'question-prompt', class: 'prompt' }, ...blockNodes(question.prompt));
  const hint = h('p', { id: 'answer-hint', class: 'muted hint' });
  const error = h('p', { id: 'answer-error', class: 'error', role: 'alert' });
  const form = h('form', {
    class: `question ${question.kind}`,
    'aria-labelledby': 'question-prompt',
    novalidate: true,
    'data-question-id': question.questionId,
  });
  const own = draft?.questionId === question.questionId ? draft : undefined;

  if (question.kind === 'choice') {
    const options = question.options.map((option, index) =>
      h(
        'label',
        { class: 'option' },
        h('input', {
          type: 'radio',
          name: 'option',
          value: index,
          checked: own?.option === index,
          disabled: answered,
          'data-focus': `option-${index}`,
        }),
        h('span', { class: 'key', 'aria-hidden': 'true' }, String(index + 1)),
        h('span', { class: 'text' }, ...spanNodes(option)),
      ),
    );
    form.append(
      h(
        'fieldset',
        { 'aria-describedby': 'answer-hint answer-error' },
        h('legend', {}, prompt),
        h('div', { class: 'options' }, ...options),
      ),
    );
    hint.textContent = `Press 1 to ${Math.min(9, question.options.length)} to choose, the arrow keys to move, Enter to submit.`;
  } else {
    form.append(prompt);
    const describedBy = 'answer-hint answer-error';
    if (question.kind === 'numeric') {
      form.append(
        h('input', {
          type: 'text',
          inputmode: 'decimal',
          autocomplete: 'off',
          spellcheck: 'false',
          class: 'answer',
          'aria-labelledby': 'question-prompt',
          'aria-describedby': describedBy,
          value: own?.text ?? '',
          disabled: answered,
          'data-focus': 'answer',
        }),
      );
      if (question.unit) form.append(h('span', { class: 'unit' }, question.unit));
      hint.textContent = 'A number such as 0.25, 1e-3, 1/4 or 1,050,624. Enter submits.';
    } else {
      const area = h('textarea', {
        rows: 5,
        class: 'answer',
        'aria-labelledby': 'question-prompt',
        'aria-describedby': `${describedBy} answer-count`,
        disabled: answered,
        'data-focus': 'answer',
      });
      area.value = own?.text ?? '';
      form.append(area, renderAnswerCount(area.value.length));
      hint.textContent = `Answer in a sentence or two (at most ${MAX_ANSWER_CHARACTERS.toLocaleString('en-US')} characters). Ctrl+Enter submits.`;
    }
  }
  form.append(
    hint,
    error,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', disabled: answered, 'data-focus': 'submit' }, 'Submit answer'),
    ),
  );
  return form;
}

/** The free-text length counter; marked over the limit so the learner sees it before submitting. */
export function renderAnswerCount(length: number): HTMLElement {
  return h(
    'p',
    { id: 'answer-count', class: `muted count${length > MAX_ANSWER_CHARACTERS ? ' over' : ''}` },
    answerLengthNote(length),
  );
}

export function renderFeedback(
  feedback: FeedbackView,
  conceptId: string,
  conceptTitle: string,
  last: boolean,
): HTMLElement {
  const section = h('section', {
    class: `feedback ${feedback.outcome}`,
    tabindex: -1,
    'aria-labelledby': 'feedback-heading',
    'data-focus': 'feedback',
  });
  section.append(h('h2', { id: 'feedback-heading' }, OUTCOME_HEADINGS[feedback.outcome]));
  section.append(h('p', { class: 'your-answer' }, h('span', { class: 'label' }, 'Your answer: '), feedback.answer));

  if (feedback.choices) {
    section.append(
      h(
        'ul',
        { class: 'choices' },
        ...feedback.choices.map((choice) => {
          const tags = [choice.correct ? 'Correct answer' : '', choice.chosen ? 'Your choice' : '']
            .filter(Boolean)
            .join(', ');
          return h(
            'li',
            { class: [choice.correct ? 'correct' : '', choice.chosen ? 'chosen' : ''].join(' ').trim() },
            tags ? h('span', { class: 'tag' }, `${tags}: `) : null,
            h('span', { class: 'option-text' }, ...spanNodes(choice.text)),
            h('span', { class: 'why' }, ' — ', ...spanNodes(choice.why)),
          );
        }),
      ),
    );
  }
  if (feedback.expected)
    section.append(h('p', {}, h('span', { class: 'label' }, 'Accepted answer: '), feedback.expected));
  if (feedback.grade) section.append(renderGrade(feedback.grade));
  if (feedback.modelAnswer) section.append(h('h3', {}, 'A model answer'), ...blockNodes(feedback.modelAnswer));
  if (feedback.explanation) section.append(h('div', { class: 'explanation' }, ...blockNodes(feedback.explanation)));

  section.append(
    h(
      'div',
      { class: 'links' },
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          'data-action': 'explain',
          'data-concept-id': conceptId,
          'data-focus': 'explain',
        },
        `Open explanation: ${conceptTitle}`,
      ),
      feedback.visualisation
        ? h(
            'button',
            {
              type: 'button',
              class: 'link',
              'data-action': 'visualise',
              'data-visualisation-id': feedback.visualisation.id,
              'data-concept-id': conceptId,
              'data-focus': 'visualise',
            },
            `Visualise: ${feedback.visualisation.title}`,
          )
        : null,
    ),
  );
  section.append(renderRating(feedback));
  section.append(
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', 'data-action': 'next', 'data-focus': 'next' },
        last ? 'See results' : 'Next question',
      ),
    ),
  );
  section.append(h('p', { class: 'muted hint' }, 'Enter here or on Next moves on.'));
  return section;
}

function renderGrade(grade: NonNullable<FeedbackView['grade']>): HTMLElement {
  const box = h('div', { class: 'grade' });
  box.append(
    h(
      'p',
      { class: grade.fallback ? 'grader fallback notice' : 'grader muted' },
      grade.fallback
        ? 'Graded by the simple word-overlap fallback, because the answer model could not be loaded: it may miss answers in your own words.'
        : 'Graded by the offline answer model.',
    ),
    h('p', {}, h('span', { class: 'label' }, 'Score: '), `${Math.round(grade.score * 100)}%`),
  );
  if (grade.hit.length > 0)
    box.append(
      h('h3', {}, 'Key points you made'),
      h('ul', { class: 'hit' }, ...grade.hit.map((point) => h('li', {}, point))),
    );
  if (grade.missed.length > 0)
    box.append(
      h('h3', {}, 'Key points missed'),
      h('ul', { class: 'missed' }, ...grade.missed.map((point) => h('li', {}, point))),
    );
  if (grade.misconception) {
    box.append(
      h(
        'div',
        { class: 'misconception' },
        h('p', { class: 'claim' }, h('span', { class: 'label' }, 'Misconception: '), grade.misconception.claim),
        grade.misconception.correction
          ? h('p', { class: 'correction' }, h('span', { class: 'label' }, 'In fact: '), grade.misconception.correction)
          : null,
      ),
    );
  }
  box.append(h('p', { class: 'grader-feedback' }, grade.feedback));
  return box;
}

function renderRating(feedback: FeedbackView): HTMLElement {
  const overridden = feedback.rating !== feedback.suggested;
  const label = overridden
    ? `You rated this ${RATING_LABELS[feedback.rating]} (the quiz suggested ${RATING_LABELS[feedback.suggested]}); next review ${feedback.nextReview}.`
    : `Rated ${RATING_LABELS[feedback.rating]} from your answer; next review ${feedback.nextReview}. Change the rating if it felt different:`;
  return h(
    'div',
    { class: 'rating', role: 'group', 'aria-labelledby': 'rating-label' },
    h('p', { id: 'rating-label' }, label),
    ...(Object.keys(RATING_LABELS) as RatingName[]).map((rating) =>
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-action': 'rate',
          'data-rating': rating,
          'aria-pressed': String(rating === feedback.rating),
          'data-focus': `rate-${rating}`,
        },
        RATING_LABELS[rating],
      ),
    ),
  );
}

export function renderSummary(state: QuizViewState): HTMLElement {
  const count = (outcome: string): number => state.results.filter((result) => result.outcome === outcome).length;
  const due = state.dueLeft ?? 0;
  const review = state.review ?? [];
  return h(
    'section',
    { class: 'summary', tabindex: -1, 'aria-labelledby': 'summary-heading', 'data-focus': 'summary' },
    h('h2', { id: 'summary-heading' }, 'Session complete'),
    h(
      'p',
      {},
      `You answered ${state.results.length} questions: ${count('correct')} correct, ${count('partial')} partly right, ${count('incorrect')} not yet${count('unsure') > 0 ? `, ${count('unsure')} left for you to judge` : ''}.`,
    ),
    review.length > 0 ? renderReview(review) : null,
    h(
      'p',
      {},
      due === 0
        ? 'No cards are due for the rest of today.'
        : `${due} ${due === 1 ? 'card is' : 'cards are'} still due today.`,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', 'data-action': 'again', 'data-focus': 'again' }, 'Another round'),
    ),
  );
}

/** The questions missed in this session, each with its concept's explanation and visualisation. */
function renderReview(review: NonNullable<QuizViewState['review']>): HTMLElement {
  return h(
    'div',
    { class: 'review' },
    h('h3', { id: 'review-heading' }, 'To revisit'),
    h(
      'ol',
      { class: 'review-list', 'aria-labelledby': 'review-heading' },
      ...review.map((entry, index) =>
        h(
          'li',
          { class: `review-item ${entry.outcome}` },
          h('div', { class: 'review-prompt' }, ...blockNodes(entry.prompt)),
          h('p', { class: 'muted' }, `${OUTCOME_HEADINGS[entry.outcome]} · ${entry.conceptTitle}`),
          h(
            'div',
            { class: 'links' },
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                'data-action': 'explain',
                'data-concept-id': entry.conceptId,
                'data-focus': `review-explain-${index}`,
              },
              `Explain: ${entry.conceptTitle}`,
            ),
            entry.visualisation
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    'data-action': 'visualise',
                    'data-visualisation-id': entry.visualisation.id,
                    'data-concept-id': entry.conceptId,
                    'data-focus': `review-visualise-${index}`,
                  },
                  `Visualise: ${entry.visualisation.title}`,
                )
              : null,
          ),
        ),
      ),
    ),
  );
}
