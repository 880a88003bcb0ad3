// Turns the bytes of a Python file into text the scanner can read, refusing binary files.

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

const SNIFF_BYTES = 8192;

export function decodePythonSource(bytes: Uint8Array): DecodeResult {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return { ok: false, reason: 'the file looks binary (it contains NUL bytes)' };
  try {
    return { ok: true, text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    // PEP 263: a coding cookie in the first two lines names the encoding.
    const firstLines = new TextDecoder('latin1').decode(head).split(/\r?\n/).slice(0, 2).join('\n');
    const declared = firstLines.match(/^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/m)?.[1];
    for (const encoding of [declared, 'windows-1252'].filter((e): e is string => Boolean(e))) {
      try {
        return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
      } catch {
        // Unknown or wrong encoding: try the next candidate.
      }
    }
    // latin1 maps every byte to a character, so columns stay stable.
    return { ok: true, text: new TextDecoder('latin1').decode(bytes), encoding: 'latin1' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
