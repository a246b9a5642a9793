import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from './Storage';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const bytes = (...values: number[]) => new Uint8Array(values);
/** The state of an empty document. */
const EMPTY = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * Real Yjs updates, as a room stores them: one document writing the words into its text one by one.
 * Compaction is checked by content, since an adapter for several nodes may merge the folded rows into
 * the state it is given.
 */
function history(words: string[]) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  const states: Uint8Array[] = [EMPTY];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const word of words) {
    doc.getText('t').insert(doc.getText('t').length, `${word} `);
    states.push(Y.encodeStateAsUpdate(doc));
  }
  return { updates, stateAfter: (count: number) => states[count]! };
}

function textOf(state: Uint8Array, updates: Uint8Array[] = []): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

/** The behaviour every Storage adapter must have; each adapter's test file registers it once. */
export function describeStorageContract(name: string, makeStorage: () => Storage | Promise<Storage>): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await makeStorage();
    });
    afterEach(async () => {
      await storage.close();
    });

    it('knows only the boards it created', async () => {
      expect(await storage.hasBoard(A)).toBe(false);
      expect(await storage.load(A)).toBeNull();
      await storage.createBoard(A, bytes(1, 2, 3));
      expect(await storage.hasBoard(A)).toBe(true);
      expect(await storage.load(A)).toEqual({
        state: bytes(1, 2, 3),
        updates: [],
        lastSeq: 0,
        tokenEpoch: 0,
      });
    });

    it('refuses to create a board twice', async () => {
      await storage.createBoard(A, bytes(1));
      await expect(storage.createBoard(A, bytes(2))).rejects.toThrow();
      expect((await storage.load(A))?.state).toEqual(bytes(1));
    });

    it('appends updates in order and numbers them', async () => {
      await storage.createBoard(A, bytes(0));
      expect(await storage.appendUpdates(A, [bytes(1), bytes(2)])).toBe(2);
      expect(await storage.appendUpdates(A, [bytes(3)])).toBe(3);
      expect(await storage.logLength(A)).toBe(3);
      expect(await storage.load(A)).toEqual({
        state: bytes(0),
        updates: [bytes(1), bytes(2), bytes(3)],
        lastSeq: 3,
        tokenEpoch: 0,
      });
    });

    it('rejects updates for an unknown board', async () => {
      await expect(storage.appendUpdates(A, [bytes(1)])).rejects.toThrow();
    });

    it('keeps boards apart', async () => {
      const a = history(['alpha']);
      const b = history(['one', 'two']);
      await storage.createBoard(A, EMPTY);
      await storage.createBoard(B, EMPTY);
      await storage.appendUpdates(A, a.updates);
      await storage.appendUpdates(B, b.updates);
      // Sequence numbers count per board: B's updates are 1 and 2.
      await storage.compact(B, b.stateAfter(1), 1);
      expect(await storage.load(A)).toEqual({ state: EMPTY, updates: a.updates, lastSeq: 1, tokenEpoch: 0 });
      const stored = (await storage.load(B))!;
      expect(stored).toMatchObject({ updates: [b.updates[1]], lastSeq: 2, tokenEpoch: 0 });
      expect(textOf(stored.state)).toBe('one ');
      expect(textOf(stored.state, stored.updates)).toBe('one two ');
    });

    it('compacts up to a sequence number and keeps what came after', async () => {
      const h = history(['w1', 'w2', 'w3', 'w4', 'w5']);
      await storage.createBoard(A, EMPTY);
      await storage.appendUpdates(A, h.updates.slice(0, 3));
      await storage.compact(A, h.stateAfter(2), 2);
      expect(await storage.logLength(A)).toBe(1);
      let stored = (await storage.load(A))!;
      expect(stored).toMatchObject({ updates: [h.updates[2]], lastSeq: 3, tokenEpoch: 0 });
      expect(textOf(stored.state)).toBe('w1 w2 ');
      // Numbering continues past compacted rows, so a later compaction never deletes newer updates.
      expect(await storage.appendUpdates(A, [h.updates[3]!])).toBe(4);
      await storage.compact(A, h.stateAfter(3), 3);
      stored = (await storage.load(A))!;
      expect(stored).toMatchObject({ updates: [h.updates[3]], lastSeq: 4 });
      expect(textOf(stored.state)).toBe('w1 w2 w3 ');
      await storage.compact(A, h.stateAfter(4), 4);
      stored = (await storage.load(A))!;
      expect(stored).toMatchObject({ updates: [], lastSeq: 4, tokenEpoch: 0 });
      expect(textOf(stored.state)).toBe('w1 w2 w3 w4 ');
      expect(await storage.appendUpdates(A, [h.updates[4]!])).toBe(5);
    });

    it('gives the heads of many boards in one call, leaving out unknown ones', async () => {
      expect(await storage.boardHeads([])).toEqual(new Map());
      await storage.createBoard(A, EMPTY);
      await storage.createBoard(B, EMPTY);
      const h = history(['one', 'two']);
      await storage.appendUpdates(A, h.updates);
      await storage.revokeTokens(B);
      const heads = await storage.boardHeads([A, B, 'c'.repeat(32)]);
      expect(heads).toEqual(
        new Map([
          [A, { lastSeq: 2, tokenEpoch: 0 }],
          [B, { lastSeq: 0, tokenEpoch: 1 }],
        ]),
      );
      // Compaction leaves the head alone: sequence numbers survive it.
      await storage.compact(A, h.stateAfter(2), 2);
      expect((await storage.boardHeads([A])).get(A)).toEqual({ lastSeq: 2, tokenEpoch: 0 });
    });

    it('reads only the rows after a sequence number, and the state only once they were compacted', async () => {
      const h = history(['w1', 'w2', 'w3', 'w4', 'w5']);
      expect(await storage.updatesSince(A, 0)).toBeNull();
      await storage.createBoard(A, EMPTY);
      expect(await storage.updatesSince(A, 0)).toEqual({
        state: null,
        updates: [],
        lastSeq: 0,
        tokenEpoch: 0,
      });
      await storage.appendUpdates(A, h.updates.slice(0, 3));
      expect(await storage.updatesSince(A, 1)).toEqual({
        state: null,
        updates: h.updates.slice(1, 3),
        lastSeq: 3,
        tokenEpoch: 0,
      });
      expect(await storage.updatesSince(A, 3)).toEqual({
        state: null,
        updates: [],
        lastSeq: 3,
        tokenEpoch: 0,
      });
      // Rows 1 and 2 folded: a reader that saw only row 1 no longer finds row 2, so it gets the state.
      await storage.compact(A, h.stateAfter(2), 2);
      expect(await storage.updatesSince(A, 2)).toEqual({
        state: null,
        updates: [h.updates[2]],
        lastSeq: 3,
        tokenEpoch: 0,
      });
      let changes = (await storage.updatesSince(A, 1))!;
      expect(changes).toMatchObject({ updates: [h.updates[2]], lastSeq: 3 });
      expect(textOf(changes.state!, changes.updates)).toBe('w1 w2 w3 ');
      // Everything folded: the state alone holds it.
      await storage.appendUpdates(A, [h.updates[3]!]);
      await storage.compact(A, h.stateAfter(4), 4);
      changes = (await storage.updatesSince(A, 3))!;
      expect(changes).toMatchObject({ updates: [], lastSeq: 4 });
      expect(textOf(changes.state!)).toBe('w1 w2 w3 w4 ');
      expect(await storage.updatesSince(A, 4)).toEqual({
        state: null,
        updates: [],
        lastSeq: 4,
        tokenEpoch: 0,
      });
    });

    it('gives back a document equal to the one stored', async () => {
      const doc = new Y.Doc();
      doc.getMap('meta').set('title', 'Smart meter');
      await storage.createBoard(A, Y.encodeStateAsUpdate(doc));
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      doc.getText('t').insert(0, 'hello');
      doc.getMap('meta').set('title', 'Smart meter v2');
      await storage.appendUpdates(A, updates);

      const stored = await storage.load(A);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, stored!.state);
      for (const update of stored!.updates) Y.applyUpdate(copy, update);
      expect(copy.getMap('meta').toJSON()).toEqual({ title: 'Smart meter v2' });
      expect(copy.getText('t').toString()).toBe('hello');
    });

    it('raises a board’s token generation one step at a time, per board', async () => {
      expect(await storage.tokenEpoch(A)).toBeNull();
      await expect(storage.revokeTokens(A)).rejects.toThrow();
      await storage.createBoard(A, bytes(0));
      await storage.createBoard(B, bytes(0));
      expect(await storage.tokenEpoch(A)).toBe(0);
      expect(await storage.revokeTokens(A)).toBe(1);
      expect(await storage.revokeTokens(A)).toBe(2);
      expect(await storage.tokenEpoch(A)).toBe(2);
      expect(await storage.tokenEpoch(B)).toBe(0);
      expect((await storage.load(A))?.tokenEpoch).toBe(2);
      // Compaction and appends leave the generation alone.
      const h = history(['x']);
      await storage.appendUpdates(A, h.updates);
      await storage.compact(A, h.stateAfter(1), 1);
      expect(await storage.tokenEpoch(A)).toBe(2);
    });

    it('keeps named versions per board, oldest first, with their state', async () => {
      await storage.createBoard(A, bytes(0));
      await storage.createBoard(B, bytes(0));
      await storage.saveVersion(A, { id: 'v2', name: 'After lunch', createdAt: 2000 }, bytes(2));
      await storage.saveVersion(A, { id: 'v1', name: 'Round 1', createdAt: 1000 }, bytes(1));
      await storage.saveVersion(B, { id: 'v1', name: 'Other board', createdAt: 1500 }, bytes(9));
      expect(await storage.listVersions(A)).toEqual([
        { id: 'v1', name: 'Round 1', createdAt: 1000 },
        { id: 'v2', name: 'After lunch', createdAt: 2000 },
      ]);
      expect(await storage.loadVersion(A, 'v2')).toEqual(bytes(2));
      expect(await storage.loadVersion(B, 'v1')).toEqual(bytes(9));
      expect(await storage.loadVersion(A, 'v3')).toBeNull();
      expect(await storage.listVersions('c'.repeat(32))).toEqual([]);
      await expect(
        storage.saveVersion('c'.repeat(32), { id: 'v', name: 'x', createdAt: 1 }, bytes(1)),
      ).rejects.toThrow();
      await expect(
        storage.saveVersion(A, { id: 'v1', name: 'again', createdAt: 3 }, bytes(1)),
      ).rejects.toThrow();
    });

    it('keeps each person’s ballot per vote, replaces it, deletes it when empty, and lists a vote’s', async () => {
      await storage.createBoard(A, bytes(0));
      await storage.createBoard(B, bytes(0));
      expect(await storage.loadBallot(A, 'v1', 'ana')).toBeNull();
      await storage.saveBallot(A, 'v1', 'ana', { n1: 2 });
      await storage.saveBallot(A, 'v1', 'ben', { n1: 1, n2: 1 });
      await storage.saveBallot(A, 'v2', 'ana', { n3: 1 });
      await storage.saveBallot(B, 'v1', 'ana', { n9: 5 });
      expect(await storage.loadBallot(A, 'v1', 'ana')).toEqual({ n1: 2 });
      await storage.saveBallot(A, 'v1', 'ana', { n2: 3 });
      expect(await storage.loadBallot(A, 'v1', 'ana')).toEqual({ n2: 3 });
      const byDots = (list: Record<string, number>[]) => list.map((b) => JSON.stringify(b)).sort();
      expect(byDots(await storage.listBallots(A, 'v1'))).toEqual(byDots([{ n2: 3 }, { n1: 1, n2: 1 }]));
      await storage.saveBallot(A, 'v1', 'ben', {});
      expect(await storage.loadBallot(A, 'v1', 'ben')).toBeNull();
      expect(await storage.listBallots(A, 'v1')).toEqual([{ n2: 3 }]);
      expect(await storage.listBallots(A, 'v3')).toEqual([]);
      await expect(storage.saveBallot('c'.repeat(32), 'v1', 'ana', { n1: 1 })).rejects.toThrow();
      await expect(storage.saveBallot('c'.repeat(32), 'v1', 'ana', {})).rejects.toThrow();
      // Deleting a board's ballots (after a reveal) takes every vote's, and only that board's.
      await storage.deleteBallots(A);
      expect(await storage.listBallots(A, 'v1')).toEqual([]);
      expect(await storage.loadBallot(A, 'v2', 'ana')).toBeNull();
      expect(await storage.loadBallot(B, 'v1', 'ana')).toEqual({ n9: 5 });
    });

    it('refuses a new voter past maxBallots, counting in the same transaction as the write', async () => {
      await storage.createBoard(A, bytes(0));
      // Sent together: exactly three new voters get in.
      const saved = await Promise.all(
        ['ana', 'ben', 'cleo', 'dan', 'eva'].map((voter) => storage.saveBallot(A, 'v1', voter, { n1: 1 }, 3)),
      );
      expect(saved.filter(Boolean)).toHaveLength(3);
      expect(await storage.listBallots(A, 'v1')).toHaveLength(3);
      const inside = ['ana', 'ben', 'cleo', 'dan', 'eva'].filter((_, i) => saved[i]);
      const outside = ['ana', 'ben', 'cleo', 'dan', 'eva'].find((_, i) => !saved[i])!;
      // A voter already in changes their ballot; an empty ballot always goes, and frees a place.
      expect(await storage.saveBallot(A, 'v1', inside[0]!, { n2: 2 }, 3)).toBe(true);
      expect(await storage.loadBallot(A, 'v1', inside[0]!)).toEqual({ n2: 2 });
      expect(await storage.saveBallot(A, 'v1', outside, {}, 3)).toBe(true);
      expect(await storage.saveBallot(A, 'v1', inside[1]!, {}, 3)).toBe(true);
      expect(await storage.saveBallot(A, 'v1', outside, { n1: 1 }, 3)).toBe(true);
      // Each vote counts its own; without maxBallots nothing is counted.
      expect(await storage.saveBallot(A, 'v2', 'zoe', { n1: 1 }, 1)).toBe(true);
      expect(await storage.saveBallot(A, 'v1', 'zoe', { n1: 1 })).toBe(true);
      expect(await storage.listBallots(A, 'v1')).toHaveLength(4);
    });

    it('refuses a version past the quota, counting in the same transaction as the write', async () => {
      await storage.createBoard(A, bytes(0));
      await storage.createBoard(B, bytes(0));
      const quota = { maxVersions: 4, maxRecent: 2, since: 1000 };
      const save = (board: string, id: string, createdAt: number) =>
        storage.saveVersion(board, { id, name: id, createdAt }, bytes(1), quota);
      expect(await save(A, 'old1', 10)).toBeNull();
      expect(await save(A, 'old2', 20)).toBeNull();
      expect(await save(A, 'new1', 1500)).toBeNull();
      expect(await save(A, 'new2', 1000)).toBeNull();
      // Four in all: the total refuses first.
      expect(await save(A, 'new3', 1600)).toEqual({ limit: 'total' });
      // Another board has its own count; concurrent saves never pass the limit together.
      const results = await Promise.all(['c1', 'c2', 'c3', 'c4'].map((id, i) => save(B, id, 2000 + i)));
      expect(results.filter((result) => result === null)).toHaveLength(2);
      expect(results.filter((result) => result !== null)).toEqual([
        { limit: 'recent', oldestRecent: expect.any(Number) },
        { limit: 'recent', oldestRecent: expect.any(Number) },
      ]);
      const saved = await storage.listVersions(B);
      expect(saved).toHaveLength(2);
      expect((results.find((result) => result !== null) as { oldestRecent: number }).oldestRecent).toBe(
        Math.min(...saved.map((version) => version.createdAt)),
      );
      expect((await storage.listVersions(A)).map((version) => version.id).sort()).toEqual([
        'new1',
        'new2',
        'old1',
        'old2',
      ]);
      await expect(save('c'.repeat(32), 'v', 1)).rejects.toThrow();
    });

    it('answers a ping', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });
  });
}
