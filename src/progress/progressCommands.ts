// Commands over the learner's progress: reset, export, import, and a deck for Anki.
import * as vscode from 'vscode';
import { ankiDeck } from '../quiz/ankiDeck';
import type { Services } from '../services';
import { emptyProgress, mergeProgress, parseProgressText, serialiseProgress } from './model';
import { changeMessage } from './progressMessages';
import { localDay } from './reviews';
import { describeError } from '../errorText';

export async function resetProgress(services: Services): Promise<void> {
  const cards = Object.keys(services.progress.progress.cards).length;
  const choice = await vscode.window.showWarningMessage(
    'Reset all DL Tutor progress?',
    {
      modal: true,
      detail: `This forgets ${cards} reviewed cards and your streak. A copy of the current progress file is kept in ${services.progress.directory}.`,
    },
    'Reset Progress',
  );
  if (choice !== 'Reset Progress') return;
  const outcome = services.progress.replace(emptyProgress());
  services.progress.tell(changeMessage('reset', outcome, services.progress.directory));
}

export async function exportProgress(services: Services): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    title: 'Export DL Tutor progress',
    defaultUri: defaultLocation(`dl-tutor-progress-${localDay(new Date())}.json`),
    filters: { 'DL Tutor progress': ['json'] },
  });
  if (!target) return;
  if (!(await writeText(target, serialiseProgress(services.progress.progress)))) return;
  void vscode.window.showInformationMessage(`DL Tutor progress exported to ${target.fsPath}.`);
}

export async function importProgress(services: Services): Promise<void> {
  const [source] =
    (await vscode.window.showOpenDialog({
      title: 'Import DL Tutor progress',
      canSelectMany: false,
      filters: { 'DL Tutor progress': ['json'] },
    })) ?? [];
  if (!source) return;
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not read ${source.fsPath}: ${describeError(error)}`);
    return;
  }
  const parsed = parseProgressText(text);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(
      `${source.fsPath} is not DL Tutor progress that this version can import: ${parsed.reason}. Nothing was changed.`,
    );
    return;
  }
  const incoming = parsed.progress;
  const skipped = parsed.dropped
    ? ` ${parsed.dropped.count} invalid ${parsed.dropped.count === 1 ? 'entry is' : 'entries are'} skipped (first: ${parsed.dropped.reason}); the file itself is not changed.`
    : '';
  const choice = await vscode.window.showWarningMessage(
    `Import ${Object.keys(incoming.cards).length} cards from ${source.fsPath}?${skipped}`,
    {
      modal: true,
      detail:
        'Merge keeps, for every card, whichever review is more recent, and combines the streaks. Replace discards your current progress (a copy of it is kept).',
    },
    'Merge',
    'Replace',
  );
  if (choice === 'Merge') {
    const outcome = services.progress.commit((current) => mergeProgress(current, incoming));
    services.progress.tell(changeMessage('merged', outcome, services.progress.directory));
  } else if (choice === 'Replace') {
    const outcome = services.progress.replace(incoming);
    services.progress.tell(changeMessage('replaced', outcome, services.progress.directory));
  }
}

export async function exportAnkiDeck(services: Services): Promise<void> {
  const items = services.questions.get().items;
  const target = await vscode.window.showSaveDialog({
    title: 'Export the DL Tutor questions for Anki',
    defaultUri: defaultLocation('dl-tutor-anki.txt'),
    filters: { 'Tab-separated text': ['txt', 'tsv'] },
  });
  if (!target) return;
  if (!(await writeText(target, ankiDeck(items)))) return;
  void vscode.window.showInformationMessage(
    `Exported ${items.length} cards to ${target.fsPath}. In Anki choose File > Import and pick this file.`,
  );
}

async function writeText(target: vscode.Uri, text: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    return true;
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not write ${target.fsPath}: ${describeError(error)}`);
    return false;
  }
}

function defaultLocation(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
}
