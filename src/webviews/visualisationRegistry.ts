// The visualisations this build can actually open. Content may name others that are not built yet;
// links to those are hidden rather than leading to an empty panel.
const AVAILABLE = new Set<string>();

export function isVisualisationAvailable(visualisationId: string): boolean {
  return AVAILABLE.has(visualisationId);
}
