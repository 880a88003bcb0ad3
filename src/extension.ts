// Activation: registers providers and commands only. Content, webviews and the grader load on first use.
import * as vscode from 'vscode';
import { pickConcept } from './commands/conceptPicker';
import { LearnCodeActionProvider } from './editor/codeActions';
import { DocumentScans } from './editor/documentScans';
import { ConceptHoverProvider } from './editor/hoverProvider';
import { createServices } from './services';
import { EXPLAIN_VIEW_TYPE, ExplainPanel } from './webviews/explainPanel';
import type { ExplainViewState } from './webviews/messages';
import { isVisualisationAvailable } from './webviews/visualisationRegistry';

const PYTHON: vscode.DocumentSelector = [{ language: 'python' }];

export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  const scans = new DocumentScans(services);
  const explainPanel = new ExplainPanel(services, {
    quiz: (conceptId) => void vscode.commands.executeCommand('dlTutor.quizConcept', conceptId),
    visualise: (visualisationId, conceptId) => void vscode.commands.executeCommand('dlTutor.visualise', visualisationId, conceptId),
    canVisualise: isVisualisationAvailable,
  });

  const explain = async (conceptId?: string): Promise<void> => {
    const id = typeof conceptId === 'string' ? conceptId : await pickConcept(services.concepts.get(), 'Explain which concept? Search titles, aliases or API names');
    if (id) explainPanel.show(id);
  };

  const quiz = async (conceptId?: string): Promise<void> => {
    const id = typeof conceptId === 'string' ? conceptId : await pickConcept(services.concepts.get(), 'Quiz me on which concept?');
    const concept = id ? services.concepts.get().get(id) : undefined;
    if (!concept) return;
    const choice = await vscode.window.showInformationMessage(
      `Interactive quizzes are not available in this version yet. ${concept.title} has ${concept.questions.length} questions that will appear there; meanwhile the explanation lists its common misconceptions.`,
      'Open Explanation',
    );
    if (choice) explainPanel.show(concept.id);
  };

  context.subscriptions.push(
    scans,
    vscode.languages.registerHoverProvider(PYTHON, new ConceptHoverProvider(services, scans, isVisualisationAvailable)),
    vscode.languages.registerCodeActionsProvider(PYTHON, new LearnCodeActionProvider(services, scans, isVisualisationAvailable), LearnCodeActionProvider.metadata),
    vscode.commands.registerCommand('dlTutor.explainConcept', explain),
    vscode.commands.registerCommand('dlTutor.quizConcept', quiz),
    vscode.window.registerWebviewPanelSerializer(EXPLAIN_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: ExplainViewState | undefined) => explainPanel.restore(panel, state),
    }),
  );
}

export function deactivate(): void {}
