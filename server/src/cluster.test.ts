import { randomBytes } from 'node:crypto';
import { addNote, boardMaps, type CreatedBoard } from '@shared';
import { afterAll, afterEach, describe, it } from 'vitest';
import type * as Y from 'yjs';
import { RedisBus } from './bus/RedisBus';
import { silentLogger } from './logger';
import { postgresTestSchemas, TestBench, waitFor } from './testing';

/**
 * Relay nodes sharing PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), two in this process, each with
 * its own rooms and connections. `.ci/run` sets both; without them the suite is reported as skipped.
 */
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const schemas = postgresTestSchemas(databaseUrl);
const schema = schemas.next();
const benches: TestBench[] = [];

afterEach(async () => {
  for (const bench of benches.splice(0)) await bench.dispose();
});
afterAll(() => schemas.dropAll());

const secret = randomBytes(24).toString('hex');
const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: databaseUrl!,
  DATABASE_SCHEMA: schema,
  REDIS_URL: redisUrl!,
  AUTH_SECRET: secret,
  ...extra,
});

async function node(extra: Record<string, string> = {}, dropEverything = false): Promise<TestBench> {
  const bench = new TestBench(
    env(extra),
    dropEverything
      ? () => ({ bus: new RedisBus({ url: redisUrl!, log: silentLogger, dropOutgoing: () => true }) })
      : undefined,
  );
  benches.push(await bench.start());
  return bench;
}

const noteText = (doc: Y.Doc, id: string) => {
  const note = boardMaps(doc).notes.get(id);
  return note ? String(note.get('text')) : undefined;
};

describe.skipIf(!databaseUrl || !redisUrl)(
  'relay nodes on Redis and PostgreSQL (needs DATABASE_URL and REDIS_URL)',
  () => {
    it('lets clients on different nodes see each other’s edits and cursors live', async () => {
      const one = await node();
      const two = await node();
      const board: CreatedBoard = await one.createBoard('Two nodes');
      const alice = await one.syncedProvider(board.id, board.editToken);
      const bob = await two.syncedProvider(board.id, board.editToken);
      addNote(alice.doc, { id: 'a1', x: 0, y: 0, text: 'from node one', author: 'a', department: 'd' }, 't');
      await waitFor(() => noteText(bob.doc, 'a1') === 'from node one', 'alice’s note on node two', 5000);
      addNote(bob.doc, { id: 'b1', x: 300, y: 0, text: 'from node two', author: 'b', department: 'd' }, 't');
      await waitFor(() => noteText(alice.doc, 'b1') === 'from node two', 'bob’s note on node one', 5000);
      bob.awareness.setLocalStateField('cursor', { x: 12, y: 34 });
      await waitFor(
        () =>
          (alice.awareness.getStates().get(bob.doc.clientID) as { cursor?: unknown } | undefined)?.cursor !==
          undefined,
        'bob’s cursor on node one',
        5000,
      );
    });

    it('converges from storage when the bus loses every message of a node', async () => {
      const lossy = await node({}, true);
      const listener = await node({ BUS_CATCH_UP_MS: '300' });
      const board = await lossy.createBoard('Lossy bus');
      const alice = await lossy.syncedProvider(board.id, board.editToken);
      const bob = await listener.syncedProvider(board.id, board.editToken);
      addNote(
        alice.doc,
        { id: 'lost', x: 0, y: 0, text: 'never on the bus', author: 'a', department: 'd' },
        't',
      );
      // Not over the bus: node one stores it within about 50 ms, and node two reads it back.
      await waitFor(() => noteText(bob.doc, 'lost') === 'never on the bus', 'the note via storage', 10_000);
    });
  },
);
