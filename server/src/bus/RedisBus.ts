import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { Bus, BusHandler, BusKind } from './Bus';

export interface RedisBusOptions {
  url: string;
  /** Names this node's Redis connections (`iot-board:<name>` in CLIENT LIST), for operators. */
  nodeName?: string;
  log: Logger;
  /** Entries kept per board stream (approximately); older ones are trimmed. */
  maxLength?: number;
  /** Test hook: return true to drop an outgoing message, as a lossy network would. */
  dropOutgoing?: () => boolean;
}

interface Subscription {
  handler: BusHandler;
  /** The last stream entry delivered (or the stream's end when the subscription began). */
  lastId: string;
}

// Loaded on first use: a single node (no REDIS_URL) never pays for the client's memory.
let driver: typeof IORedis | null = null;
function redisDriver(): typeof IORedis {
  driver ??= createRequire(import.meta.url)('ioredis') as typeof IORedis;
  return driver;
}

const READ_BLOCK_MS = 100;
const RETRY_MS = 250;

/**
 * The bus on Redis Streams: one stream per board (`board:<id>`), each message an entry tagged with the
 * node that sent it. A node reads the streams of its loaded boards from the last entry it saw, so a
 * node whose Redis connection drops resumes where it left off when Redis returns (what was trimmed
 * meanwhile is caught up from storage); meanwhile it keeps serving its own clients.
 */
export class RedisBus implements Bus {
  readonly nodeId = randomBytes(8).toString('hex');
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly subscriptions = new Map<string, Subscription>();
  private closed = false;
  private readonly loop: Promise<void>;

  constructor(private readonly options: RedisBusOptions) {
    const connect = () =>
      new (redisDriver().Redis)(options.url, {
        // Keep retrying for as long as Redis is away; each command waits in the offline queue.
        retryStrategy: (times) => Math.min(times * 100, 2000),
        maxRetriesPerRequest: 3,
        connectionName: `iot-board:${options.nodeName ?? this.nodeId}`,
        lazyConnect: false,
      });
    this.writer = connect();
    this.reader = connect();
    for (const client of [this.writer, this.reader]) {
      client.on('error', (err: unknown) => options.log.debug({ err }, 'redis connection error'));
    }
    this.loop = this.readLoop();
  }

  private static key(boardId: string): string {
    return `board:${boardId}`;
  }

  async subscribe(boardId: string, handler: BusHandler): Promise<void> {
    const key = RedisBus.key(boardId);
    let lastId = '0-0';
    try {
      const last = (await this.writer.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
      lastId = last[0]?.[0] ?? '0-0';
    } catch (err) {
      // Redis is away: start from the beginning of what the stream still holds once it is back.
      this.options.log.warn({ err, board: boardId }, 'bus subscription without Redis; catching up later');
    }
    this.subscriptions.set(key, { handler, lastId });
  }

  unsubscribe(boardId: string): void {
    this.subscriptions.delete(RedisBus.key(boardId));
  }

  publish(boardId: string, kind: BusKind, payload: Uint8Array): void {
    if (this.closed || this.options.dropOutgoing?.()) return;
    this.writer
      .xadd(
        RedisBus.key(boardId),
        'MAXLEN',
        '~',
        String(this.options.maxLength ?? 10_000),
        '*',
        'n',
        this.nodeId,
        'k',
        kind,
        'p',
        Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
      )
      .catch((err: unknown) => this.options.log.warn({ err, board: boardId }, 'bus publish failed'));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.loop;
    await this.writer.quit().catch(() => this.writer.disconnect());
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      if (this.subscriptions.size === 0) {
        await sleep(READ_BLOCK_MS);
        continue;
      }
      const keys = [...this.subscriptions.keys()];
      const ids = keys.map((key) => this.subscriptions.get(key)!.lastId);
      let result: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        result = (await this.reader.xreadBuffer('BLOCK', READ_BLOCK_MS, 'STREAMS', ...keys, ...ids)) as
          [Buffer, [Buffer, Buffer[]][]][] | null;
      } catch (err) {
        if (this.closed) return;
        this.options.log.debug({ err }, 'bus read failed; retrying');
        await sleep(RETRY_MS);
        continue;
      }
      for (const [keyBuffer, entries] of result ?? []) {
        const subscription = this.subscriptions.get(keyBuffer.toString());
        if (!subscription) continue;
        for (const [idBuffer, fields] of entries) {
          subscription.lastId = idBuffer.toString();
          const message = fieldsOf(fields);
          if (message.node === this.nodeId || !message.payload) continue;
          try {
            subscription.handler(message.kind, message.payload);
          } catch (err) {
            this.options.log.warn({ err }, 'bus message could not be applied');
          }
        }
      }
    }
  }
}

function fieldsOf(fields: Buffer[]): { node: string; kind: BusKind; payload: Uint8Array | null } {
  let node = '';
  let kind: BusKind = 'update';
  let payload: Uint8Array | null = null;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!.toString();
    const value = fields[i + 1]!;
    if (name === 'n') node = value.toString();
    else if (name === 'k') kind = value.toString() === 'awareness' ? 'awareness' : 'update';
    else if (name === 'p') payload = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return { node, kind, payload };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
