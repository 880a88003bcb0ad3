// The page shell of the visualisation webview; the script in media/visualise draws into `.stage`.
import type { VisualisationInfo } from './visualisationRegistry';
import { escapeHtml } from '../webviewDocument';

export interface RelatedConcept {
  id: string;
  title: string;
}

export function renderVisualisationHtml(info: VisualisationInfo, concept: RelatedConcept | undefined): string {
  const explain = concept
    ? `<div class="actions"><button data-action="explain" data-concept-id="${escapeHtml(concept.id)}">Explain ${escapeHtml(concept.title)}</button></div>`
    : '';
  return `<main class="visualisation" data-visualisation-id="${escapeHtml(info.id)}"${concept ? ` data-concept-id="${escapeHtml(concept.id)}"` : ''}>
<header><h1>${escapeHtml(info.title)}</h1><p class="muted">${escapeHtml(info.description)}</p>${explain}</header>
<div class="stage"></div>
</main>`;
}
