import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  createBoard,
  LAYER_GAP,
  LAYER_HEIGHT,
  placeDot,
  readBoard,
  revealVote,
  startVote,
  type VoteState,
} from '@shared';
import { parseDots, refusalMessage, scopeFilter, tallyVote } from './voteTally';

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

describe('tallyVote', () => {
  it("counts one person's dots, the voters in scope and ranks the results", () => {
    const doc = board();
    const vote = startVote(doc, { scope: 'devices', dotsPerPerson: 3 }, 'fac', LOCAL, 1);
    placeDot(doc, 'd1', 'ana', LOCAL);
    placeDot(doc, 'd1', 'ana', LOCAL);
    placeDot(doc, 'd2', 'ben', LOCAL);
    placeDot(doc, 'd1', 'ben', LOCAL);
    const tally = tallyVote(readBoard(doc), vote, 'ana');
    expect(tally).toMatchObject({ dotsUsed: 2, dotsLeft: 1, voters: 2 });
    expect(tally.results.notes.map((n) => [n.note.id, n.dots, n.rank])).toEqual([
      ['d1', 3, 1],
      ['d2', 1, 2],
    ]);
    expect(tallyVote(readBoard(doc), vote, 'cleo')).toMatchObject({ dotsUsed: 0, dotsLeft: 3 });
  });

  it('computes the results once per snapshot and vote', () => {
    const doc = board();
    const vote = startVote(doc, { scope: 'board', dotsPerPerson: 2 }, 'fac', LOCAL, 1);
    placeDot(doc, 'c1', 'ana', LOCAL);
    const snapshot = readBoard(doc);
    const first = tallyVote(snapshot, vote, 'ana').results;
    expect(tallyVote(snapshot, vote, 'ben').results).toBe(first);
    revealVote(doc, LOCAL);
    const revealed: VoteState = { ...vote, status: 'revealed' };
    expect(tallyVote(snapshot, revealed, 'ana').results).not.toBe(first);
    expect(tallyVote(snapshot, revealed, 'ana').results.notes[0]?.note.id).toBe('c1');
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
  it('names the layer of the vote and tells how to get a dot back', () => {
    expect(refusalMessage('not in this vote', 'communications')).toContain('Communications');
    expect(refusalMessage('no dots left', 'board')).toMatch(/take one back/);
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
