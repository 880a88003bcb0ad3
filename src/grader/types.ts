// The grader's public shapes. Pure: no file system, no runtime.

/** A wrong belief an answer may show; `correction` is what feedback tells the learner instead. */
export interface GradableMisconception {
  id: string;
  claim: string;
  correction?: string;
}

/** Everything needed to grade an answer; content questions and CLI lines both map to this. */
export interface GradableQuestion {
  prompt: string;
  reference: string;
  keyPoints: string[];
  misconceptions: GradableMisconception[];
}

/** `unsure`: the grader cannot tell; the learner compares with the model answer and rates themselves. */
export type Verdict = 'correct' | 'partial' | 'incorrect' | 'unsure';

export interface GradeResult {
  /** 0..1, comparable to the human scores in the content's samples. */
  score: number;
  verdict: Verdict;
  /** Key points the answer states, in the question's order. */
  hit: string[];
  /** Key points the answer does not state, in the question's order. */
  missed: string[];
  misconception?: { id: string; text: string };
  /** Plain text, safe to show; quotes at most a short, sanitised excerpt of the answer. */
  feedback: string;
}

export interface AnswerGrader {
  grade(question: GradableQuestion, answer: string): Promise<GradeResult>;
}
