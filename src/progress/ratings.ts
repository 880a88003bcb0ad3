// The four review ratings. Their own module, free of the progress file's schemas, so that the quiz webview's
// protocol can name them without bundling those.
export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type RatingName = (typeof RATINGS)[number];
