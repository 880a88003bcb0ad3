// Display names of the content topics. Pure: the sidebar webview imports it too.
export function topicLabel(topic: string): string {
  const words = topic.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
