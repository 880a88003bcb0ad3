// Questions computed from the learner's file: answers worked out from the code, answered in a session,
// never kept as review cards.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConceptIndex } from '../../src/content/conceptIndex';
import { readContentDirectory } from '../../src/content/contentDirectory';
import { validateContent } from '../../src/content/validation';
import { codeQuestions } from '../../src/modelInsight/codeQuestions';
import { emptyProgress, type Progress } from '../../src/progress/model';
import { QuestionBank } from '../../src/quiz/questionBank';
import { QuizController, type QuizGrader } from '../../src/quiz/quizController';
import { startSession } from '../../src/quiz/session';
import { scanPython } from '../../src/scanner/scanner';
import type { QuizHostMessage } from '../../src/webviews/quiz/messages';

const concepts = validateContent(readContentDirectory('content')).concepts;
const index = new ConceptIndex(concepts);
const source = readFileSync('test/fixtures/models/training_script.py', 'utf8');
const questions = codeQuestions(scanPython(source, index), index, 10);
const byKind = (kind: string) => questions.filter((item) => item.question.id.startsWith(`code-${kind}-`));

describe('questions from the code', () => {
  it('ask for parameter counts with the answer computed from the layer', () => {
    const [conv, fc] = byKind('params').map((item) => item.question);
    expect(conv).toMatchObject({ type: 'numeric', answer: 3 * 16 * 5 * 5 + 16, tolerance: 0 });
    expect(conv!.prompt).toBe(
      'How many trainable parameters does `nn.Conv2d(3, 16, kernel_size=5, stride=1, padding=2)` on line 11 have?',
    );
    expect(fc).toMatchObject({ answer: 4096 * 10 + 10 });
    expect(byKind('params')[0]!.concept.id).toBe('convolution');
  });

  it('ask for a convolution output size given the input shape the file feeds the model', () => {
    const [item] = byKind('conv-output');
    expect(item!.question).toMatchObject({ answer: 32, compute: 'floor((32 + 2*2 - 5)/1) + 1' });
    expect(item!.question.prompt).toContain('has shape (8, 3, 32, 32). What is the height of its output?');
  });

  it('ask what fraction dropout keeps, and the learning rate after the scheduler steps', () => {
    expect(byKind('dropout-keep').map((item) => item.question)).toMatchObject([{ answer: 0.7 }]);
    const [lr] = byKind('lr-after-steps').map((item) => item.question);
    // SGD at 0.1, halved every 2 steps: after 6 steps, 3 halvings.
    expect(lr).toMatchObject({ answer: 0.0125, compute: '0.1 * 0.5**3' });
    expect(lr!.prompt).toContain('after 6 calls of `step()`');
  });

  it('mix the kinds when there are more questions than room', () => {
    const three = codeQuestions(scanPython(source, index), index, 3).map((item) =>
      item.question.id.replace(/-\d+-\d+$/, ''),
    );
    expect(new Set(three).size).toBe(3);
  });

  it('ask nothing whose answer depends on an unknown size', () => {
    const unknown =
      'import torch.nn as nn\n\nclass M(nn.Module):\n    def __init__(self, vocab):\n        super().__init__()\n        self.e = nn.Embedding(vocab, 32)\n';
    expect(codeQuestions(scanPython(unknown, index), index)).toEqual([]);
  });

  it('are graded in the session but never saved as review cards', async () => {
    const item = byKind('params')[0]!;
    const bank = new QuestionBank(concepts).including([item]);
    let progress: Progress = emptyProgress();
    const posted: QuizHostMessage[] = [];
    const grader: QuizGrader = {
      loaded: async () => ({ kind: 'onnx' }),
      grade: async () => {
        throw new Error('not used');
      },
    };
    const controller = new QuizController({
      questions: () => bank,
      grader,
      progress: () => progress,
      updateProgress: (change) => (progress = change(progress)),
      post: (message) => posted.push(message),
      actions: { explain: () => undefined, visualise: () => undefined, again: () => undefined },
      logError: () => undefined,
    });
    controller.open(startSession(bank, 'Quiz', { kind: 'concepts', conceptIds: ['convolution'] }, [item.question.id]));
    await controller.receive({ type: 'ready' });
    await controller.receive({
      type: 'answer',
      questionId: item.question.id,
      answer: { kind: 'numeric', text: '1216' },
    });
    expect(controller.state?.feedback).toMatchObject({
      outcome: 'correct',
      nextReview: 'none (this question was worked out from your code, so it is not kept as a card)',
    });
    expect(progress.cards).toEqual({});
    expect(new QuestionBank(concepts).get(item.question.id)).toBeUndefined();
  });
});
