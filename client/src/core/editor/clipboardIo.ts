import { CLIPBOARD_TYPE, clipboardText, parseClipboard, type ClipboardPayload } from '@shared';

/** Our payload's own clipboard type, readable when copying and pasting inside Chromium-based browsers. */
const JSON_TYPE = `application/x-${CLIPBOARD_TYPE.replace('/', '-')}+json`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Puts copied notes on the clipboard three ways: our JSON (custom type), HTML carrying the JSON in an
 * attribute (survives the system clipboard between browsers), and plain text for any other app.
 */
export function writeClipboard(data: DataTransfer, payload: ClipboardPayload): void {
  const json = JSON.stringify(payload);
  const text = clipboardText(payload);
  data.setData('text/plain', text);
  data.setData(JSON_TYPE, json);
  data.setData(
    'text/html',
    `<div data-iot-decision-board="${escapeHtml(json)}">${escapeHtml(text).replace(/\n/g, '<br>')}</div>`,
  );
}

/** What a paste brings: our notes, or plain text from elsewhere (each paragraph becomes a note). */
export type PastedContent =
  { kind: 'notes'; payload: ClipboardPayload } | { kind: 'text'; paragraphs: string[] };

export function readClipboard(data: DataTransfer): PastedContent | null {
  const direct = data.getData(JSON_TYPE);
  const fromJson = direct ? parseClipboard(direct) : null;
  if (fromJson) return { kind: 'notes', payload: fromJson };
  const html = data.getData('text/html');
  const attribute = html && /data-iot-decision-board="([^"]*)"/.exec(html)?.[1];
  if (attribute) {
    const decoded =
      new DOMParser().parseFromString(`<p>${attribute}</p>`, 'text/html').body.textContent ?? '';
    const payload = parseClipboard(decoded);
    if (payload) return { kind: 'notes', payload };
  }
  const text = data.getData('text/plain').trim();
  if (!text) return null;
  // Blank-line separated paragraphs, or else one note per line (a pasted list).
  const parts = /\r?\n\s*\r?\n/.test(text) ? text.split(/\r?\n\s*\r?\n/) : text.split(/\r?\n/);
  const paragraphs = parts
    .map((p) => p.trim())
    .filter(Boolean)
    .slice(0, 200);
  return paragraphs.length ? { kind: 'text', paragraphs } : null;
}
