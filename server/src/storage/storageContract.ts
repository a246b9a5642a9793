import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from './Storage';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const bytes = (...values: number[]) => new Uint8Array(values);

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
      await storage.createBoard(A, bytes(10));
      await storage.createBoard(B, bytes(20));
      await storage.appendUpdates(A, [bytes(1)]);
      await storage.appendUpdates(B, [bytes(2), bytes(3)]);
      // Sequence numbers count per board: B's updates are 1 and 2.
      await storage.compact(B, bytes(21), 1);
      expect(await storage.load(A)).toEqual({
        state: bytes(10),
        updates: [bytes(1)],
        lastSeq: 1,
        tokenEpoch: 0,
      });
      expect(await storage.load(B)).toEqual({
        state: bytes(21),
        updates: [bytes(3)],
        lastSeq: 2,
        tokenEpoch: 0,
      });
    });

    it('compacts up to a sequence number and keeps what came after', async () => {
      await storage.createBoard(A, bytes(0));
      await storage.appendUpdates(A, [bytes(1), bytes(2), bytes(3)]);
      await storage.compact(A, bytes(9), 2);
      expect(await storage.logLength(A)).toBe(1);
      expect(await storage.load(A)).toEqual({
        state: bytes(9),
        updates: [bytes(3)],
        lastSeq: 3,
        tokenEpoch: 0,
      });
      // Numbering continues past compacted rows, so a later compaction never deletes newer updates.
      expect(await storage.appendUpdates(A, [bytes(4)])).toBe(4);
      await storage.compact(A, bytes(8), 3);
      expect(await storage.load(A)).toEqual({
        state: bytes(8),
        updates: [bytes(4)],
        lastSeq: 4,
        tokenEpoch: 0,
      });
      await storage.compact(A, bytes(7), 4);
      expect(await storage.load(A)).toEqual({ state: bytes(7), updates: [], lastSeq: 4, tokenEpoch: 0 });
      expect(await storage.appendUpdates(A, [bytes(5)])).toBe(5);
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
      await storage.appendUpdates(A, [bytes(1)]);
      await storage.compact(A, bytes(2), 1);
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

    it('answers a ping', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });
  });
}
