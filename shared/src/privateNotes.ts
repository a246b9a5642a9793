import type * as Y from 'yjs';
import { addNote, deleteNotes, topZ } from './commands';
import { keyBetween } from './fractionalIndex';
import { boardMaps, readNotes } from './schema';

/**
 * Silent brainstorming keeps each person's notes in a local private document (the same notes schema,
 * written with addNote, never synced) until the facilitator reveals them.
 */

/**
 * Publishes every note of the private document onto the board in one transaction, with the same ids and
 * content, then removes them from the private document. The revealed notes go on top of the board in
 * their private order: their private `z` values were made against the private notes only.
 *
 * Idempotent: a note the board already holds (an earlier reveal that did not finish clearing the private
 * document, or a second device of the same person) is not added twice. Returns the ids added.
 */
export function revealNotes(board: Y.Doc, privateDoc: Y.Doc, origin: unknown): string[] {
  const pending = readNotes(privateDoc);
  if (pending.length === 0) return [];
  const { notes } = boardMaps(board);
  const added: string[] = [];
  board.transact(() => {
    let z = topZ(notes);
    for (const note of pending) {
      if (notes.has(note.id)) continue;
      z = keyBetween(z, null);
      addNote(
        board,
        {
          id: note.id,
          x: note.x,
          y: note.y,
          w: note.w,
          h: note.h,
          text: note.text,
          color: note.color,
          kind: note.kind,
          ...(note.horizon ? { horizon: note.horizon } : {}),
          z,
          author: note.author,
          department: note.department,
          createdAt: note.createdAt,
        },
        origin,
      );
      added.push(note.id);
    }
  }, origin);
  deleteNotes(
    privateDoc,
    pending.map((n) => n.id),
    origin,
  );
  return added;
}
