import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from './commands';
import { revealNotes, settleRevealedNotes } from './privateNotes';
import { createProjector } from './projection';
import { readNotes, readZones } from './schema';
import { LOCAL, newBoard, note, noteInput, overlap, replicaOf, sync, transactionsOf } from './testing';

/** Priya's local private document, holding two notes written during silent brainstorming. */
function privateNotes(): Y.Doc {
  const doc = new Y.Doc();
  addNote(
    doc,
    noteInput({ id: 'p1', text: 'Solar top-up', kind: 'idea', x: 120, y: 300, createdAt: 7 }),
    LOCAL,
  );
  addNote(
    doc,
    noteInput({ id: 'p2', text: 'Who pays the SIM?', kind: 'question', horizon: 'next', x: 400 }),
    LOCAL,
  );
  return doc;
}

describe('revealNotes', () => {
  it('publishes every private note onto the board in one transaction, then empties the private document', () => {
    const board = newBoard();
    addNote(board, noteInput({ id: 'shared', text: 'Already on the board', x: 700 }), LOCAL);
    const mine = privateNotes();
    const before = readNotes(mine);
    let added: string[] = [];
    expect(transactionsOf(board, () => (added = revealNotes(board, mine, LOCAL)))).toEqual([LOCAL]);
    expect(added).toEqual(['p1', 'p2']);
    for (const original of before) {
      const { z: _z, ...content } = original;
      expect(note(board, original.id)).toEqual({ ...content, z: expect.any(String) });
    }
    // On top of the board, in their private order.
    expect(readNotes(board).map((n) => n.id)).toEqual(['shared', 'p1', 'p2']);
    expect(readNotes(mine)).toEqual([]);
  });

  it('moves a note that would land on another to a free spot of the same cell, and leaves the rest', () => {
    const board = newBoard();
    const cell = readZones(board).find((z) => z.id === 'communications:technology')!;
    const at = { x: cell.x + 40, y: cell.y + 60 };
    // Ben revealed first; Priya wrote hers on the same spot without seeing his.
    addNote(board, noteInput({ id: 'ben', text: 'LoRaWAN', ...at }), LOCAL);
    const priya = new Y.Doc();
    addNote(priya, noteInput({ id: 'p1', text: 'NB-IoT', ...at }), LOCAL);
    addNote(priya, noteInput({ id: 'p2', text: 'LTE-M', x: at.x + 10, y: at.y + 10 }), LOCAL);
    addNote(priya, noteInput({ id: 'p3', text: 'Far away', x: cell.x + 350, y: cell.y + 250 }), LOCAL);
    revealNotes(board, priya, LOCAL);

    const notes = readNotes(board);
    const place = createProjector(readZones(board));
    for (const a of notes) {
      expect(place.placeNote(a)).toMatchObject({ layer: 'communications', area: 'technology' });
      for (const b of notes) if (a !== b) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
    }
    expect(note(board, 'ben')).toMatchObject(at);
    expect(note(board, 'p3')).toMatchObject({ x: cell.x + 350, y: cell.y + 250 });
  });

  it('reaches the others as ordinary board notes', () => {
    const board = newBoard();
    const other = replicaOf(board);
    revealNotes(board, privateNotes(), LOCAL);
    sync(board, other);
    expect(readNotes(other).map((n) => n.text)).toEqual(['Solar top-up', 'Who pays the SIM?']);
  });

  it('is idempotent: run twice, or with a note the board already holds', () => {
    const board = newBoard();
    const mine = privateNotes();
    revealNotes(board, mine, LOCAL);
    expect(revealNotes(board, mine, LOCAL)).toEqual([]);
    // A second device of the same person still holds p2 (it synced its private doc from elsewhere).
    const again = privateNotes();
    addNote(again, noteInput({ id: 'p3', text: 'Battery swap by the grower' }), LOCAL);
    expect(revealNotes(board, again, LOCAL)).toEqual(['p3']);
    expect(
      readNotes(board)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['p1', 'p2', 'p3']);
    expect(note(board, 'p2').text).toBe('Who pays the SIM?');
    expect(readNotes(again)).toEqual([]);
  });

  it('keeps painting order consistent with the board it joins', () => {
    const board = newBoard();
    for (let i = 0; i < 5; i++) addNote(board, noteInput({ id: `b${i}` }), LOCAL);
    revealNotes(board, privateNotes(), LOCAL);
    // Copying the private z values would have slotted p1 and p2 among b0..b4.
    expect(readNotes(board).map((n) => n.id)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'p1', 'p2']);
  });

  it('does nothing when there is nothing private', () => {
    const board = newBoard();
    expect(transactionsOf(board, () => expect(revealNotes(board, new Y.Doc(), LOCAL)).toEqual([]))).toEqual(
      [],
    );
  });

  it('settles notes two people revealed at the same moment onto the same spot', () => {
    const ben = newBoard();
    const priya = replicaOf(ben);
    const cell = readZones(ben).find((z) => z.id === 'cloud:data')!;
    const spot = { x: cell.x + 100, y: cell.y + 100 };
    const benNotes = new Y.Doc();
    addNote(benNotes, noteInput({ id: 'b-note', text: 'Keep raw data 13 months', ...spot }), LOCAL);
    const priyaNotes = new Y.Doc();
    addNote(priyaNotes, noteInput({ id: 'a-note', text: 'Aggregate hourly', ...spot }), LOCAL);
    // Both reveal before either hears of the other's.
    const benIds = new Set(revealNotes(ben, benNotes, LOCAL));
    const priyaIds = new Set(revealNotes(priya, priyaNotes, LOCAL));
    sync(ben, priya);
    expect(overlap(note(ben, 'a-note'), note(ben, 'b-note'))).toBe(true);

    // The greater id moves, on its owner's device only; the other keeps its place.
    expect(settleRevealedNotes(priya, priyaIds, LOCAL)).toEqual([]);
    expect(settleRevealedNotes(ben, benIds, LOCAL)).toEqual(['b-note']);
    sync(ben, priya);
    for (const doc of [ben, priya]) {
      expect(overlap(note(doc, 'a-note'), note(doc, 'b-note'))).toBe(false);
      expect(note(doc, 'a-note')).toMatchObject(spot);
      expect(createProjector(readZones(doc)).placeNote(note(doc, 'b-note'))).toMatchObject({
        layer: 'cloud',
        area: 'data',
      });
    }
    expect(settleRevealedNotes(ben, benIds, LOCAL)).toEqual([]);
  });
});
