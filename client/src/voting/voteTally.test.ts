import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, createBoard, LAYER_GAP, LAYER_HEIGHT, readBoard, revealVote, startVote } from '@shared';
import { parseDots, refusalMessage, roundResults, scopeFilter } from './voteTally';

const LOCAL = { local: true };
const inLayer = (index: number) => index * (LAYER_HEIGHT + LAYER_GAP) + 300;

function board() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Vote', createdAt: 1 }, 'server');
  const add = (id: string, layer: number) =>
    addNote(doc, { id, x: 120, y: inLayer(layer), author: 'Ana', department: 'cloud' }, LOCAL);
  add('d1', 0);
  add('d2', 0);
  add('c1', 2);
  return doc;
}

describe('roundResults', () => {
  it('ranks a revealed round once per snapshot and round', () => {
    const doc = board();
    const vote = startVote(doc, { scope: 'devices', dotsPerPerson: 3 }, 'fac', LOCAL, 1);
    const round = revealVote(doc, vote.id, [{ d1: 2 }, { d2: 1, d1: 1 }], 'server', 2)!;
    const { notes } = readBoard(doc);
    const results = roundResults(notes, round);
    expect(results.notes.map((n) => [n.note.id, n.dots, n.rank])).toEqual([
      ['d1', 3, 1],
      ['d2', 1, 2],
    ]);
    expect(results.voters).toBe(2);
    expect(roundResults(notes, round)).toBe(results);
    expect(roundResults(readBoard(doc).notes, round)).not.toBe(results);
  });
});

describe('scopeFilter', () => {
  it("keeps the notes whose centre is in the vote's layer, or every note for the whole board", () => {
    const snapshot = readBoard(board());
    const inDevices = scopeFilter(snapshot.zones, 'devices');
    expect(snapshot.notes.filter(inDevices).map((n) => n.id)).toEqual(['d1', 'd2']);
    expect(snapshot.notes.filter(scopeFilter(snapshot.zones, 'board'))).toHaveLength(3);
  });
});

describe('refusalMessage', () => {
  it('names the layer of the vote, tells how to get a dot back, and says when a dot was not saved', () => {
    expect(refusalMessage('not in this vote', 'communications')).toContain('Communications');
    expect(refusalMessage('no dots left', 'board')).toMatch(/take one back/);
    expect(refusalMessage('not saved', 'board')).toMatch(/could not be saved/);
  });
});

describe('parseDots', () => {
  it('takes a whole number of dots from 1 to 20 and says what is wrong otherwise', () => {
    expect(parseDots(' 5 ')).toEqual({ ok: true, dots: 5 });
    expect(parseDots('20')).toEqual({ ok: true, dots: 20 });
    for (const bad of ['', '0', '21', '2.5', 'three', '-1']) {
      expect(parseDots(bad)).toEqual({ ok: false, error: expect.stringMatching(/from 1 to 20/) });
    }
  });
});
