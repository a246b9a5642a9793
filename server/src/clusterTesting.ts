/** Helpers for tests of several relay processes: a private Redis to kill, clients, board comparison. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { addNote, readBoard, SYNC_PATH, type CreatedBoard } from '@shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { tempDir } from './testing';

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
