import { randomBytes } from 'node:crypto';
import { boardMaps, boardTokensPath, CLOSE, type BoardTokens, type CreatedBoard } from '@shared';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { RedisBus } from './bus/RedisBus';
import { InProcessCluster, writeNote } from './clusterTesting';
import type { Env } from './config';
import { silentLogger } from './logger';
import type { RoomManager } from './RoomManager';
import { endOfTurn, FakeSocket, postgresTestSchemas, startCore, TestBench, waitFor } from './testing';

/**
 * Revoking a board's tokens through one relay node holds on every node: the revocation goes out on the
 * bus, a join reads the board's token generation from storage (cached a second at most), and a node
 * that missed the bus message learns it from storage at its next join or catch-up. Run on two nodes in
 * this process (always) and on PostgreSQL and Redis (where DATABASE_URL and REDIS_URL are set).
 */

interface NodeOptions {
  /** This node's bus loses every revocation it publishes, as a lossy network would. */
  dropRevocations?: boolean;
}

interface Nodes {
  node(env?: Env, options?: NodeOptions): Promise<TestBench>;
  dispose(): Promise<void>;
}

/** Far longer than any wait below: what happens in time did not come from the periodic catch-up. */
const NO_CATCH_UP: Env = { BUS_CATCH_UP_MS: '600000' };
const dropRevocations = (kind: string) => kind === 'revocation';

function terminalClose(provider: WebsocketProvider): Promise<number> {
  return new Promise((resolve) => provider.once('closed', ({ code }: { code: number }) => resolve(code)));
}

async function revoke(node: TestBench, board: CreatedBoard): Promise<BoardTokens> {
  const res = await fetch(`${node.url}${boardTokensPath(board.id)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${board.editToken}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as BoardTokens;
}

async function oldTokenRefused(node: TestBench, board: CreatedBoard): Promise<void> {
  expect((await node.raw(board.id, board.editToken).closed).code).toBe(CLOSE.tokenRevoked.code);
  expect((await node.raw(board.id, board.viewToken).closed).code).toBe(CLOSE.tokenRevoked.code);
}

const notes = (provider: WebsocketProvider) => boardMaps(provider.doc).notes.size;

function describeRevocationAcrossNodes(name: string, make: () => Nodes): void {
  describe(`revocation across relay nodes: ${name}`, () => {
    let nodes: Nodes;
    beforeEach(() => {
      nodes = make();
    });
    afterEach(async () => {
      await nodes.dispose();
    });

    it('closes the old tokens’ connections on every node, refuses them there and accepts the new', async () => {
      const one = await nodes.node(NO_CATCH_UP);
      const two = await nodes.node(NO_CATCH_UP);
      const board = await one.createBoard('Revoked');
      const alice = await one.syncedProvider(board.id, board.editToken);
      const bob = await two.syncedProvider(board.id, board.editToken);
      const viewer = await two.syncedProvider(board.id, board.viewToken);
      writeNote(alice, 'before');
      await waitFor(() => notes(bob) === 1, 'alice’s note on node two');
      const closes = [alice, bob, viewer].map(terminalClose);

      const fresh = await revoke(one, board);
      expect(await Promise.all(closes)).toEqual(Array(3).fill(CLOSE.tokenRevoked.code));
      await oldTokenRefused(two, board);
      const again = await two.syncedProvider(board.id, fresh.viewToken);
      expect(notes(again)).toBe(1);
    });

    it('reaches a node holding the board from a node that does not hold it', async () => {
      const one = await nodes.node(NO_CATCH_UP);
      const two = await nodes.node(NO_CATCH_UP);
      const board = await one.createBoard('Revoked elsewhere');
      const bob = await two.syncedProvider(board.id, board.editToken);
      const closed = terminalClose(bob);
      await revoke(one, board);
      expect(await closed).toBe(CLOSE.tokenRevoked.code);
    });

    it('a node that missed the revocation learns it from storage on a join with a new token', async () => {
      const one = await nodes.node(NO_CATCH_UP, { dropRevocations: true });
      const two = await nodes.node(NO_CATCH_UP);
      const board = await one.createBoard('Missed');
      const bob = await two.syncedProvider(board.id, board.editToken);
      const closed = terminalClose(bob);

      const fresh = await revoke(one, board);
      // Newer than the generation node two holds: read from storage, not refused.
      const carol = await two.syncedProvider(board.id, fresh.editToken);
      expect(await closed).toBe(CLOSE.tokenRevoked.code);
      await oldTokenRefused(two, board);
      expect(carol.wsconnected).toBe(true);
    });

    it('a node that missed the revocation closes the old tokens’ connections at its catch-up', async () => {
      const one = await nodes.node(NO_CATCH_UP, { dropRevocations: true });
      const two = await nodes.node({ BUS_CATCH_UP_MS: '100' });
      const board = await one.createBoard('Caught up');
      const bob = await two.syncedProvider(board.id, board.editToken);
      const closed = terminalClose(bob);
      await revoke(one, board);
      expect(await closed).toBe(CLOSE.tokenRevoked.code);
    });
  });
}

describe('the token generation a join is checked against', () => {
  const BOARD = 'b'.repeat(32);
  const cores: Awaited<ReturnType<typeof startCore>>[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.manager.shutdown();
  });

  /** A room core whose storage counts the reads of the token generation. */
  async function core(tokenEpochCacheMs: number) {
    const started = await startCore({ tokenEpochCacheMs });
    cores.push(started);
    const reads = { count: 0 };
    const read = started.storage.tokenEpoch.bind(started.storage);
    started.storage.tokenEpoch = (id) => {
      reads.count++;
      return read(id);
    };
    return { ...started, reads };
  }

  async function joined(manager: RoomManager, tokenEpoch: number): Promise<FakeSocket> {
    const socket = new FakeSocket();
    const connection = manager.connect(BOARD, { role: 'edit', tokenEpoch }, socket);
    await waitFor(() => manager.room(BOARD)?.connections.has(connection), 'the join');
    return socket;
  }

  async function refused(manager: RoomManager, tokenEpoch: number): Promise<number | undefined> {
    const socket = new FakeSocket();
    manager.connect(BOARD, { role: 'view', tokenEpoch }, socket);
    await waitFor(() => socket.closed, 'the refusal');
    return socket.closed?.code;
  }

  it('is read from storage once the cached one is too old: another node’s revocation holds here', async () => {
    const { manager, storage } = await core(0);
    const before = await joined(manager, 0);
    // Revoked by another node whose bus message never came.
    await storage.revokeTokens(BOARD);
    expect(await refused(manager, 0)).toBe(CLOSE.tokenRevoked.code);
    expect(before.closed?.code).toBe(CLOSE.tokenRevoked.code);
    await joined(manager, 1);
  });

  it('closes a join waiting for the read with 4503 when the node shuts down meanwhile', async () => {
    const { manager, storage } = await core(0);
    await joined(manager, 0);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const read = storage.tokenEpoch.bind(storage);
    storage.tokenEpoch = async (id) => {
      await gate;
      return read(id);
    };
    const socket = new FakeSocket();
    manager.connect(BOARD, { role: 'edit', tokenEpoch: 0 }, socket);
    await endOfTurn();
    const stopped = manager.shutdown();
    // Storage stays open for the read: the shutdown waits for it.
    await endOfTurn();
    release();
    await stopped;
    await waitFor(() => socket.closed, 'the waiting join to be closed');
    expect(socket.closed?.code).toBe(CLOSE.shuttingDown.code);
  });

  it('is read once for a crowd of joins, and afresh for a token newer than the room’s', async () => {
    const { manager, storage, reads } = await core(60_000);
    const crowd = await Promise.all(Array.from({ length: 20 }, () => joined(manager, 0)));
    // The room's own load read it: none of them needed another read.
    expect(reads.count).toBe(0);

    await storage.revokeTokens(BOARD);
    const fresh = await Promise.all(Array.from({ length: 20 }, () => joined(manager, 1)));
    expect(reads.count).toBe(1);
    for (const socket of crowd) expect(socket.closed?.code).toBe(CLOSE.tokenRevoked.code);
    expect(fresh.every((socket) => socket.closed === null)).toBe(true);
    expect(await refused(manager, 0)).toBe(CLOSE.tokenRevoked.code);
    expect(reads.count).toBe(1);
  });
});

describeRevocationAcrossNodes('in this process, on SQLite and MemoryBus', () => {
  const cluster = new InProcessCluster();
  return {
    node: (env = {}, options = {}) =>
      cluster.node(env, options.dropRevocations ? { dropOutgoing: dropRevocations } : {}),
    dispose: () => cluster.dispose(),
  };
});

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const schemas = postgresTestSchemas(databaseUrl);
afterAll(() => schemas.dropAll());

describe.skipIf(!databaseUrl || !redisUrl)(
  'on PostgreSQL and Redis (needs DATABASE_URL and REDIS_URL)',
  () => {
    describeRevocationAcrossNodes('PostgreSQL and Redis', () => {
      const schema = schemas.next();
      const secret = randomBytes(24).toString('hex');
      const benches: TestBench[] = [];
      return {
        node: async (env = {}, options = {}) => {
          const bench = new TestBench(
            {
              DATABASE_URL: databaseUrl!,
              DATABASE_SCHEMA: schema,
              REDIS_URL: redisUrl!,
              AUTH_SECRET: secret,
              ...env,
            },
            options.dropRevocations
              ? () => ({
                  bus: new RedisBus({ url: redisUrl!, log: silentLogger, dropOutgoing: dropRevocations }),
                })
              : undefined,
          );
          benches.push(bench);
          return bench.start();
        },
        dispose: async () => {
          for (const bench of benches.splice(0)) await bench.dispose();
        },
      };
    });
  },
);
