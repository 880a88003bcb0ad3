// Activation: registers providers and commands only. Content, webviews and the grader load on first use.
import * as vscode from 'vscode';
import { pickConcept } from './commands/conceptPicker';
import { registerCommand, runCommand } from './commands/commandAdapter';
import { COMMANDS } from './commands/commandTable';
import { graderStatus } from './commands/graderStatus';
import { LearnCodeActionProvider } from './editor/codeActions';
import { DocumentAnalysis } from './editor/documentAnalysis';
import { ConceptHoverProvider } from './editor/hoverProvider';
import { MistakeDiagnostics } from './editor/mistakeDiagnostics';
import { ModelCodeLensProvider } from './editor/modelCodeLens';
import { registerStudyFeatures } from './quiz/studyFeatures';
import { createServices } from './services';
import { WalkthroughProgress } from './walkthroughProgress';
import { ExplainPanel } from './webviews/explain/explainPanel';
import { ModelSummaryPanel } from './webviews/modelSummary/modelSummaryPanel';
import { isVisualisationAvailable } from './webviews/visualise/visualisationRegistry';
import { pickVisualisation, VisualisationPanel } from './webviews/visualise/visualisationPanel';

const PYTHON: vscode.DocumentSelector = [{ language: 'python' }];

export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  const walkthrough = new WalkthroughProgress(services);
  const analysis = new DocumentAnalysis(services);
  const diagnostics = new MistakeDiagnostics(services, analysis);
  const explainPanel = new ExplainPanel(services, {
    quiz: (conceptId) => void runCommand(COMMANDS.quizConcept, conceptId),
    visualise: (visualisationId, conceptId) => void runCommand(COMMANDS.visualise, visualisationId, conceptId),
    canVisualise: isVisualisationAvailable,
  });
  const visualisationPanel = new VisualisationPanel(services, {
    explain: (conceptId) => void runCommand(COMMANDS.explainConcept, conceptId),
  });

  const modelSummaryPanel = new ModelSummaryPanel(services, analysis);
  const showModelSummary = async (uri?: unknown, line?: unknown): Promise<void> => {
    const target =
      uri instanceof vscode.Uri
        ? uri
        : vscode.window.activeTextEditor?.document.languageId === 'python'
          ? vscode.window.activeTextEditor.document.uri
          : undefined;
    if (!target) {
      void vscode.window.showInformationMessage('Open a Python file that defines a model to see its summary.');
      return;
    }
    await modelSummaryPanel.show(target, typeof line === 'number' ? line : -1);
  };

  const showExplanation = (conceptId: string): void => {
    explainPanel.show(conceptId);
    walkthrough.mark('explained');
  };
  const showVisualisation = (visualisationId: string, conceptId?: string): void => {
    visualisationPanel.show(visualisationId, conceptId);
    walkthrough.mark('visualised');
  };

  const explain = async (conceptId?: string): Promise<void> => {
    const id =
      typeof conceptId === 'string'
        ? conceptId
        : await pickConcept(services.concepts.get(), 'Explain which concept? Search titles, aliases or API names');
    if (id) showExplanation(id);
  };

  const visualise = async (visualisationId?: string, conceptId?: string): Promise<void> => {
    const id = typeof visualisationId === 'string' ? visualisationId : await pickVisualisation();
    if (id) showVisualisation(id, typeof conceptId === 'string' ? conceptId : undefined);
  };

  context.subscriptions.push(
    analysis,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(PYTHON, diagnostics, MistakeDiagnostics.metadata),
    walkthrough,
    vscode.languages.registerHoverProvider(
      PYTHON,
      new ConceptHoverProvider(analysis, () => walkthrough.mark('hovered')),
    ),
    vscode.languages.registerCodeActionsProvider(
      PYTHON,
      new LearnCodeActionProvider(analysis),
      LearnCodeActionProvider.metadata,
    ),
    vscode.languages.registerCodeLensProvider(PYTHON, new ModelCodeLensProvider(analysis)),
    registerCommand(services.log, COMMANDS.showModelSummary, showModelSummary),
    registerCommand(services.log, COMMANDS.explainConcept, explain),
    registerCommand(services.log, COMMANDS.visualise, visualise),
    registerCommand(services.log, COMMANDS.graderStatus, () => graderStatus(services.grader, services.log)),
    ...registerStudyFeatures(services, analysis, { explain: showExplanation, visualise: showVisualisation }, () =>
      walkthrough.mark('studied'),
    ),
    ...[explainPanel, modelSummaryPanel, visualisationPanel].flatMap((panel) => [
      panel,
      panel.host.registerSerializer(),
    ]),
  );
}

export function deactivate(): void {}
