// Judges one answer and describes the outcome for the quiz webview: everything but the rating. Pure.
import type { ChoiceQuestion, FreeTextQuestion, NumericQuestion } from '../content/schema';
import { FALLBACK_NOTICE } from '../grader/lexicalGrader';
import type { GradeResult } from '../grader/types';
import type { FeedbackView } from '../webviews/quiz/messages';
import { checkNumeric, isChoiceCorrect } from './answerCheck';
import type { QuizItem } from './questionBank';
import type { AnswerOutcome } from './rating';
import { inlineText, richText } from './richText';

export type AnswerFeedback = Omit<FeedbackView, 'rating' | 'suggested' | 'nextReview' | 'visualisation'>;

export interface Assessment {
  outcome: AnswerOutcome;
  feedback: AnswerFeedback;
}

/** `shown` is the position the learner picked; `optionOrder[i]` is the content's option shown at position i. */
export function assessChoice(
  item: QuizItem,
  question: ChoiceQuestion,
  shown: number,
  optionOrder: readonly number[],
): Assessment | undefined {
  const option = optionOrder[shown];
  const chosen = option === undefined ? undefined : question.options[option];
  if (option === undefined || !chosen) return undefined;
  const correct = isChoiceCorrect(question, option);
  return {
    outcome: { kind: 'choice', correct },
    feedback: {
      ...common(item, correct ? 'correct' : 'incorrect'),
      answer: `${shown + 1}. ${chosen.text}`,
      choices: optionOrder.map((index) => {
        const o = question.options[index]!;
        return { text: inlineText(o.text), why: inlineText(o.why), correct: o.correct, chosen: index === option };
      }),
    },
  };
}

/** Undefined when the text is not a number, so the learner can correct a typo without losing the card. */
export function assessNumeric(item: QuizItem, question: NumericQuestion, text: string): Assessment | undefined {
  const check = checkNumeric(question, text);
  if (!check.valid) return undefined;
  const unit = question.unit ? ` ${question.unit}` : '';
  return {
    outcome: { kind: 'numeric', correct: check.correct },
    feedback: {
      ...common(item, check.correct ? 'correct' : 'incorrect'),
      answer: text.trim(),
      expected: `${question.answer}${question.tolerance > 0 ? ` (± ${question.tolerance})` : ''}${unit}`,
    },
  };
}

export function assessFree(
  item: QuizItem,
  question: FreeTextQuestion,
  text: string,
  grade: GradeResult,
  fallback: boolean,
): Assessment {
  const misconception = grade.misconception
    ? item.concept.misconceptions.find((m) => m.id === grade.misconception!.id)
    : undefined;
  return {
    outcome: { kind: 'free', verdict: grade.verdict, score: grade.score },
    feedback: {
      ...common(item, grade.verdict),
      answer: text.trim(),
      grade: {
        score: grade.score,
        verdict: grade.verdict,
        hit: grade.hit,
        missed: grade.missed,
        ...(grade.misconception
          ? {
              misconception: {
                claim: misconception?.claim ?? grade.misconception.text,
                ...(misconception ? { correction: misconception.correction } : {}),
              },
            }
          : {}),
        // The panel labels fallback grading and shows the misconception itself, so the grader's own
        // sentences for them would say them twice.
        feedback: withoutMisconception(
          grade.feedback.replace(FALLBACK_NOTICE, ''),
          grade.misconception?.text,
          misconception?.correction,
        ),
        fallback,
      },
      modelAnswer: richText(question.reference),
    },
  };
}

function common(
  item: QuizItem,
  outcome: FeedbackView['outcome'],
): Pick<AnswerFeedback, 'questionId' | 'outcome' | 'explanation'> {
  const explanation = item.question.explanation;
  return { questionId: item.question.id, outcome, ...(explanation ? { explanation: richText(explanation) } : {}) };
}

/** The grader's feedback without its sentence on the misconception, which the panel shows in its own box. */
function withoutMisconception(feedback: string, claim: string | undefined, correction: string | undefined): string {
  if (!claim) return feedback.trim();
  const sentence = `This looks like a common misconception: "${claim}"${correction ? ` In fact: ${correction}` : ''}`;
  return feedback
    .replace(sentence, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
