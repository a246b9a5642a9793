import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStorage } from './PostgresStorage';
import { postgresTestSchemas } from '../testing';
import { describeStorageContract } from './storageContract';

/**
 * Runs against the PostgreSQL that DATABASE_URL names (`.ci/run` sets it); every storage of this run
 * gets a schema of its own, dropped at the end. Without DATABASE_URL the suite is reported as skipped.
 */
const url = process.env.DATABASE_URL;
const schemas = postgresTestSchemas(url);
afterAll(() => schemas.dropAll());

function storage(): PostgresStorage {
  return new PostgresStorage({ connectionString: url!, schema: schemas.next(), maxConnections: 4 });
}

describe.skipIf(!url)('PostgresStorage (needs DATABASE_URL; skipped without it)', () => {
  describeStorageContract('PostgresStorage', storage);

  it('numbers concurrent appends from several nodes without gaps or clashes', async () => {
    const schema = schemas.next();
    const nodes = [0, 1, 2].map(
      () => new PostgresStorage({ connectionString: url!, schema, maxConnections: 4 }),
    );
    try {
      const id = 'a'.repeat(32);
      await nodes[0]!.createBoard(id, new Uint8Array([0, 0]));
      const seqs = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          nodes[i % 3]!.appendUpdates(id, [new Uint8Array([i]), new Uint8Array([i])]),
        ),
      );
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => (i + 1) * 2));
      expect(await nodes[1]!.logLength(id)).toBe(60);
    } finally {
      for (const node of nodes) await node.close();
    }
  });

  it('keeps rows another node wrote when one node compacts with a document that lacks them', async () => {
    const store = storage();
    try {
      const id = 'b'.repeat(32);
      const base = new Y.Doc();
      await store.createBoard(id, Y.encodeStateAsUpdate(base));
      const nodeA = new Y.Doc();
      const nodeB = new Y.Doc();
      nodeA.getText('t').insert(0, 'from A ');
      nodeB.getText('t').insert(0, 'from B ');
      await store.appendUpdates(id, [Y.encodeStateAsUpdate(nodeA)]);
      const last = await store.appendUpdates(id, [Y.encodeStateAsUpdate(nodeB)]);
      // Node A never heard of B's row, yet compacts up to it.
      await store.compact(id, Y.encodeStateAsUpdate(nodeA), last);
      const stored = (await store.load(id))!;
      expect(stored.updates).toEqual([]);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.state);
      expect(doc.getText('t').toString()).toContain('from A');
      expect(doc.getText('t').toString()).toContain('from B');
    } finally {
      await store.close();
    }
  });

  it('compacts a log row stored before the relay refused deep values, reading its deep value as null', async () => {
    const store = storage();
    try {
      const id = 'c'.repeat(32);
      await store.createBoard(id, Y.encodeStateAsUpdate(new Y.Doc()));
      const other = new Y.Doc();
      other.getText('t').insert(0, 'kept');
      let deep: unknown = [];
      for (let level = 1; level < 6000; level++) deep = [deep];
      other.getMap('meta').set('zzz', deep);
      const last = await store.appendUpdates(id, [Y.encodeStateAsUpdate(other)]);
      // Merging that row into the state overflowed the stack: the log could never be compacted again.
      await store.compact(id, Y.encodeStateAsUpdate(new Y.Doc()), last);
      const stored = (await store.load(id))!;
      expect(stored.updates).toEqual([]);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.state);
      expect(doc.getText('t').toString()).toBe('kept');
      expect(doc.getMap('meta').get('zzz')).toBeNull();
    } finally {
      await store.close();
    }
  });
});
