// Registers the quiz, progress and study-sidebar features: commands, the quiz panel and its serializer,
// the sidebar view and the due-cards status-bar item. Nothing here loads content or progress up front.
import * as vscode from 'vscode';
import type { DocumentScans } from '../editor/documentScans';
import { exportAnkiDeck, exportProgress, importProgress, resetProgress } from '../progress/progressCommands';
import type { Services } from '../services';
import { LastPythonEditor } from '../editor/lastPythonEditor';
import { DueStatusBar } from '../sidebar/dueStatusBar';
import { STUDY_VIEW_ID, StudyViewProvider } from '../sidebar/studyView';
import { QuizLauncher } from './quizLauncher';
import { QUIZ_VIEW_TYPE, QuizPanel } from './quizPanel';

export interface StudyLinks {
  explain(conceptId: string): void;
  visualise(visualisationId: string, conceptId?: string): void;
}

/** `onStudyViewShown` hears when the sidebar is first shown (the walkthrough's sidebar step). */
export function registerStudyFeatures(
  services: Services,
  scans: DocumentScans,
  links: StudyLinks,
  onStudyViewShown: () => void,
): vscode.Disposable[] {
  const panel = new QuizPanel(services, {
    explain: links.explain,
    visualise: links.visualise,
    again: (scope, title) => void launcher.again(scope, title),
  });
  const pythonEditors = new LastPythonEditor();
  const launcher = new QuizLauncher(services, panel, scans, pythonEditors);
  const sidebar = new StudyViewProvider(
    services,
    (message) => {
      if (message.type === 'quiz') void launcher.mixed();
      else if (message.type === 'reviewDue') void launcher.reviewDue();
      else if (message.type === 'quizFile') void launcher.file();
      else if (message.type === 'quizTopic') void launcher.topic(message.topic);
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
    vscode.window.registerWebviewPanelSerializer(QUIZ_VIEW_TYPE, {
      deserializeWebviewPanel: async (restored: vscode.WebviewPanel, state: unknown) => panel.restore(restored, state),
    }),
    vscode.commands.registerCommand('dlTutor.quiz', () => launcher.mixed()),
    vscode.commands.registerCommand('dlTutor.quizFile', () => launcher.file()),
    vscode.commands.registerCommand('dlTutor.reviewDue', () => launcher.reviewDue()),
    vscode.commands.registerCommand('dlTutor.quizConcept', (conceptId?: string) => launcher.concept(conceptId)),
    vscode.commands.registerCommand('dlTutor.resetProgress', () => resetProgress(services)),
    vscode.commands.registerCommand('dlTutor.exportProgress', () => exportProgress(services)),
    vscode.commands.registerCommand('dlTutor.importProgress', () => importProgress(services)),
    vscode.commands.registerCommand('dlTutor.exportAnkiDeck', () => exportAnkiDeck(services)),
    // Another window may have saved reviews; coming back to this one shows them.
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) services.progress.refresh();
    }),
  ];
}
