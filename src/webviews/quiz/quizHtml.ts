// The page shell of the quiz webview; media/quiz builds the questions into it from the host's messages.
export function renderQuizHtml(): string {
  return `<main class="quiz" data-state="loading">
<p class="muted" role="status">Loading the quiz…</p>
</main>`;
}
