// Registers the quiz, progress and study-sidebar features: commands, the quiz panel and its serializer,
// the sidebar view and the due-cards status-bar item. Nothing here loads content or progress up front.
import * as vscode from 'vscode';
import { registerCommand, runCommand, runGuarded } from '../commands/commandAdapter';
import { COMMANDS } from '../commands/commandTable';
import type { DocumentAnalysis } from '../editor/documentAnalysis';
import { exportAnkiDeck, exportProgress, importProgress, resetProgress } from '../progress/progressCommands';
import type { Services } from '../services';
import { LastPythonEditor } from '../editor/lastPythonEditor';
import { DueStatusBar } from '../sidebar/dueStatusBar';
import { STUDY_VIEW_ID, StudyViewProvider } from '../webviews/study/studyView';
import { QuizLauncher } from './quizLauncher';
import { QuizPanel } from '../webviews/quiz/quizPanel';

export interface StudyLinks {
  explain(conceptId: string): void;
  visualise(visualisationId: string, conceptId?: string): void;
}

/** `onStudyViewShown` hears when the sidebar is first shown (the walkthrough's sidebar step). */
export function registerStudyFeatures(
  services: Services,
  analysis: DocumentAnalysis,
  links: StudyLinks,
  onStudyViewShown: () => void,
): vscode.Disposable[] {
  const panel = new QuizPanel(services, {
    explain: links.explain,
    visualise: links.visualise,
    again: (scope, title) =>
      void runGuarded(services.log, { title: 'Quiz Me Again' }, () => launcher.again(scope, title)),
  });
  const pythonEditors = new LastPythonEditor();
  const launcher = new QuizLauncher(services, panel, analysis, pythonEditors);
  const sidebar = new StudyViewProvider(
    services,
    (message) => {
      // The sidebar's buttons run the palette's commands, or are guarded as they are.
      if (message.type === 'quiz') void runCommand(COMMANDS.quiz);
      else if (message.type === 'reviewDue') void runCommand(COMMANDS.reviewDue);
      else if (message.type === 'quizFile') void runCommand(COMMANDS.quizFile);
      else if (message.type === 'quizTopic')
        void runGuarded(services.log, { title: 'Quiz Me on a Topic' }, () => launcher.topic(message.topic));
      else if (message.type === 'explain') links.explain(message.conceptId);
      else links.visualise(message.visualisationId);
    },
    onStudyViewShown,
  );

  return [
    sidebar,
    pythonEditors,
    new DueStatusBar(services),
    vscode.window.registerWebviewViewProvider(STUDY_VIEW_ID, sidebar),
    panel,
    panel.host.registerSerializer(),
    registerCommand(services.log, COMMANDS.quiz, () => launcher.mixed()),
    registerCommand(services.log, COMMANDS.quizFile, () => launcher.file()),
    registerCommand(services.log, COMMANDS.reviewDue, () => launcher.reviewDue()),
    registerCommand(services.log, COMMANDS.quizConcept, (conceptId) => launcher.concept(conceptId)),
    registerCommand(services.log, COMMANDS.resetProgress, () => resetProgress(services)),
    registerCommand(services.log, COMMANDS.exportProgress, () => exportProgress(services)),
    registerCommand(services.log, COMMANDS.importProgress, () => importProgress(services)),
    registerCommand(services.log, COMMANDS.exportAnkiDeck, () => exportAnkiDeck(services)),
    // Another window may have saved reviews; coming back to this one shows them.
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) services.progress.refresh();
    }),
  ];
}
