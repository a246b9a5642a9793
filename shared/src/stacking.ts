import * as Y from 'yjs';
import { isFractionalIndex, keyBetween } from './fractionalIndex';
import { boardMaps, compareNotesByZ } from './schema';

/** The notes' current z, ascending, for the given ids that exist (ties broken by id). */
function ordered(doc: Y.Doc, ids: readonly string[]): { id: string; z: string }[] {
  const { notes } = boardMaps(doc);
  const found: { id: string; z: string }[] = [];
  for (const id of new Set(ids)) {
    const map = notes.get(id);
    if (map) found.push({ id, z: String(map.get('z') ?? '') });
  }
  return found.sort(compareNotesByZ);
}

/** The lowest and highest valid z of the notes not in `except`. */
function bounds(doc: Y.Doc, except: ReadonlySet<string>): { low: string | null; high: string | null } {
  let low: string | null = null;
  let high: string | null = null;
  boardMaps(doc).notes.forEach((map: unknown, id) => {
    if (!(map instanceof Y.Map)) return;
    const z = map.get('z');
    if (except.has(id) || !isFractionalIndex(z)) return;
    if (low === null || z < low) low = z;
    if (high === null || z > high) high = z;
  });
  return { low, high };
}

/** Puts notes above every other note, keeping their order among themselves. Only their `z` is written. */
export function bringToFront(doc: Y.Doc, ids: readonly string[], origin: unknown): void {
  const moving = ordered(doc, ids);
  const { high } = bounds(doc, new Set(moving.map((m) => m.id)));
  const { notes } = boardMaps(doc);
  doc.transact(() => {
    let below = high;
    for (const { id } of moving) {
      below = keyBetween(below, null);
      notes.get(id)?.set('z', below);
    }
  }, origin);
}

/** Puts notes below every other note, keeping their order among themselves. */
export function sendToBack(doc: Y.Doc, ids: readonly string[], origin: unknown): void {
  const moving = ordered(doc, ids);
  const { low } = bounds(doc, new Set(moving.map((m) => m.id)));
  const { notes } = boardMaps(doc);
  doc.transact(() => {
    let above = low;
    for (const { id } of [...moving].reverse()) {
      above = keyBetween(null, above);
      notes.get(id)?.set('z', above);
    }
  }, origin);
}
