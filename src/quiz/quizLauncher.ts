// Starts quiz sessions for the commands: mixed, due cards only, one concept, the concepts of a file, a topic.
import * as vscode from 'vscode';
import { pickConcept } from '../commands/conceptPicker';
import type { DocumentScans } from '../editor/documentScans';
import type { Services } from '../services';
import type { QuizScope } from '../webviews/quizMessages';
import type { QuizPanel } from './quizPanel';
import { selectQuestions } from './selection';
import { startSession } from './session';
import { topicLabel } from './topics';

export class QuizLauncher {
  constructor(
    private readonly services: Services,
    private readonly panel: QuizPanel,
    private readonly scans: DocumentScans,
  ) {}

  mixed(): void {
    this.start({ kind: 'mixed' }, 'Quiz');
  }

  reviewDue(): void {
    if (this.start({ kind: 'due' }, 'Review due cards')) return;
    void vscode.window.showInformationMessage('No DL Tutor cards are due today.', 'Quiz Me Anyway').then((choice) => {
      if (choice) this.mixed();
    });
  }

  async concept(conceptId?: string): Promise<void> {
    const index = this.services.concepts.get();
    const id = typeof conceptId === 'string' ? conceptId : await pickConcept(index, 'Quiz me on which concept? Search titles, aliases or API names');
    const concept = id ? index.get(id) : undefined;
    if (!concept) return;
    if (!this.start({ kind: 'concepts', conceptIds: [concept.id] }, `Quiz: ${concept.title}`)) {
      void vscode.window.showInformationMessage(`${concept.title} has no quiz questions yet.`);
    }
  }

  file(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'python') {
      void vscode.window.showInformationMessage('Open a Python file to be quizzed on the deep-learning concepts it uses.');
      return;
    }
    const conceptIds = [...new Set(this.scans.scan(editor.document)?.uses.map((use) => use.conceptId) ?? [])];
    const name = editor.document.uri.path.split('/').pop() ?? 'this file';
    if (conceptIds.length === 0 || !this.start({ kind: 'concepts', conceptIds }, `Quiz: ${name}`)) {
      void vscode.window.showInformationMessage(`DL Tutor found no concepts with quiz questions in ${name}.`);
    }
  }

  topic(topic: string): void {
    const conceptIds = this.services.concepts.get().concepts.filter((c) => c.topic === topic).map((c) => c.id);
    this.start({ kind: 'concepts', conceptIds }, `Quiz: ${topicLabel(topic)}`);
  }

  /** Another round like the session that just ended. */
  again(scope: QuizScope, title: string): void {
    if (scope.kind === 'due') this.reviewDue();
    else this.start(scope, title);
  }

  /** Opens the quiz panel with a new session; false when the scope has no questions to ask. */
  start(scope: QuizScope, title: string): boolean {
    const bank = this.services.questions.get();
    const size = vscode.workspace.getConfiguration('dlTutor').get<number>('quiz.sessionSize', 10);
    const selected = selectQuestions(bank.items, this.services.progress.progress.cards, {
      now: new Date(),
      size: Math.max(1, Math.floor(size)),
      dueOnly: scope.kind === 'due',
      ...(scope.kind === 'concepts' ? { conceptIds: new Set(scope.conceptIds) } : {}),
    });
    if (selected.length === 0) return false;
    this.panel.show(startSession(bank, title, scope, selected.map((item) => item.question.id)));
    return true;
  }
}
