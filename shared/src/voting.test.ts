import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, moveNotes } from './commands';
import { LAYER_HEIGHT, LAYER_GAP } from './layout';
import { boardMaps, readBoard } from './schema';
import { readSession } from './session';
import {
  dotsLeft,
  dotsUsed,
  endVote,
  noteDots,
  placeDot,
  removeDot,
  revealVote,
  startVote,
  voteResults,
} from './voting';
import { LOCAL, newBoard, note, noteInput, replicaOf, sync, transactionsOf } from './testing';

/** y of a point inside layer `index`'s first area (the template stacks layers top to bottom). */
const inLayer = (index: number) => index * (LAYER_HEIGHT + LAYER_GAP) + 300;

/** A board with notes d1, d2 in Devices and c1 in Communications. */
function board() {
  const doc = newBoard();
  addNote(doc, noteInput({ id: 'd1', x: 100, y: inLayer(0) }), LOCAL);
  addNote(doc, noteInput({ id: 'd2', x: 400, y: inLayer(0) }), LOCAL);
  addNote(doc, noteInput({ id: 'c1', x: 100, y: inLayer(2) }), LOCAL);
  return doc;
}

describe('startVote', () => {
  it('opens a vote and clears the dots of the previous one, in one transaction', () => {
    const doc = board();
    startVote(doc, { scope: 'board', dotsPerPerson: 3 }, 'u-f', LOCAL, 10);
    placeDot(doc, 'd1', 'u-a', LOCAL);
    placeDot(doc, 'c1', 'u-b', LOCAL);
    let vote = readSession(doc).vote;
    const origins = transactionsOf(doc, () => {
      vote = startVote(doc, { scope: 'devices', dotsPerPerson: 2 }, 'u-f', LOCAL, 20);
    });
    expect(origins).toEqual([LOCAL]);
    expect(readSession(doc).vote).toEqual({
      id: vote!.id,
      scope: 'devices',
      dotsPerPerson: 2,
      status: 'open',
      startedAt: 20,
      startedBy: 'u-f',
    });
    expect(readBoard(doc).notes.map((n) => n.votes)).toEqual([{}, {}, {}]);
  });

  it('refuses an unknown scope and a dot allowance outside 1 to 20', () => {
    const doc = board();
    expect(() => startVote(doc, { scope: 'roof' as never, dotsPerPerson: 3 }, 'u', LOCAL, 1)).toThrow(
      /unknown vote scope: roof/,
    );
    for (const dots of [0, 21, 2.5, NaN]) {
      expect(() => startVote(doc, { scope: 'board', dotsPerPerson: dots }, 'u', LOCAL, 1)).toThrow(
        /dotsPerPerson must be a whole number from 1 to 20/,
      );
    }
    expect(readSession(doc).vote).toBeNull();
  });
});

describe('placeDot and removeDot', () => {
  it('lets a person spend their dots, several on one note, and no more', () => {
    const doc = board();
    startVote(doc, { scope: 'board', dotsPerPerson: 3 }, 'u-f', LOCAL, 1);
    expect(placeDot(doc, 'd1', 'u-a', LOCAL)).toEqual({ ok: true, dotsLeft: 2 });
    expect(placeDot(doc, 'd1', 'u-a', LOCAL)).toEqual({ ok: true, dotsLeft: 1 });
    expect(placeDot(doc, 'c1', 'u-a', LOCAL)).toEqual({ ok: true, dotsLeft: 0 });
    expect(placeDot(doc, 'd2', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'no dots left' });
    expect(placeDot(doc, 'd2', 'u-b', LOCAL)).toEqual({ ok: true, dotsLeft: 2 });
    expect(note(doc, 'd1').votes).toEqual({ 'u-a': 2 });
    expect(dotsUsed(readBoard(doc), 'u-a')).toBe(3);
    expect(dotsLeft(readBoard(doc), readSession(doc).vote!, 'u-b')).toBe(2);
    expect(removeDot(doc, 'd1', 'u-a', LOCAL)).toEqual({ ok: true, dotsLeft: 1 });
    expect(note(doc, 'd1').votes).toEqual({ 'u-a': 1 });
    expect(removeDot(doc, 'd1', 'u-a', LOCAL)).toEqual({ ok: true, dotsLeft: 2 });
    expect(note(doc, 'd1').votes).toEqual({});
    expect(removeDot(doc, 'd1', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'no dot here' });
  });

  it('accepts dots only on notes of the voted layer, but takes them back anywhere', () => {
    const doc = board();
    startVote(doc, { scope: 'devices', dotsPerPerson: 5 }, 'u-f', LOCAL, 1);
    expect(placeDot(doc, 'c1', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'not in this vote' });
    expect(placeDot(doc, 'd1', 'u-a', LOCAL).ok).toBe(true);
    moveNotes(doc, [{ id: 'd1', x: 100, y: inLayer(2) }], LOCAL);
    expect(placeDot(doc, 'd1', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'not in this vote' });
    expect(removeDot(doc, 'd1', 'u-a', LOCAL).ok).toBe(true);
    addNote(doc, noteInput({ id: 'off', x: -5000, y: -5000 }), LOCAL);
    expect(placeDot(doc, 'off', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'not in this vote' });
  });

  it('refuses without an open vote and on a missing note', () => {
    const doc = board();
    expect(placeDot(doc, 'd1', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'no open vote' });
    startVote(doc, { scope: 'board', dotsPerPerson: 2 }, 'u-f', LOCAL, 1);
    expect(placeDot(doc, 'gone', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'unknown note' });
    placeDot(doc, 'd1', 'u-a', LOCAL);
    expect(revealVote(doc, LOCAL)).toBe(true);
    expect(placeDot(doc, 'd2', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'no open vote' });
    expect(removeDot(doc, 'd1', 'u-a', LOCAL)).toEqual({ ok: false, reason: 'no open vote' });
    expect(() => placeDot(doc, 'd1', '', LOCAL)).toThrow(/userId must be/);
  });

  it('gives a note that lost its votes map a new one', () => {
    const doc = board();
    boardMaps(doc).notes.get('d1')!.delete('votes');
    startVote(doc, { scope: 'board', dotsPerPerson: 2 }, 'u-f', LOCAL, 1);
    expect(placeDot(doc, 'd1', 'u-a', LOCAL).ok).toBe(true);
    expect(boardMaps(doc).notes.get('d1')!.get('votes')).toBeInstanceOf(Y.Map);
    expect(note(doc, 'd1').votes).toEqual({ 'u-a': 1 });
  });

  it('merges dots placed by different people at the same time', () => {
    const a = board();
    startVote(a, { scope: 'board', dotsPerPerson: 3 }, 'u-f', LOCAL, 1);
    const b = replicaOf(a);
    placeDot(a, 'd1', 'u-a', LOCAL);
    placeDot(b, 'd1', 'u-b', LOCAL);
    placeDot(b, 'd1', 'u-b', LOCAL);
    sync(a, b);
    expect(note(a, 'd1').votes).toEqual({ 'u-a': 1, 'u-b': 2 });
    expect(readBoard(b)).toEqual(readBoard(a));
  });
});

describe('noteDots', () => {
  it("adds every voter's dots on a note, and is 0 on a note without any", () => {
    const doc = board();
    startVote(doc, { scope: 'board', dotsPerPerson: 3 }, 'u-f', LOCAL, 1);
    placeDot(doc, 'd1', 'u-a', LOCAL);
    placeDot(doc, 'd1', 'u-a', LOCAL);
    placeDot(doc, 'd1', 'u-b', LOCAL);
    expect(noteDots(note(doc, 'd1'))).toBe(3);
    expect(noteDots(note(doc, 'd2'))).toBe(0);
  });
});

describe('revealVote, endVote and voteResults', () => {
  it('reveals, then ends the vote keeping the dots visible until the next vote', () => {
    const doc = board();
    expect(revealVote(doc, LOCAL)).toBe(false);
    expect(endVote(doc, LOCAL)).toBe(false);
    startVote(doc, { scope: 'board', dotsPerPerson: 3 }, 'u-f', LOCAL, 1);
    placeDot(doc, 'd2', 'u-a', LOCAL);
    revealVote(doc, LOCAL);
    expect(readSession(doc).vote?.status).toBe('revealed');
    expect(revealVote(doc, LOCAL)).toBe(false);
    expect(endVote(doc, LOCAL)).toBe(true);
    expect(readSession(doc).vote).toBeNull();
    expect(voteResults(readBoard(doc), null).notes.map((r) => [r.note.id, r.dots])).toEqual([['d2', 1]]);
  });

  it('ranks notes by dots, then by how many people agree, then in painting order, with shared ranks', () => {
    const doc = board();
    addNote(doc, noteInput({ id: 'd3', x: 700, y: inLayer(0) }), LOCAL);
    const vote = startVote(doc, { scope: 'board', dotsPerPerson: 5 }, 'u-f', LOCAL, 1);
    for (const [id, who] of [
      ['d1', 'u-a'],
      ['d1', 'u-a'],
      ['d2', 'u-a'],
      ['d2', 'u-b'],
      ['c1', 'u-c'],
      ['c1', 'u-c'],
      ['c1', 'u-b'],
      ['d3', 'u-c'],
    ] as const) {
      expect(placeDot(doc, id, who, LOCAL).ok).toBe(true);
    }
    const results = voteResults(readBoard(doc), vote);
    expect(results.notes.map((r) => [r.note.id, r.dots, r.voters, r.rank])).toEqual([
      ['c1', 3, 2, 1],
      ['d2', 2, 2, 2],
      ['d1', 2, 1, 2],
      ['d3', 1, 1, 4],
    ]);
    expect(results.voters).toBe(3);
    expect(results.dotsCast).toBe(8);
  });

  it('ranks only the voted layer, equal notes in the same order on every replica', () => {
    const doc = board();
    const vote = startVote(doc, { scope: 'devices', dotsPerPerson: 2 }, 'u-f', LOCAL, 1);
    placeDot(doc, 'd2', 'u-a', LOCAL);
    placeDot(doc, 'd1', 'u-b', LOCAL);
    const replica = replicaOf(doc);
    const ids = (d: Y.Doc) => voteResults(readBoard(d), vote).notes.map((r) => r.note.id);
    expect(ids(doc)).toEqual(['d1', 'd2']);
    expect(ids(replica)).toEqual(ids(doc));
    moveNotes(doc, [{ id: 'd2', x: 100, y: inLayer(2) }], LOCAL);
    expect(ids(doc)).toEqual(['d1']);
    expect(voteResults(readBoard(doc), { scope: 'communications' }).notes.map((r) => r.note.id)).toEqual([
      'd2',
    ]);
  });
});
