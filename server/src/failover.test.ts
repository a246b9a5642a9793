import { randomBytes } from 'node:crypto';
import { addNote, boardMaps, type CreatedBoard } from '@shared';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { boardClient } from './clusterTesting';
import { BalancerProxy, ServerProcess } from './processTesting';
import { postgresTestSchemas, waitFor } from './testing';

/**
 * Two relay processes on PostgreSQL and Redis behind a balancer (a TCP proxy that skips dead nodes):
 * a node killed with SIGKILL loses nothing, its clients carry on through the other node, and the
 * nodes ride out Redis dropping every connection. Needs DATABASE_URL and REDIS_URL (`.ci/run` sets
 * both); skipped without them.
 */
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const schemas = postgresTestSchemas(databaseUrl);
const schema = schemas.next();
const cleanup: (() => unknown)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(() => schemas.dropAll());

/** Names this file's nodes, so that only their Redis connections are cut (other suites use Redis too). */
const nodeTag = `failover-${randomBytes(4).toString('hex')}`;
let nodeCount = 0;

async function node(secret: string): Promise<ServerProcess> {
  const relay = new ServerProcess({
    env: {
      NODE_NAME: `${nodeTag}-${nodeCount++}`,
      DATABASE_URL: databaseUrl!,
      DATABASE_SCHEMA: schema,
      REDIS_URL: redisUrl!,
      AUTH_SECRET: secret,
      BUS_CATCH_UP_MS: '500',
    },
  });
  cleanup.push(() => relay.dispose());
  await relay.start();
  return relay;
}

function client(port: number, board: CreatedBoard): WebsocketProvider {
  const provider = boardClient(port, board);
  cleanup.push(() => provider.destroy());
  return provider;
}

const ids = (doc: Y.Doc) => new Set(boardMaps(doc).notes.keys());
const note = (provider: WebsocketProvider, text: string) =>
  addNote(provider.doc, { x: 0, y: 0, text, author: 'a', department: 'd' }, 'test');

describe.skipIf(!databaseUrl || !redisUrl)(
  'failover between relay processes (needs DATABASE_URL and REDIS_URL)',
  () => {
    it('loses nothing when a node is killed: its clients carry on through the other node', async () => {
      const secret = randomBytes(24).toString('hex');
      const nodes = [await node(secret), await node(secret)];
      const alive = new Set(nodes);
      const balancer = await new BalancerProxy(() => [...alive].map((n) => n.port)).listen();
      cleanup.push(() => balancer.close());
      const board = (await (
        await fetch(`${nodes[0]!.origin}/api/boards`, { method: 'POST' })
      ).json()) as CreatedBoard;

      // Round robin: the first client on the first node, the second on the other.
      const alice = client(balancer.port, board);
      await waitFor(() => alice.synced, 'alice to sync');
      const bob = client(balancer.port, board);
      await waitFor(() => bob.synced, 'bob to sync');
      // Each node serves one of them, so the kill below cuts a client off.
      for (const relay of nodes) {
        const health = (await (await fetch(`${relay.origin}/healthz`)).json()) as { connections: number };
        expect(health.connections).toBe(1);
      }
      const written = [note(alice, 'before 1'), note(bob, 'before 2')];
      await waitFor(
        () => written.every((id) => ids(alice.doc).has(id) && ids(bob.doc).has(id)),
        'live fan-out',
      );

      // Kill the first node mid-session; its client reconnects through the balancer to the other one.
      alive.delete(nodes[0]!);
      await nodes[0]!.stop('SIGKILL');
      written.push(note(alice, 'after the kill'), note(bob, 'meanwhile'));
      await waitFor(
        () => written.every((id) => ids(alice.doc).has(id) && ids(bob.doc).has(id)),
        'both clients to hold every note',
        15_000,
      );
      // A newcomer, served by the surviving node from storage and its room, sees everything.
      const carol = client(balancer.port, board);
      await waitFor(() => carol.synced, 'carol to sync');
      await waitFor(() => written.every((id) => ids(carol.doc).has(id)), 'carol to hold every note', 10_000);
    });

    it('rides out Redis dropping every connection: fan-out resumes, nothing is lost', async () => {
      const secret = randomBytes(24).toString('hex');
      const nodes = [await node(secret), await node(secret)];
      const board = (await (
        await fetch(`${nodes[0]!.origin}/api/boards`, { method: 'POST' })
      ).json()) as CreatedBoard;
      const alice = client(nodes[0]!.port, board);
      const bob = client(nodes[1]!.port, board);
      await waitFor(() => alice.synced && bob.synced, 'both to sync');

      // As if Redis dropped them: every connection of this file's nodes is closed, and only those
      // (other suites and people use this Redis too).
      const admin = new Redis(redisUrl!);
      cleanup.push(() => admin.quit());
      const ours = ((await admin.client('LIST', 'TYPE', 'NORMAL')) as string)
        .split('\n')
        .filter((line) => line.includes(` name=iot-board:${nodeTag}-`))
        .map((line) => /\bid=(\d+)/.exec(line)![1]!);
      expect(ours.length).toBe(4);
      for (const id of ours) await admin.client('KILL', 'ID', id);
      const written = [note(alice, 'during the outage'), note(bob, 'also during it')];
      await waitFor(
        () => written.every((id) => ids(alice.doc).has(id) && ids(bob.doc).has(id)),
        'both to converge after the outage',
        15_000,
      );
      // And live fan-out works again.
      const later = note(alice, 'after the outage');
      await waitFor(() => ids(bob.doc).has(later), 'live fan-out again', 10_000);
      expect(ids(bob.doc).size).toBe(3);
    });
  },
);
