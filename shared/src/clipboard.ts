import type * as Y from 'yjs';
import { addNote, linkNotes, topZ } from './commands';
import { keyBetween } from './fractionalIndex';
import { HORIZONS, isNoteColor, NOTE_KINDS, type Horizon, type NoteKind } from './framework';
import { randomId } from './ids';
import { boundsOf } from './layout';
import { boardMaps, readLinks, readNotes, type Note } from './schema';

/** Marks our payload on the clipboard, beside plain text that any other app can paste. */
export const CLIPBOARD_TYPE = 'iot-decision-board/notes';
const CLIPBOARD_VERSION = 1;
const MAX_CLIPBOARD_NOTES = 2000;

/** A copied note: what a note is, less what belongs to its board (stacking, votes, creation time). */
export type ClipboardNote = Pick<
  Note,
  'id' | 'x' | 'y' | 'w' | 'h' | 'text' | 'color' | 'kind' | 'author' | 'department'
> & {
  horizon?: Horizon;
};

/** Notes copied from a board, with the links among them; positions are relative to their top-left. */
export interface ClipboardPayload {
  type: typeof CLIPBOARD_TYPE;
  version: number;
  notes: ClipboardNote[];
  links: { from: string; to: string; label?: string }[];
}

/** The payload for copying these notes (and the links between them) out of a board. */
export function copyNotes(doc: Y.Doc, ids: readonly string[]): ClipboardPayload {
  const wanted = new Set(ids);
  const notes = readNotes(doc).filter((n) => wanted.has(n.id));
  const origin = boundsOf(notes) ?? { x: 0, y: 0 };
  const kept = new Set(notes.map((n) => n.id));
  return {
    type: CLIPBOARD_TYPE,
    version: CLIPBOARD_VERSION,
    notes: notes.map((n) => ({
      id: n.id,
      x: n.x - origin.x,
      y: n.y - origin.y,
      w: n.w,
      h: n.h,
      text: n.text,
      color: n.color,
      kind: n.kind,
      author: n.author,
      department: n.department,
      ...(n.horizon ? { horizon: n.horizon } : {}),
    })),
    links: readLinks(doc)
      .filter((l) => kept.has(l.from) && kept.has(l.to))
      .map((l) => ({ from: l.from, to: l.to, ...(l.label ? { label: l.label } : {}) })),
  };
}

/** The plain-text side of a copy: one note per paragraph, with its kind. */
export function clipboardText(payload: ClipboardPayload): string {
  return payload.notes.map((n) => `[${n.kind}] ${n.text}`.trim()).join('\n\n');
}

/** Reads a clipboard payload from JSON text; null when the text is not one of ours or is damaged. */
export function parseClipboard(text: string): ClipboardPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as Partial<ClipboardPayload> | null;
  if (!v || v.type !== CLIPBOARD_TYPE || v.version !== CLIPBOARD_VERSION) return null;
  if (!Array.isArray(v.notes) || !Array.isArray(v.links) || v.notes.length > MAX_CLIPBOARD_NOTES) return null;
  const ids = new Set<string>();
  for (const n of v.notes as (Partial<ClipboardNote> | null)[]) {
    if (!n || typeof n !== 'object') return null;
    const numbers = [n.x, n.y, n.w, n.h];
    if (typeof n.id !== 'string' || ids.has(n.id)) return null;
    if (!numbers.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
    if (typeof n.text !== 'string' || !isNoteColor(n.color) || !NOTE_KINDS.includes(n.kind as NoteKind))
      return null;
    if (typeof n.author !== 'string' || typeof n.department !== 'string') return null;
    if (n.horizon !== undefined && !HORIZONS.includes(n.horizon)) return null;
    ids.add(n.id);
  }
  for (const l of v.links) {
    if (!l || !ids.has(l.from) || !ids.has(l.to) || l.from === l.to) return null;
    // linkNotes slices the label; anything else would throw halfway through a paste.
    if (l.label !== undefined && typeof l.label !== 'string') return null;
  }
  return v as ClipboardPayload;
}

/**
 * Adds copied notes with new ids, their top-left at `at`, on top of the board, with the links among
 * them; returns the new ids in the payload's order. One transaction, so one undo step.
 */
export function pasteNotes(
  doc: Y.Doc,
  payload: ClipboardPayload,
  at: { x: number; y: number },
  origin: unknown,
): string[] {
  const newIds = new Map<string, string>();
  let z = topZ(boardMaps(doc).notes);
  doc.transact(() => {
    for (const n of payload.notes) {
      const id = randomId();
      z = keyBetween(z, null);
      newIds.set(n.id, id);
      addNote(
        doc,
        // A copied note carries exactly addNote's fields; only its id, place and stacking are new.
        { ...n, id, x: Math.round(at.x + n.x), y: Math.round(at.y + n.y), z },
        origin,
      );
    }
    for (const l of payload.links) {
      linkNotes(doc, { from: newIds.get(l.from)!, to: newIds.get(l.to)!, label: l.label ?? '' }, origin);
    }
  }, origin);
  return [...newIds.values()];
}

/** Copies notes beside themselves (offset by `offset`) and returns the copies' ids. */
export function duplicateNotes(
  doc: Y.Doc,
  ids: readonly string[],
  offset: number,
  origin: unknown,
): string[] {
  const payload = copyNotes(doc, ids);
  const source = readNotes(doc).filter((n) => ids.includes(n.id));
  const bounds = boundsOf(source);
  if (!bounds) return [];
  return pasteNotes(doc, payload, { x: bounds.x + offset, y: bounds.y + offset }, origin);
}
