import { randomBytes } from 'node:crypto';
import { boardMaps, type CreatedBoard } from '@shared';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import {
  boardClient,
  identical,
  privateRedisUnavailable,
  REDIS_SERVER,
  RedisServerProcess,
  writeNote,
} from './clusterTesting';
import { ServerProcess } from './processTesting';
import { postgresTestSchemas, waitFor } from './testing';

/**
 * Redis restarted for real under two relay processes: a redis-server of this test's own (never the
 * shared one) is killed mid-session while people on both nodes keep writing, and started again on the
 * same port, empty: every stream and every id a node had read up to is gone. Needs DATABASE_URL and
 * /usr/bin/redis-server; skipped without them.
 */
const databaseUrl = process.env.DATABASE_URL;
const noRedisServer = privateRedisUnavailable();
const schemas = postgresTestSchemas(databaseUrl);
const schema = schemas.next();
const cleanup: (() => unknown)[] = [];

/**
 * The periodic catch-up from storage is pushed far beyond every wait below: what converges in time
 * was recovered by the nodes noticing Redis come back, and what arrives live came over the bus.
 */
const NO_PERIODIC_CATCH_UP = '600000';
const LIVE_MS = 2000;
/** From Redis answering again to every client holding every note. */
const RECOVERY_MS = 8000;

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(() => schemas.dropAll());

const has = (provider: WebsocketProvider, id: string) => boardMaps(provider.doc).notes.has(id);

async function session() {
  const redis = new RedisServerProcess();
  cleanup.push(() => redis.dispose());
  await redis.start();
  const secret = randomBytes(24).toString('hex');
  const nodes = await Promise.all(
    [0, 1].map(async () => {
      const relay = new ServerProcess({
        env: {
          DATABASE_URL: databaseUrl!,
          DATABASE_SCHEMA: schema,
          REDIS_URL: redis.url,
          AUTH_SECRET: secret,
          BUS_CATCH_UP_MS: NO_PERIODIC_CATCH_UP,
        },
      });
      cleanup.push(() => relay.dispose());
      await relay.start();
      return relay;
    }),
  );
  const [one, two] = nodes as [ServerProcess, ServerProcess];
  const board = (await (await fetch(`${one.origin}/api/boards`, { method: 'POST' })).json()) as CreatedBoard;
  const client = async (relay: ServerProcess) => {
    const provider = boardClient(relay.port, board);
    cleanup.push(() => provider.destroy());
    await waitFor(() => provider.synced, 'a client to sync', 10_000);
    return provider;
  };
  // Two people on each node: one writes, the other shows whether their node still serves them.
  const [alice, anna, bob, ben] = [
    await client(one),
    await client(one),
    await client(two),
    await client(two),
  ];
  const first = writeNote(alice!, 'before the restart');
  await waitFor(() => has(bob!, first), 'live fan-out before the restart', LIVE_MS);
  return { redis, board, alice: alice!, anna: anna!, bob: bob!, ben: ben!, written: [first] };
}

/** Alice and Bob write a note every 50 ms until `stop` is called. */
function keepWriting(alice: WebsocketProvider, bob: WebsocketProvider, written: string[]) {
  let round = 0;
  const timer = setInterval(() => {
    round++;
    written.push(writeNote(alice, `Alice ${round}`, round), writeNote(bob, `Bob ${round}`, round));
  }, 50);
  cleanup.push(() => clearInterval(timer));
  return { stop: () => clearInterval(timer), rounds: () => round };
}

async function restartMidSession(s: Awaited<ReturnType<typeof session>>) {
  const { redis, alice, anna, bob, ben, written } = s;
  const writing = keepWriting(alice, bob, written);
  await waitFor(() => writing.rounds() >= 5, 'a few notes with Redis up');
  await redis.stop('SIGKILL');
  const outageStart = writing.rounds();
  // Redis is away: each node still serves its own people.
  await waitFor(() => writing.rounds() >= outageStart + 5, 'notes written during the outage');
  const duringOutage = written.slice(-2);
  await waitFor(
    () => has(anna, duringOutage[0]!) && has(ben, duringOutage[1]!),
    'each node serving its own clients during the outage',
    LIVE_MS,
  );
  // Redis stays away long enough for the nodes' clients to give up on what they queued (ioredis
  // drops its queue after three failed reconnections, about a second).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await redis.start();
  await waitFor(() => writing.rounds() >= outageStart + 40, 'notes written after Redis is back', 10_000);
  writing.stop();

  const everyone = [alice, anna, bob, ben];
  await waitFor(
    () => everyone.every((p) => written.every((id) => has(p, id))),
    'every client to hold every note',
    RECOVERY_MS,
  );
  await waitFor(() => identical(everyone.map((p) => p.doc)), 'identical documents', LIVE_MS);

  // Live fan-out between the nodes works again, both ways.
  const fromOne = writeNote(alice, 'after the restart, from node one');
  await waitFor(() => has(bob, fromOne) && has(ben, fromOne), 'node one’s next note on node two', LIVE_MS);
  const fromTwo = writeNote(bob, 'after the restart, from node two');
  await waitFor(() => has(alice, fromTwo) && has(anna, fromTwo), 'node two’s next note on node one', LIVE_MS);
  expect(identical(everyone.map((p) => p.doc))).toBe(true);
}

describe.skipIf(!databaseUrl || noRedisServer)(
  `Redis restarted mid-session (needs DATABASE_URL and ${REDIS_SERVER}${noRedisServer ? ', not installed here' : ''})`,
  () => {
    it('converges with every edit and fans out live again after Redis comes back empty', async () => {
      await restartMidSession(await session());
    }, 45_000);

    it('copes when the restarted Redis numbers its entries below the ids the nodes had read', async () => {
      const s = await session();
      // As if Redis had run with its clock ahead (or comes back on a host whose clock is behind): an
      // entry an hour ahead moves every id after it, and so what the nodes have read up to.
      const admin = new Redis(s.redis.url);
      await admin.xadd(`board:${s.board.id}`, `${Date.now() + 3_600_000}-0`, 'n', 'test', 'k', 'update');
      admin.disconnect();
      const marker = writeNote(s.alice, 'after the clock jump');
      await waitFor(() => has(s.bob, marker), 'fan-out past the jump', LIVE_MS);
      await restartMidSession(s);
    }, 45_000);
  },
);
