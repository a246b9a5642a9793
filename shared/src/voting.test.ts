import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNotes, moveNotes } from './commands';
import { LAYER_HEIGHT, LAYER_GAP } from './layout';
import { boardMaps, readBoard } from './schema';
import { readSession } from './session';
import { MAX_VOTE_ROUNDS, type VoteRound } from './voteRounds';
import {
  changeBallot,
  checkBallot,
  dotTargets,
  endVote,
  parseBallot,
  pruneBallot,
  revealVote,
  roundOf,
  shownRound,
  startVote,
  tallyBallots,
  voteResults,
  type Ballot,
} from './voting';
import { LOCAL, newBoard, noteInput, replicaOf, transactionsOf } from './testing';

const SERVER = 'server';

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

/** Gives a note the per-person `votes` map that boards from before sealed voting hold. */
function legacyDots(doc: Y.Doc, noteId: string, dots: Record<string, number>) {
  const votes = new Y.Map<number>();
  boardMaps(doc).notes.get(noteId)!.set('votes', votes);
  for (const [who, n] of Object.entries(dots)) votes.set(who, n);
}

/** A ballot spent by a person, one `changeBallot` at a time, as the client does. */
function spend(doc: Y.Doc, dotsPerPerson: number, scope: 'board' | 'devices', ...noteIds: string[]): Ballot {
  const targetOf = dotTargets(doc, scope);
  let ballot: Ballot = {};
  for (const id of noteIds) {
    const change = changeBallot(ballot, id, 'place', dotsPerPerson, targetOf(id));
    if (!change.ok) throw new Error(change.reason);
    ballot = change.ballot;
  }
  return ballot;
}

describe('startVote', () => {
  it("opens a vote and deletes an old board's per-person dots, in one transaction", () => {
    const doc = board();
    legacyDots(doc, 'd1', { 'u-a': 2 });
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
    expect(boardMaps(doc).notes.get('d1')!.has('votes')).toBe(false);
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

  it('puts no note in the document a votes map', () => {
    const doc = board();
    expect([...boardMaps(doc).notes.values()].some((n) => n.has('votes'))).toBe(false);
  });
});

describe('changeBallot', () => {
  it('lets a person spend their dots, several on one note, and no more', () => {
    let ballot: Ballot = {};
    const place = (id: string) => changeBallot(ballot, id, 'place', 3, 'in');
    let change = place('d1');
    expect(change).toEqual({ ok: true, ballot: { d1: 1 }, dotsLeft: 2 });
    ballot = (change as { ballot: Ballot }).ballot;
    ballot = (place('d1') as { ballot: Ballot }).ballot;
    change = place('c1');
    expect(change).toEqual({ ok: true, ballot: { d1: 2, c1: 1 }, dotsLeft: 0 });
    ballot = (change as { ballot: Ballot }).ballot;
    expect(place('d2')).toEqual({ ok: false, reason: 'no dots left' });
    expect(changeBallot(ballot, 'd1', 'remove', 3, 'in')).toEqual({
      ok: true,
      ballot: { d1: 1, c1: 1 },
      dotsLeft: 1,
    });
    expect(changeBallot({ d1: 1 }, 'd1', 'remove', 3, 'in')).toEqual({ ok: true, ballot: {}, dotsLeft: 3 });
    expect(changeBallot({}, 'd1', 'remove', 3, 'in')).toEqual({ ok: false, reason: 'no dot here' });
  });

  it('places dots only on notes of the vote, but takes them back anywhere', () => {
    const doc = board();
    const targetOf = dotTargets(doc, 'devices');
    expect(['d1', 'd2', 'c1', 'gone'].map(targetOf)).toEqual(['in', 'in', 'out', 'gone']);
    expect(changeBallot({}, 'c1', 'place', 5, targetOf('c1'))).toEqual({
      ok: false,
      reason: 'not in this vote',
    });
    expect(changeBallot({}, 'gone', 'place', 5, 'gone')).toEqual({ ok: false, reason: 'unknown note' });
    moveNotes(doc, [{ id: 'd1', x: 100, y: inLayer(2) }], LOCAL);
    const moved = dotTargets(doc, 'devices')('d1');
    expect(moved).toBe('out');
    expect(changeBallot({ d1: 1 }, 'd1', 'remove', 5, moved)).toMatchObject({ ok: true, ballot: {} });
    expect(changeBallot({ gone: 1 }, 'gone', 'remove', 5, 'gone')).toMatchObject({ ok: true, ballot: {} });
    addNote(doc, noteInput({ id: 'off', x: -5000, y: -5000 }), LOCAL);
    expect(dotTargets(doc, 'devices')('off')).toBe('out');
    expect(dotTargets(doc, 'board')('off')).toBe('in');
  });
});

describe('checkBallot (the server’s check of a ballot it is sent)', () => {
  const doc = board();
  const targetOf = dotTargets(doc, 'devices');

  it('takes a ballot within the allowance, on notes of the vote', () => {
    expect(checkBallot({}, { d1: 2, d2: 1 }, 3, targetOf)).toEqual({ ok: true, ballot: { d1: 2, d2: 1 } });
  });

  it('refuses more dots than the allowance, on notes out of the vote, and on unknown notes', () => {
    expect(checkBallot({}, { d1: 2, d2: 2 }, 3, targetOf)).toEqual({ ok: false, reason: 'no dots left' });
    expect(checkBallot({}, { c1: 1 }, 3, targetOf)).toEqual({ ok: false, reason: 'not in this vote' });
    expect(checkBallot({}, { nope: 1 }, 3, targetOf)).toEqual({ ok: false, reason: 'unknown note' });
  });

  it('lets dots stay on or leave a note that left the vote, and frees the dots of a deleted note', () => {
    expect(checkBallot({ c1: 2 }, { c1: 1, d1: 1 }, 3, targetOf)).toEqual({
      ok: true,
      ballot: { c1: 1, d1: 1 },
    });
    expect(checkBallot({ c1: 1 }, { c1: 2 }, 3, targetOf)).toEqual({ ok: false, reason: 'not in this vote' });
    expect(checkBallot({ gone: 3 }, { gone: 3, d1: 1 }, 3, targetOf)).toEqual({
      ok: true,
      ballot: { d1: 1 },
    });
  });
});

describe('parseBallot and pruneBallot', () => {
  it('reads a ballot from the wire, dropping notes without dots, and refuses anything else', () => {
    expect(parseBallot({ a: 2, b: 0 })).toEqual({ a: 2 });
    expect(parseBallot({})).toEqual({});
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`n${i}`, 1]));
    for (const bad of [
      null,
      [],
      'a',
      { a: -1 },
      { a: 1.5 },
      { a: 21 },
      { a: '1' },
      { ['x'.repeat(65)]: 1 },
      tooMany,
    ]) {
      expect(parseBallot(bad)).toBeNull();
    }
  });

  it('drops notes that are gone, keeping the same object when none is', () => {
    const ballot = { a: 1, b: 2 };
    expect(pruneBallot(ballot, () => true)).toBe(ballot);
    expect(pruneBallot(ballot, (id) => id === 'b')).toEqual({ b: 2 });
  });
});

describe('tallyBallots', () => {
  it('adds the dots per note and counts the people whose dots count', () => {
    const doc = board();
    const targetOf = dotTargets(doc, 'devices');
    const ballots: Ballot[] = [{ d1: 2 }, { d1: 1, d2: 1 }, { c1: 2 }, {}, { gone: 1, d2: 1 }];
    expect(tallyBallots(ballots, targetOf)).toEqual({
      voters: 3,
      totals: { d1: { dots: 3, voters: 2 }, d2: { dots: 2, voters: 2 } },
    });
  });
});

describe('revealVote', () => {
  it('writes the totals and nothing about who gave which dot, in one transaction', () => {
    const doc = board();
    legacyDots(doc, 'd2', { 'u-old': 4 });
    const vote = startVote(doc, { scope: 'devices', dotsPerPerson: 3 }, 'u-f', LOCAL, 10);
    legacyDots(doc, 'd1', { 'u-old': 1 });
    const ballots = [spend(doc, 3, 'devices', 'd1', 'd1'), spend(doc, 3, 'devices', 'd1', 'd2')];
    let round: VoteRound | null = null;
    const origins = transactionsOf(doc, () => {
      round = revealVote(doc, vote.id, ballots, SERVER, 50);
    });
    expect(origins).toEqual([SERVER]);
    expect(round).toEqual({
      voteId: vote.id,
      scope: 'devices',
      dotsPerPerson: 3,
      startedAt: 10,
      revealedAt: 50,
      voters: 2,
      totals: { d1: { dots: 3, voters: 2 }, d2: { dots: 1, voters: 1 } },
    });
    expect(readSession(doc).vote?.status).toBe('revealed');
    expect(readSession(doc).voteRounds).toEqual([round]);
    // Every other client gets exactly what this document holds: no person's dots anywhere in it.
    const replica = replicaOf(doc);
    expect(JSON.stringify(replica.toJSON())).not.toContain('u-old');
    expect([...boardMaps(replica).notes.values()].some((n) => n.has('votes'))).toBe(false);
  });

  it('reveals only the open vote of that id, once', () => {
    const doc = board();
    expect(revealVote(doc, 'nope', [], SERVER, 1)).toBeNull();
    const vote = startVote(doc, { scope: 'board', dotsPerPerson: 3 }, 'u-f', LOCAL, 1);
    expect(revealVote(doc, 'other', [{ d1: 1 }], SERVER, 2)).toBeNull();
    expect(readSession(doc).vote?.status).toBe('open');
    expect(revealVote(doc, vote.id, [{ d1: 1 }], SERVER, 2)).not.toBeNull();
    expect(revealVote(doc, vote.id, [{ d1: 1 }], SERVER, 3)).toBeNull();
    expect(readSession(doc).voteRounds).toHaveLength(1);
  });

  it('keeps every earlier round through new votes and their end, the oldest giving way past the limit', () => {
    const doc = board();
    const first = startVote(doc, { scope: 'board', dotsPerPerson: 1 }, 'u-f', LOCAL, 1);
    revealVote(doc, first.id, [{ c1: 1 }], SERVER, 2);
    const second = startVote(doc, { scope: 'board', dotsPerPerson: 1 }, 'u-f', LOCAL, 3);
    expect(roundOf(readSession(doc).voteRounds, first.id)?.totals).toEqual({ c1: { dots: 1, voters: 1 } });
    revealVote(doc, second.id, [{ d1: 1 }], SERVER, 4);
    endVote(doc, LOCAL);
    expect(readSession(doc).voteRounds.map((r) => r.voteId)).toEqual([first.id, second.id]);
    for (let i = 0; i < MAX_VOTE_ROUNDS; i++) {
      const vote = startVote(doc, { scope: 'board', dotsPerPerson: 1 }, 'u-f', LOCAL, 10 + i);
      revealVote(doc, vote.id, [], SERVER, 10 + i);
    }
    const rounds = readSession(doc).voteRounds;
    expect(rounds).toHaveLength(MAX_VOTE_ROUNDS);
    expect(roundOf(rounds, first.id)).toBeNull();
  });
});

describe('shownRound, endVote and voteResults', () => {
  it('shows the results once revealed and after the vote ended, none while a vote is open', () => {
    const doc = board();
    expect(endVote(doc, LOCAL)).toBe(false);
    const vote = startVote(doc, { scope: 'board', dotsPerPerson: 3 }, 'u-f', LOCAL, 1);
    expect(shownRound(readSession(doc))).toBeNull();
    revealVote(doc, vote.id, [{ d2: 1 }], SERVER, 2);
    expect(shownRound(readSession(doc))?.voteId).toBe(vote.id);
    expect(endVote(doc, LOCAL)).toBe(true);
    expect(readSession(doc).vote).toBeNull();
    const round = shownRound(readSession(doc))!;
    expect(voteResults(readBoard(doc).notes, round).notes.map((r) => [r.note.id, r.dots])).toEqual([
      ['d2', 1],
    ]);
    startVote(doc, { scope: 'board', dotsPerPerson: 3 }, 'u-f', LOCAL, 3);
    expect(shownRound(readSession(doc))).toBeNull();
  });

  it('ranks notes by dots, then by how many people agree, then in painting order, with shared ranks', () => {
    const doc = board();
    addNote(doc, noteInput({ id: 'd3', x: 700, y: inLayer(0) }), LOCAL);
    const vote = startVote(doc, { scope: 'board', dotsPerPerson: 5 }, 'u-f', LOCAL, 1);
    const ballots = [
      spend(doc, 5, 'board', 'd1', 'd1', 'd2'),
      spend(doc, 5, 'board', 'd2', 'c1'),
      spend(doc, 5, 'board', 'c1', 'c1', 'd3'),
    ];
    const round = revealVote(doc, vote.id, ballots, SERVER, 2)!;
    const results = voteResults(readBoard(doc).notes, round);
    expect(results.notes.map((r) => [r.note.id, r.dots, r.voters, r.rank])).toEqual([
      ['c1', 3, 2, 1],
      ['d2', 2, 2, 2],
      ['d1', 2, 1, 2],
      ['d3', 1, 1, 4],
    ]);
    expect(results.voters).toBe(3);
    expect(results.dotsCast).toBe(8);
    // A note deleted after the reveal leaves the ranking; the count of what was cast stays.
    deleteNotes(doc, ['c1'], LOCAL);
    const after = voteResults(readBoard(doc).notes, round);
    expect(after.notes.map((r) => r.note.id)).toEqual(['d2', 'd1', 'd3']);
    expect(after.dotsCast).toBe(8);
  });

  it('counts only the voted layer: dots on notes moved out of it before the reveal do not count', () => {
    const doc = board();
    const vote = startVote(doc, { scope: 'devices', dotsPerPerson: 2 }, 'u-f', LOCAL, 1);
    const ballots = [spend(doc, 2, 'devices', 'd2'), spend(doc, 2, 'devices', 'd1', 'd2')];
    moveNotes(doc, [{ id: 'd1', x: 100, y: inLayer(2) }], LOCAL);
    const round = revealVote(doc, vote.id, ballots, SERVER, 2)!;
    expect(round.totals).toEqual({ d2: { dots: 2, voters: 2 } });
    const replica = replicaOf(doc);
    expect(voteResults(readBoard(replica).notes, round)).toEqual(voteResults(readBoard(doc).notes, round));
  });
});
