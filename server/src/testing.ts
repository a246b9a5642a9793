/** Helpers for the server's tests: a real server on port 0 in a temporary data directory, and clients. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBoard, SYNC_PATH, type CreatedBoard } from '@shared';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadConfig, type Env, type ServerConfig } from './config';
import { silentLogger } from './logger';
import { RoomManager, type RoomManagerOptions } from './RoomManager';
import { SqliteStorage } from './storage/SqliteStorage';
import type { SocketLike } from './Connection';
import type { OutgoingMessages } from './OutgoingMessages';
import { startServer, type RunningServer, type ServerDependencies } from './startServer';

/** Polls until `condition` holds (or resolves truthy); fails with `what` after the timeout. */
export async function waitFor(
  condition: () => unknown,
  what = 'condition',
  timeoutMs = 5000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves after the current turn of the event loop, once the rooms have sent what it queued. */
export function endOfTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A socket for driving the room core directly: records what it was sent and how it was closed. */
export class FakeSocket implements SocketLike {
  /** Every message sent, in order. */
  sent: Uint8Array[] = [];
  /** How many times the socket was written to (each write may carry several messages). */
  writes = 0;
  closed: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  send(messages: OutgoingMessages): void {
    this.writes++;
    this.sent.push(...messages.messages);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
  /** [message type, sync step] of each message sent to this socket. */
  kinds(): number[][] {
    return this.sent.map((message) => {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      return type === 0 ? [type, decoding.readVarUint(decoder)] : [type];
    });
  }
}

/** Options for a room core in tests: roomy limits, overridable. */
export function coreOptions(options: Partial<RoomManagerOptions> = {}): RoomManagerOptions {
  return {
    maxMessageBytes: 1024 * 1024,
    maxBufferedBytes: 1024 * 1024,
    maxMessagesPerSecond: 10_000,
    maxMessageBurst: 10_000,
    maxConnectionsPerRoom: 100,
    maxRooms: 10_000,
    roomUnloadDelayMs: 60_000,
    ...options,
  };
}

/**
 * A room core over in-memory SQLite holding `boards` boards made from the template; `template` is a
 * document equal to each board as stored, to clone clients from.
 */
export async function startCore(options: Partial<RoomManagerOptions> = {}, boards = ['b'.repeat(32)]) {
  const storage = new SqliteStorage(':memory:');
  const template = new Y.Doc();
  createBoard(template, { title: 'Core' }, 'test');
  const state = Y.encodeStateAsUpdate(template);
  for (const id of boards) await storage.createBoard(id, state);
  const manager = new RoomManager(storage, coreOptions(options), silentLogger);
  return { storage, manager, template };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'idb-server-'));
}

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface RawClient {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<CloseInfo>;
  messages: Uint8Array[];
}

/**
 * A test bench: one server, its clients, and cleanup. `restart` stops the server and starts a new one
 * on the same data directory (and so the same secret).
 */
export class TestBench {
  readonly dataDir = tempDir();
  readonly staticDir = tempDir();
  config!: ServerConfig;
  running!: RunningServer;
  private readonly providers: WebsocketProvider[] = [];
  private readonly sockets: WebSocket[] = [];

  constructor(
    private readonly env: Env = {},
    /** Injected into each start (a bus with a test hook, say); a function, so a restart gets fresh ones. */
    private readonly deps: () => ServerDependencies = () => ({}),
  ) {}

  async start(): Promise<this> {
    this.config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      STATIC_DIR: this.staticDir,
      LOG_LEVEL: 'silent',
      ...this.env,
    });
    this.running = await startServer(this.config, this.deps());
    return this;
  }

  async restart(): Promise<void> {
    await this.running.close();
    await this.start();
  }

  get url(): string {
    return this.running.url;
  }

  get syncUrl(): string {
    return `ws://127.0.0.1:${this.running.port}${SYNC_PATH}`;
  }

  async createBoard(title?: string): Promise<CreatedBoard> {
    const res = await fetch(`${this.url}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(title === undefined ? {} : { title }),
    });
    if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}`);
    return (await res.json()) as CreatedBoard;
  }

  /** The stock client, as the app uses it (minus BroadcastChannel, which would bypass the server). */
  provider(boardId: string, token: string | null, doc = new Y.Doc()): WebsocketProvider {
    const provider = new WebsocketProvider(this.syncUrl, boardId, doc, {
      params: token === null ? {} : { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    });
    this.providers.push(provider);
    return provider;
  }

  async syncedProvider(boardId: string, token: string, doc = new Y.Doc()): Promise<WebsocketProvider> {
    const provider = this.provider(boardId, token, doc);
    await waitFor(() => provider.synced, 'provider to sync');
    return provider;
  }

  /**
   * A bare ws client, to read close codes and send arbitrary frames; `options` adds request headers
   * (X-Forwarded-For, say) or offers subprotocols.
   */
  raw(
    boardPath: string,
    token?: string,
    options: { headers?: Record<string, string>; protocols?: string[] } = {},
  ): RawClient {
    const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(`${this.syncUrl}/${boardPath}${query}`, options.protocols ?? [], {
      headers: options.headers,
    });
    this.sockets.push(ws);
    const messages: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
    ws.on('error', () => {});
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', () => reject(new Error('closed before opening')));
    });
    // Only some tests await `opened`; a refusal must not surface as an unhandled rejection elsewhere.
    opened.catch(() => {});
    return {
      ws,
      messages,
      opened,
      closed: new Promise((resolve) =>
        ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
      ),
    };
  }

  async dispose(): Promise<void> {
    for (const provider of this.providers) provider.destroy();
    for (const ws of this.sockets) ws.terminate();
    await this.running?.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    fs.rmSync(this.staticDir, { recursive: true, force: true });
  }
}

/**
 * Schemas of their own for the tests that use the PostgreSQL at `url`: `next()` names a fresh one,
 * `dropAll()` (for `afterAll`) drops every one named, with its tables. Nothing happens without a url.
 */
export function postgresTestSchemas(url: string | undefined) {
  const names: string[] = [];
  return {
    next(): string {
      const name = `test_${randomBytes(6).toString('hex')}`;
      names.push(name);
      return name;
    },
    async dropAll(): Promise<void> {
      if (!url || names.length === 0) return;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const name of names.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
