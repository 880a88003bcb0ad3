// Computes what the study sidebar shows from the content and the learner's progress. Pure.
import type { Concept } from '../content/schema';
import type { Progress } from '../progress/model';
import { localDay } from '../progress/reviews';
import type { QuizItem } from '../quiz/questionBank';
import { dueItems, streakDays, topicProgress, weakestTopics, type TopicProgress } from '../quiz/stats';
import { topicLabel } from '../quiz/topics';
import type { StudySnapshot, TopicSummary } from '../webviews/study/messages';
import { VISUALISATIONS } from '../webviews/visualise/visualisationRegistry';

export function studySnapshot(
  concepts: readonly Concept[],
  items: readonly QuizItem[],
  progress: Progress,
  now: Date,
): StudySnapshot {
  const topics = topicProgress(items, progress.cards);
  return {
    due: dueItems(items, progress.cards, now).length,
    streak: streakDays(progress.reviewDays, now),
    reviewedToday: progress.reviewDays.includes(localDay(now)),
    topics: topics.map(summary),
    weakest: weakestTopics(topics).map(summary),
    concepts: concepts.map((c) => ({
      id: c.id,
      title: c.title,
      aliases: c.aliases,
      symbols: c.apis.map((api) => api.symbol),
    })),
    visualisations: VISUALISATIONS.map((v) => ({ id: v.id, title: v.title })),
  };
}

function summary(topic: TopicProgress): TopicSummary {
  return {
    topic: topic.topic,
    label: topicLabel(topic.topic),
    total: topic.total,
    seen: topic.seen,
    mastered: topic.mastered,
    ...(topic.accuracy !== undefined ? { accuracy: topic.accuracy } : {}),
  };
}
