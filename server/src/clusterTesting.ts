/**
 * Helpers for tests of several relay nodes: in this process (InProcessCluster) or as processes, a
 * private Redis to kill, clients, board comparison.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { addNote, limitValueDepth, readBoard, SYNC_PATH, type CreatedBoard } from '@shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MemoryBusHub, type MemoryBusOptions } from './bus/MemoryBus';
import type { Env } from './config';
import { SqliteStorage } from './storage/SqliteStorage';
import type { Storage, StoredBallot, VersionInfo, VersionQuota } from './storage/Storage';
import { tempDir, TestBench } from './testing';

/** Where Debian (and so every machine of this kind, CI's too) installs the Redis server. */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** Why a suite that starts its own Redis cannot run here, or null when it can. */
export function privateRedisUnavailable(): string | null {
  return fs.existsSync(REDIS_SERVER) ? null : `${REDIS_SERVER} is not installed`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server of the test's own, on a free port, keeping nothing on disk: killing it and starting it
 * again on the same port is a Redis restart that comes back empty, without touching the shared Redis
 * other tests and people use.
 */
export class RedisServerProcess {
  private readonly dir = tempDir();
  private child: ChildProcess | null = null;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts on a free port the first time, on the same port after that (a restart). */
  async start(): Promise<void> {
    if (this.port !== 0) return this.spawn(this.port);
    // The free port may be taken between the probe and the start by another program: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        await this.spawn(port);
        this.port = port;
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** SIGKILL by default: Redis dies as in a crash, every connection cut at once. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(port: number): Promise<void> {
    const child = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let output = '';
    return new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`redis-server exited (${code}):\n${output}`));
      child.once('exit', onExit);
      const onData = (data: Buffer) => {
        output += data.toString();
        if (!output.includes('Ready to accept connections')) return;
        child.off('exit', onExit);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
    });
  }
}

/** The stock client on the sync endpoint at `port` (a node or a balancer), as the app uses it. */
export function boardClient(port: number, board: CreatedBoard): WebsocketProvider {
  return new WebsocketProvider(`ws://127.0.0.1:${port}${SYNC_PATH}`, board.id, new Y.Doc(), {
    params: { token: board.editToken },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
}

/** Adds a note with `text` and returns its id. */
export function writeNote(provider: WebsocketProvider, text: string, x = 0): string {
  return addNote(provider.doc, { x, y: 0, text, author: 'test', department: 'firmware' }, 'test');
}

/** What a person sees of the board plus what the document has seen: equal only for identical replicas. */
export function replicaOf(doc: Y.Doc): string {
  const vector = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b);
  return JSON.stringify({ board: readBoard(doc), vector });
}

/** True when every document is identical to the first. */
export function identical(docs: Y.Doc[]): boolean {
  const first = replicaOf(docs[0]!);
  return docs.every((doc) => replicaOf(doc) === first);
}

/** The cursor a client's awareness shows for the client with id `clientId`, if any. */
export function cursorOf(provider: WebsocketProvider, clientId: number): unknown {
  return (provider.awareness.getStates().get(clientId) as { cursor?: unknown } | undefined)?.cursor;
}

/**
 * One node's view of a database that several nodes in this process share: closing it leaves the
 * database to the others, and compaction folds in the rows it is asked to fold, as PostgresStorage does
 * (another node may have written rows this node's document lacks; SqliteStorage, made for one node,
 * trusts the state it is given).
 */
class SharedStorageView implements Storage {
  constructor(private readonly shared: Storage) {}
  createBoard = (id: string, state: Uint8Array) => this.shared.createBoard(id, state);
  hasBoard = (id: string) => this.shared.hasBoard(id);
  load = (id: string) => this.shared.load(id);
  boardHeads = (ids: readonly string[]) => this.shared.boardHeads(ids);
  updatesSince = (id: string, afterSeq: number) => this.shared.updatesSince(id, afterSeq);
  appendUpdates = (id: string, updates: Uint8Array[]) => this.shared.appendUpdates(id, updates);
  tokenEpoch = (id: string) => this.shared.tokenEpoch(id);
  revokeTokens = (id: string) => this.shared.revokeTokens(id);
  logLength = (id: string) => this.shared.logLength(id);
  saveVersion = (id: string, version: VersionInfo, state: Uint8Array, quota?: VersionQuota) =>
    this.shared.saveVersion(id, version, state, quota);
  listVersions = (id: string) => this.shared.listVersions(id);
  loadVersion = (id: string, versionId: string) => this.shared.loadVersion(id, versionId);
  saveBallot = (
    id: string,
    voteId: string,
    voter: string,
    dots: Readonly<StoredBallot>,
    maxBallots?: number,
  ) => this.shared.saveBallot(id, voteId, voter, dots, maxBallots);
  loadBallot = (id: string, voteId: string, voter: string) => this.shared.loadBallot(id, voteId, voter);
  listBallots = (id: string, voteId: string) => this.shared.listBallots(id, voteId);
  deleteBallots = (id: string) => this.shared.deleteBallots(id);
  ping = () => this.shared.ping();
  close = async () => {};

  async compact(id: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    const stored = await this.shared.load(id);
    if (!stored) throw new Error(`unknown board ${id}`);
    // The log's rows are numbered up to lastSeq without gaps: the first ones are those up to uptoSeq.
    const folded = stored.updates
      .slice(0, Math.max(0, stored.updates.length - (stored.lastSeq - uptoSeq)))
      .map((update) => limitValueDepth(update));
    await this.shared.compact(id, folded.length === 0 ? state : Y.mergeUpdates([state, ...folded]), uptoSeq);
  }
}

/**
 * Relay nodes in this process, as processes share PostgreSQL and Redis: one SQLite database (each node
 * with its own view of it) and one MemoryBusHub (each node with its own bus). Runs in every test run.
 */
export class InProcessCluster {
  readonly hub = new MemoryBusHub();
  readonly dataDir = tempDir();
  readonly storage = new SqliteStorage(this.dataDir);
  readonly secret = randomBytes(24).toString('hex');
  private readonly benches: TestBench[] = [];

  /** A view of the shared database for one node. */
  nodeStorage(): Storage {
    return new SharedStorageView(this.storage);
  }

  /** A started relay node (a real server on port 0) on the shared database and bus. */
  async node(env: Env = {}, bus: MemoryBusOptions = {}): Promise<TestBench> {
    const bench = new TestBench({ AUTH_SECRET: this.secret, ...env }, () => ({
      storage: this.nodeStorage(),
      bus: this.hub.node(bus),
    }));
    this.benches.push(bench);
    return bench.start();
  }

  async dispose(): Promise<void> {
    for (const bench of this.benches.splice(0)) await bench.dispose();
    await this.storage.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
