// QuickPick search over concept titles, aliases and API symbols.
import * as vscode from 'vscode';
import type { ConceptIndex } from '../content/conceptIndex';

interface ConceptItem extends vscode.QuickPickItem {
  conceptId: string;
}

export async function pickConcept(index: ConceptIndex, placeHolder: string): Promise<string | undefined> {
  const items: ConceptItem[] = [...index.concepts]
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((concept) => ({
      label: concept.title,
      description: concept.aliases.join(', '),
      detail: concept.apis.length > 0 ? concept.apis.map((api) => api.symbol).join('  ') : concept.summary,
      conceptId: concept.id,
    }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.conceptId;
}
