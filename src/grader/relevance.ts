// Whether an answer is about this question at all. A fluent answer to a neighbouring question shares the
// field's words with the reference ("gradient", "layer", "weights") and can score like a partly right
// answer; an answer judged off topic is never more than incorrect. Pure.
import type { Cues } from './cues';
import { referenceOnly } from './decision';
import { isContentToken, tokenize } from './text';
import type { GradableQuestion } from './types';

/**
 * A short answer can paraphrase the reference without one shared word ("when the reading becomes
 * 1.5 V" for "when the voltage changes"), so only answers of this many content words or more are
 * judged off topic.
 */
export const OFF_TOPIC_MIN_WORDS = 6;

function longEnough(answer: string): boolean {
  return tokenize(answer).filter(isContentToken).length >= OFF_TOPIC_MIN_WORDS;
}

/**
 * The relevance head's judgement: its output (a logistic regression trained to tell other questions'
 * references from right and partly right answers) at or above the cut-off fitted on the training
 * questions.
 */
export function headFindsOffTopic(relevance: number, cutoff: number, answer: string): boolean {
  return relevance >= cutoff && longEnough(answer);
}

/**
 * Not one of the reference's own terms, and almost every word new to the question and the reference.
 * The head can miss such an everyday sentence when it shares a word with the question ("train" in a
 * question about training); on the training questions no right or partly right graded answer of
 * OFF_TOPIC_MIN_WORDS content words or more looks like this.
 */
function sharesNoTerm(cues: Cues): boolean {
  return cues.novelWords >= 0.85 && cues.weightedSpecificPrecision === 0;
}

/**
 * The model's judgement: the relevance head's, or an answer that shares no term with the reference. The
 * head learned what an answer about something else looks like on questions with key points of their own;
 * a question given with a reference alone (outside data through the command line) had no such answers to
 * learn from, so there the word rule below judges.
 */
export function offTopic(
  question: GradableQuestion,
  relevance: number,
  cutoff: number,
  cues: Cues,
  answer: string,
): boolean {
  if (referenceOnly(question)) return offTopicByWords(cues, answer);
  return headFindsOffTopic(relevance, cutoff, answer) || (sharesNoTerm(cues) && longEnough(answer));
}

/**
 * The judgement without the head (the word-overlap fallback, and questions with a reference alone): almost all of the answer's words are new to
 * the question and the reference, and the reference's own terms, weighted by rarity, make up little of
 * it and it states few of them.
 */
export function offTopicByWords(cues: Cues, answer: string): boolean {
  return (
    cues.novelWords >= 0.85 &&
    cues.weightedSpecificPrecision <= 0.15 &&
    cues.weightedSpecificRecall <= 0.2 &&
    longEnough(answer)
  );
}
