import { randomBytes } from 'node:crypto';
import { boardMaps, editNoteText, type CreatedBoard } from '@shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { boardClient, cursorOf, identical, writeNote } from './clusterTesting';
import { BalancerProxy, ServerProcess } from './processTesting';
import { postgresTestSchemas, waitFor } from './testing';

/**
 * Three relay processes on one machine against the running PostgreSQL and Redis, as a team that
 * outgrew one node runs them: clients of one board on different nodes converge, a board loaded on one
 * node is edited first from another, and a node killed mid-session loses nothing anyone saw. Needs
 * DATABASE_URL and REDIS_URL (`.ci/run` sets both); skipped without them.
 */
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const schemas = postgresTestSchemas(databaseUrl);
const schema = schemas.next();
const secret = randomBytes(24).toString('hex');
const nodeTag = `cluster-${randomBytes(4).toString('hex')}`;
let nodeCount = 0;
const cleanup: (() => unknown)[] = [];
const shared: ServerProcess[] = [];

/** Far longer than any wait below: what arrives in time came over the bus, not from storage. */
const NO_CATCH_UP = { BUS_CATCH_UP_MS: '600000' };
/** Live fan-out between nodes on a busy two-core machine: milliseconds usually, seconds at worst. */
const LIVE_MS = 3000;

async function node(env: Record<string, string> = {}): Promise<ServerProcess> {
  const relay = new ServerProcess({
    env: {
      NODE_NAME: `${nodeTag}-${nodeCount++}`,
      DATABASE_URL: databaseUrl!,
      DATABASE_SCHEMA: schema,
      REDIS_URL: redisUrl!,
      AUTH_SECRET: secret,
      ...env,
    },
  });
  await relay.start();
  return relay;
}

function client(port: number, board: CreatedBoard): WebsocketProvider {
  const provider = boardClient(port, board);
  cleanup.push(() => provider.destroy());
  return provider;
}

async function synced(port: number, board: CreatedBoard): Promise<WebsocketProvider> {
  const provider = client(port, board);
  await waitFor(() => provider.synced, 'a client to sync', 10_000);
  return provider;
}

async function createBoard(relay: ServerProcess): Promise<CreatedBoard> {
  const response = await fetch(`${relay.origin}/api/boards`, { method: 'POST' });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedBoard;
}

const has = (provider: WebsocketProvider, id: string) => boardMaps(provider.doc).notes.has(id);
const text = (provider: WebsocketProvider, id: string) =>
  String(boardMaps(provider.doc).notes.get(id)?.get('text') ?? '');

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(async () => {
  for (const relay of shared.splice(0)) await relay.dispose();
  await schemas.dropAll();
});

describe.skipIf(!databaseUrl || !redisUrl)(
  'three relay processes on PostgreSQL and Redis (needs DATABASE_URL and REDIS_URL)',
  () => {
    beforeAll(async () => {
      shared.push(...(await Promise.all([node(NO_CATCH_UP), node(NO_CATCH_UP), node(NO_CATCH_UP)])));
    }, 30_000);

    it('shows clients on three nodes the same board and each other’s cursors', async () => {
      const [a, b, c] = shared as [ServerProcess, ServerProcess, ServerProcess];
      const board = await createBoard(a);
      const people = [await synced(a.port, board), await synced(b.port, board), await synced(c.port, board)];
      const [alice, bob, carol] = people as [WebsocketProvider, WebsocketProvider, WebsocketProvider];

      // Everyone writes a note, then all three type into Alice's at once.
      const ids = people.map((person, i) => writeNote(person, `note ${i}`, i * 200));
      await waitFor(
        () => people.every((p) => ids.every((id) => has(p, id))),
        'every note everywhere',
        LIVE_MS,
      );
      editNoteText(alice.doc, ids[0]!, 'A: note 0', 'test');
      editNoteText(bob.doc, ids[0]!, 'note 0 :B', 'test');
      editNoteText(carol.doc, ids[0]!, 'note 0 (C)', 'test');
      await waitFor(() => identical(people.map((p) => p.doc)), 'identical documents', LIVE_MS);
      const merged = text(alice, ids[0]!);
      for (const part of ['A: ', ':B', '(C)']) expect(merged).toContain(part);

      alice.awareness.setLocalStateField('cursor', { x: 120, y: 340 });
      await waitFor(
        () =>
          [bob, carol].every((p) => JSON.stringify(cursorOf(p, alice.doc.clientID)) === '{"x":120,"y":340}'),
        'Alice’s cursor on nodes B and C',
        LIVE_MS,
      );
    });

    it('lets a board loaded on one node be edited first from another, and joined on a third', async () => {
      const [a, b, c] = shared as [ServerProcess, ServerProcess, ServerProcess];
      const board = await createBoard(a);
      // Node A has the board loaded, untouched since its template was written.
      const alice = await synced(a.port, board);
      const bob = await synced(b.port, board);
      const first = writeNote(bob, 'first edit, from node B');
      await waitFor(
        () => text(alice, first) === 'first edit, from node B',
        'the first edit on node A',
        LIVE_MS,
      );

      // Carol opens the board on node C right after Bob's next edit, before node B has stored it.
      const next = writeNote(bob, 'written as Carol joins', 200);
      const carol = await synced(c.port, board);
      await waitFor(() => has(carol, next) && has(carol, first), 'both of Bob’s notes on node C', LIVE_MS);
      editNoteText(alice.doc, next, 'written as Carol joins, answered on A', 'test');
      await waitFor(() => identical([alice.doc, bob.doc, carol.doc]), 'identical documents', LIVE_MS);
      expect(text(carol, next)).toBe('written as Carol joins, answered on A');
    });

    it('loses nothing anyone saw when a node is killed; its clients carry on through the balancer', async () => {
      // Node K writes behind by seconds, so the kill surely lands between edits it relayed and their write.
      const catchUp = { BUS_CATCH_UP_MS: '500' };
      const [k, b, c] = await Promise.all([
        node({ ...catchUp, FLUSH_DELAY_MS: '10000' }),
        node(catchUp),
        node(catchUp),
      ]);
      for (const relay of [k, b, c]) cleanup.push(() => relay.dispose());
      const alive = new Set([k, b, c]);
      const balancer = await new BalancerProxy(() => [...alive].map((n) => n.port)).listen();
      cleanup.push(() => balancer.close());
      const board = await createBoard(b);

      // Round robin: Alice on K, Bob on B, Carol on C, Dave on K.
      const people: WebsocketProvider[] = [];
      for (let i = 0; i < 4; i++) people.push(await synced(balancer.port, board));
      const [alice, bob, carol, dave] = people as [
        WebsocketProvider,
        WebsocketProvider,
        WebsocketProvider,
        WebsocketProvider,
      ];
      const connections = await Promise.all(
        [k, b, c].map(
          async (relay) =>
            ((await (await fetch(`${relay.origin}/healthz`)).json()) as { connections: number }).connections,
        ),
      );
      expect(connections).toEqual([2, 1, 1]);

      // Everyone keeps writing notes while node K dies.
      const written = new Map<WebsocketProvider, string[]>(people.map((p) => [p, []]));
      let round = 0;
      const typing = setInterval(() => {
        round++;
        for (const [person, ids] of written) {
          if (person !== dave || alive.has(k)) ids.push(writeNote(person, `round ${round}`, round * 10));
        }
      }, 50);
      cleanup.push(() => clearInterval(typing));
      await waitFor(() => round >= 6, 'a few rounds of notes');
      // What Bob and Carol hold of Alice's and Dave's notes has been seen: it must survive the kill.
      const seenOfK = () =>
        [...written.get(alice)!, ...written.get(dave)!].filter((id) => has(bob, id) && has(carol, id));
      await waitFor(() => seenOfK().length >= 6, 'notes of node K seen on B and C', LIVE_MS);
      const seen = seenOfK();
      alive.delete(k);
      await k.stop('SIGKILL');
      // Dave closes his laptop with the node: what he wrote lives on only in what others saw.
      dave.destroy();
      await waitFor(() => round >= 20, 'more rounds after the kill', 5000);
      clearInterval(typing);

      const survivors = [alice, bob, carol];
      const everything = [...seen, ...written.get(alice)!, ...written.get(bob)!, ...written.get(carol)!];
      await waitFor(
        () =>
          identical(survivors.map((p) => p.doc)) &&
          survivors.every((p) => everything.every((id) => has(p, id))),
        'Alice, Bob and Carol to converge on every note',
        15_000,
      );
      // Alice reconnected through the balancer and carries on: her next note reaches the others live.
      const later = writeNote(alice, 'after the kill');
      await waitFor(() => has(bob, later) && has(carol, later), 'Alice’s next note on B and C', LIVE_MS);

      // And storage holds it all: a new node that never saw the session serves every note.
      const fresh = await node(catchUp);
      cleanup.push(() => fresh.dispose());
      const erin = await synced(fresh.port, board);
      await waitFor(
        () => [...everything, later].every((id) => has(erin, id)),
        'every note on a fresh node, from storage',
        10_000,
      );
    }, 60_000);
  },
);
