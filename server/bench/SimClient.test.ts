import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { noteId, writeNotes } from './boards';
import { SimClient, Traffic } from './SimClient';

describe('SimClient sharing a room document', () => {
  it('edits under its own client id, as a document of its own would', () => {
    const board = new Y.Doc();
    writeNotes(board, 0, 3);
    const roomDoc = new Y.Doc();
    Y.applyUpdate(roomDoc, Y.encodeStateAsUpdate(board));
    const traffic = new Traffic();
    const [ana, ben] = [new SimClient(0, traffic, {}, roomDoc), new SimClient(0, traffic, {}, roomDoc)];
    expect(ana.clientId).not.toBe(ben.clientId);
    expect(ana.doc).toBe(ben.doc);

    const updates: Uint8Array[] = [];
    roomDoc.on('update', (update: Uint8Array) => updates.push(update));
    expect(ana.moveNote(noteId(0), 10, 20)).toBe(0);
    expect(ben.moveNote(noteId(1), 30, 40)).toBe(0);
    expect(ana.moveNote(noteId(0), 11, 21)).toBe(2);

    // Each update carries only its author's items...
    const authors = updates.map((u) => [...new Set(Y.decodeUpdate(u).structs.map((s) => s.id.client))]);
    expect(authors).toEqual([[ana.clientId], [ben.clientId], [ana.clientId]]);
    // ...and applied to the server's copy of the board they give what the people did.
    Y.applyUpdate(board, Y.mergeUpdates(updates));
    const notes = board.getMap('notes');
    const at = (i: number) => {
      const note = notes.get(noteId(i)) as Y.Map<unknown>;
      return [note.get('x'), note.get('y')];
    };
    expect([at(0), at(1)]).toEqual([
      [11, 21],
      [30, 40],
    ]);
    expect(Y.encodeStateVector(board)).toEqual(Y.encodeStateVector(roomDoc));
  });

  it('keeps a document of its own by default', () => {
    const traffic = new Traffic();
    const [a, b] = [new SimClient(0, traffic), new SimClient(0, traffic)];
    expect(a.doc).not.toBe(b.doc);
    expect(a.clientId).toBe(a.doc.clientID);
  });
});
