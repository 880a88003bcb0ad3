// The HTML shell shared by every webview: strict CSP with a nonce, local resources only.
import { randomBytes } from 'node:crypto';

export interface WebviewDocumentParts {
  /** The webview's `cspSource`, the only origin allowed for styles, images and fonts. */
  cspSource: string;
  title: string;
  /** Trusted HTML produced by our own renderers (all user text already escaped). */
  body: string;
  styleUris: readonly string[];
  scriptUri: string;
  nonce?: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function webviewDocument(parts: WebviewDocumentParts): string {
  const nonce = parts.nonce ?? createNonce();
  const csp = [
    "default-src 'none'",
    `img-src ${parts.cspSource} data:`,
    `style-src ${parts.cspSource}`,
    `font-src ${parts.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = parts.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(parts.title)}</title>
  </head>
  <body>
    ${parts.body}
    <script nonce="${nonce}" src="${escapeHtml(parts.scriptUri)}"></script>
  </body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
