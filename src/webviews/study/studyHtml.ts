// The page shell of the study sidebar; media/study fills it from the host's snapshot.
export function renderStudyHtml(): string {
  return `<main class="study" data-state="loading">
<p class="muted" role="status">Loading your progress…</p>
</main>`;
}
