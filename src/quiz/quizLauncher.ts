// Starts quiz sessions for the commands: mixed, due cards only, one concept, the concepts of a file, a topic.
import * as vscode from 'vscode';
import { pickConcept } from '../commands/conceptPicker';
import type { DocumentAnalysis } from '../editor/documentAnalysis';
import type { Services } from '../services';
import { readSetting } from '../settings/readSettings';
import type { QuizScope } from '../webviews/quiz/messages';
import type { QuizPanel } from '../webviews/quiz/quizPanel';
import type { QuizItem } from './questionBank';
import { selectQuestions } from './selection';
import { startSession } from './session';
import type { LastPythonEditor } from '../editor/lastPythonEditor';
import { topicLabel } from './topics';

export class QuizLauncher {
  constructor(
    private readonly services: Services,
    private readonly panel: QuizPanel,
    private readonly analysis: DocumentAnalysis,
    private readonly pythonEditors: LastPythonEditor,
  ) {}

  async mixed(): Promise<void> {
    await this.start({ kind: 'mixed' }, 'Quiz');
  }

  async reviewDue(): Promise<void> {
    if (await this.start({ kind: 'due' }, 'Review due cards')) return;
    void vscode.window.showInformationMessage('No DL Tutor cards are due today.', 'Quiz Me Anyway').then((choice) => {
      if (choice) void this.mixed();
    });
  }

  async concept(conceptId?: string): Promise<void> {
    const index = this.services.concepts.get();
    const id =
      typeof conceptId === 'string'
        ? conceptId
        : await pickConcept(index, 'Quiz me on which concept? Search titles, aliases or API names');
    const concept = id ? index.get(id) : undefined;
    if (!concept) return;
    if (!(await this.start({ kind: 'concepts', conceptIds: [concept.id] }, `Quiz: ${concept.title}`))) {
      void vscode.window.showInformationMessage(`${concept.title} has no quiz questions yet.`);
    }
  }

  /** "This file" is the last Python editor, even when a webview (the sidebar, a quiz) has focus now. */
  async file(): Promise<void> {
    const document = this.pythonEditors.lastPythonDocument();
    if (!document) {
      void vscode.window.showInformationMessage(
        'Open a Python file to be quizzed on the deep-learning concepts it uses.',
      );
      return;
    }
    const found = await this.analysis.ask(document, {
      kind: 'fileQuestions',
      limit: Math.ceil(this.sessionSize() / 2),
    });
    const conceptIds = found?.conceptIds ?? [];
    const name = document.uri.path.split('/').pop() ?? 'this file';
    const index = this.services.concepts.get();
    const computed = (found?.questions ?? []).flatMap(({ conceptId, ...item }): QuizItem[] => {
      const concept = index.get(conceptId);
      return concept ? [{ ...item, concept }] : [];
    });
    if (conceptIds.length === 0 || !(await this.start({ kind: 'concepts', conceptIds }, `Quiz: ${name}`, computed))) {
      void vscode.window.showInformationMessage(`DL Tutor found no concepts with quiz questions in ${name}.`);
    }
  }

  async topic(topic: string): Promise<void> {
    const conceptIds = this.services.concepts
      .get()
      .concepts.filter((c) => c.topic === topic)
      .map((c) => c.id);
    await this.start({ kind: 'concepts', conceptIds }, `Quiz: ${topicLabel(topic)}`);
  }

  /** Another round like the session that just ended. */
  async again(scope: QuizScope, title: string): Promise<void> {
    if (scope.kind === 'due') await this.reviewDue();
    else await this.start(scope, title);
  }

  /**
   * Opens the quiz panel with a new session; false when the scope has no questions to ask. An unfinished
   * session is never dropped silently: the learner resumes it or confirms starting afresh. Questions
   * computed from a file take their share of the session, alternating with the knowledge base's.
   */
  async start(scope: QuizScope, title: string, computed: readonly QuizItem[] = []): Promise<boolean> {
    const bank = this.services.questions.get();
    const selected = selectQuestions(bank.items, this.services.progress.progress.cards, {
      now: new Date(),
      size: Math.max(1, this.sessionSize() - computed.length),
      dueOnly: scope.kind === 'due',
      ...(scope.kind === 'concepts' ? { conceptIds: new Set(scope.conceptIds) } : {}),
    });
    if (selected.length === 0 && computed.length === 0) return false;
    const unfinished = this.panel.unfinished();
    if (unfinished) {
      const answered = unfinished.results.length;
      const choice = await vscode.window.showWarningMessage(
        `You have an unfinished quiz, "${unfinished.title}" (${answered} of ${unfinished.questionIds.length} answered).`,
        {
          modal: true,
          detail: 'Resume it, or start the new quiz and drop it? Answers already given are saved either way.',
        },
        'Resume',
        'Start New Quiz',
      );
      if (choice === 'Resume') {
        this.panel.resume(unfinished);
        return true;
      }
      if (choice !== 'Start New Quiz') return true;
      this.panel.discardUnfinished();
    }
    const ids = alternate(
      selected.map((item) => item.question.id),
      computed.map((item) => item.question.id),
    );
    this.panel.show(startSession(bank.including(computed), title, scope, ids), computed);
    return true;
  }

  private sessionSize(): number {
    return readSetting('quiz.sessionSize');
  }
}

/** a1, b1, a2, b2, ...: the rest of the longer list at the end. */
function alternate(first: readonly string[], second: readonly string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < Math.max(first.length, second.length); i += 1) {
    if (i < first.length) result.push(first[i]!);
    if (i < second.length) result.push(second[i]!);
  }
  return result;
}
