import { addNote, boardMaps, createBoard } from '@shared';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryBusHub } from './bus/MemoryBus';
import { InProcessCluster } from './clusterTesting';
import { silentLogger } from './logger';
import { encodeUpdate } from './protocol';
import { RoomManager } from './RoomManager';
import { PostgresStorage } from './storage/PostgresStorage';
import type { Storage, StoredChanges } from './storage/Storage';
import { coreOptions, FakeSocket, postgresTestSchemas, waitFor } from './testing';

/**
 * The catch-up from storage that covers what the bus loses, on two room cores in this process: it
 * reads only what moved since a room last looked, converges across a compaction it never saw, and
 * costs an idle board no read of its own and no document. Runs on the in-process cluster's shared
 * SQLite and, with DATABASE_URL, on PostgreSQL.
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const databaseUrl = process.env.DATABASE_URL;
const schemas = postgresTestSchemas(databaseUrl);
afterAll(() => schemas.dropAll());

/** A node's storage that counts the calls made to it and keeps what updatesSince answered. */
class CountedStorage {
  readonly calls = new Map<string, number>();
  readonly changes: StoredChanges[] = [];
  readonly storage: Storage;

  constructor(inner: Storage) {
    this.storage = new Proxy(inner, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function' || typeof key !== 'string') return value;
        return (...args: unknown[]) => {
          this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (key === 'updatesSince') {
            void (result as Promise<StoredChanges | null>).then((changes) => {
              if (changes) this.changes.push(changes);
            });
          }
          return result;
        };
      },
    });
  }

  count(method: keyof Storage): number {
    return this.calls.get(method) ?? 0;
  }
}

interface Backend {
  /** Storage for one node; every call shares one database. */
  nodeStorage(): Storage;
  dispose(): Promise<void>;
}

const backends: [string, (() => Backend) | null][] = [
  [
    'shared SQLite',
    () => {
      const cluster = new InProcessCluster();
      return { nodeStorage: () => cluster.nodeStorage(), dispose: () => cluster.dispose() };
    },
  ],
  [
    'PostgreSQL (needs DATABASE_URL)',
    databaseUrl
      ? () => {
          const schema = schemas.next();
          return {
            nodeStorage: () =>
              new PostgresStorage({ connectionString: databaseUrl, schema, maxConnections: 4 }),
            dispose: async () => {},
          };
        }
      : null,
  ],
];

const boardId = (i: number) => i.toString(16).padStart(32, '0');
const noteText = (doc: Y.Doc, id: string) => String(boardMaps(doc).notes.get(id)?.get('text') ?? '');

for (const [name, makeBackend] of backends) {
  describe.skipIf(!makeBackend)(`catch-up from storage: ${name}`, () => {
    /**
     * Two cores on one MemoryBusHub; the periodic catch-up is pushed out of reach, so each catch-up
     * here is one the test asks for (a gap on the bus, which catches up at once).
     */
    async function twoNodes(boards: number, lossyOne: boolean) {
      const backend = makeBackend!();
      cleanup.push(() => backend.dispose());
      const hub = new MemoryBusHub();
      const template = new Y.Doc();
      createBoard(template, { title: 'Catch-up' }, 'test');
      const nodes = [0, 1].map((index) => {
        const storage = new CountedStorage(backend.nodeStorage());
        const bus = hub.node(index === 0 && lossyOne ? { dropOutgoing: () => true } : {});
        const manager = new RoomManager(
          storage.storage,
          coreOptions({
            bus,
            busCatchUpMs: 600_000,
            persistence: { flushDelayMs: 10, compactAfterRows: 3 },
          }),
          silentLogger,
        );
        cleanup.push(async () => {
          await manager.shutdown();
          await bus.close();
        });
        return { manager, storage };
      });
      const ids = Array.from({ length: boards }, (_, i) => boardId(i + 1));
      for (const id of ids) await nodes[0]!.storage.storage.createBoard(id, Y.encodeStateAsUpdate(template));
      /** Runs one catch-up on node two and waits until its head read is answered. */
      const catchUpOnTwo = async () => {
        const before = nodes[1]!.storage.count('boardHeads');
        hub.interrupt();
        await waitFor(() => nodes[1]!.storage.count('boardHeads') > before, 'a catch-up on node two');
        // The heads' answer and the reads it leads to.
        await new Promise((resolve) => setTimeout(resolve, 50));
      };
      return { hub, nodes, ids, template, catchUpOnTwo };
    }

    it('converges from the rows after the last one seen, and from the state after a compaction', async () => {
      const { nodes, ids, template, catchUpOnTwo } = await twoNodes(1, true);
      const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
      const board = ids[0]!;
      const writer = one.manager.connect(board, 'edit', new FakeSocket());
      two.manager.connect(board, 'view', new FakeSocket());
      await waitFor(() => one.manager.room(board) && two.manager.room(board), 'the board on both nodes');
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(template));
      client.on('update', (update: Uint8Array) => writer.receive(encodeUpdate(update)));
      /** A note written on node one and stored there as a row of its own; the bus loses it. */
      const write = async (id: string) => {
        addNote(client, { id, x: 0, y: 0, text: id, author: 'a', department: 'd' }, 'test');
        await waitFor(() => noteText(one.manager.room(board)!.doc, id) === id, `${id} on node one`);
        await one.manager.room(board)!.persistence.flush();
      };

      await write('first');
      await catchUpOnTwo();
      await waitFor(() => noteText(two.manager.room(board)!.doc, 'first') === 'first', 'first on node two');
      expect(two.storage.changes.at(-1)).toMatchObject({ state: null, updates: [expect.any(Uint8Array)] });
      expect(two.manager.room(board)!.storedSeq).toBe(1);

      // Three more rows: node one folds the log (past three rows) before node two looks again.
      for (const id of ['second', 'third', 'fourth']) await write(id);
      expect(await one.storage.storage.logLength(board)).toBe(0);
      await catchUpOnTwo();
      await waitFor(
        () => noteText(two.manager.room(board)!.doc, 'fourth') === 'fourth',
        'fourth on node two',
      );
      expect(two.storage.changes.at(-1)!.state).not.toBeNull();
      for (const id of ['first', 'second', 'third'])
        expect(noteText(two.manager.room(board)!.doc, id)).toBe(id);
      expect(two.manager.room(board)!.storedSeq).toBe(4);
      // Node two never read the whole board back: the bus brought it nothing to check.
      expect(two.storage.count('load')).toBe(1);
    });

    it('reads one head per board at an idle catch-up, no board, and builds no watched board', async () => {
      const { nodes, ids, catchUpOnTwo } = await twoNodes(20, false);
      for (const { manager } of nodes) {
        for (const id of ids) manager.connect(id, 'view', new FakeSocket());
      }
      await waitFor(
        () => nodes.every(({ manager }) => manager.stats().rooms === ids.length),
        'every board loaded on both nodes',
      );
      const [, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
      const loads = two.storage.count('load');
      for (let round = 0; round < 3; round++) await catchUpOnTwo();
      expect(two.storage.count('load')).toBe(loads);
      expect(two.storage.count('updatesSince')).toBe(0);
      // At least the three asked for (each gap also schedules one more, a second later).
      expect(two.storage.count('boardHeads')).toBeGreaterThanOrEqual(3);
      for (const id of ids) expect(two.manager.room(id)!.hydrated).toBe(false);
    });
  });
}
