import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { BUS_KINDS, type Bus, type BusHandler, type BusKind } from './Bus';
import { isAheadOf, redisClockMs, replayStart } from './streamIds';

export interface RedisBusOptions {
  url: string;
  /** Names this node's Redis connections (`iot-board:<name>` in CLIENT LIST), for operators. */
  nodeName?: string;
  log: Logger;
  /** Entries kept per board stream (approximately); older ones are trimmed. */
  maxLength?: number;
  /** Test hook: return true to drop an outgoing message, as a lossy network would. */
  dropOutgoing?: (kind: BusKind, boardId: string) => boolean;
}

interface Subscription {
  handler: BusHandler;
  /**
   * The last stream entry delivered (or where the subscription began); null until the bus can place
   * it, when the subscription was made while Redis was away.
   */
  lastId: string | null;
}

// Loaded on first use: a single node (no REDIS_URL) never pays for the client's memory.
let driver: typeof IORedis | null = null;
function redisDriver(): typeof IORedis {
  driver ??= createRequire(import.meta.url)('ioredis') as typeof IORedis;
  return driver;
}

const READ_BLOCK_MS = 100;
const READ_COUNT = 1000;
const RETRY_MS = 250;

/**
 * The bus on Redis Streams: one stream per board (`board:<id>`), each message an entry tagged with the
 * node that sent it. A node reads the streams of its loaded boards from the last entry it saw, so a
 * node whose Redis connection drops resumes where it left off when Redis returns (what was trimmed
 * meanwhile is caught up from storage); meanwhile it keeps serving its own clients.
 *
 * Stream ids are Redis's clock at the time of writing. A Redis that restarts without persistence
 * comes back with no streams; one whose clock was stepped back (or a replica on another host taking
 * over) numbers new entries below the ids the nodes had read up to, and reading on from those would
 * skip everything until its clock passed them. So on every reconnection each subscription is checked
 * against Redis's clock and moved back when it lies ahead, and the node is told to catch up from
 * storage (see `onGap`) for what was written while it could not read.
 */
export class RedisBus implements Bus {
  readonly nodeId = randomBytes(8).toString('hex');
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly gapListeners: (() => void)[] = [];
  private closed = false;
  /** The reader's connection broke; on its return, the subscriptions are checked and a gap reported. */
  private readerBroke = false;
  private resumePending = false;
  /** Publishing fails while Redis is away: said once per outage, not once per message. */
  private publishFailing = false;
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
    this.reader.on('close', () => {
      this.readerBroke = true;
    });
    this.reader.on('ready', () => {
      if (!this.readerBroke) return;
      this.readerBroke = false;
      this.resumePending = true;
      options.log.info('bus reconnected to Redis; catching up');
    });
    this.writer.on('ready', () => {
      this.publishFailing = false;
    });
    this.loop = this.readLoop();
  }

  /** Resolves once both connections to Redis are up (before that, awareness is not published). */
  async ready(): Promise<void> {
    await Promise.all(
      [this.writer, this.reader].map((client) =>
        client.status === 'ready' ? undefined : new Promise((resolve) => client.once('ready', resolve)),
      ),
    );
  }

  private static key(boardId: string): string {
    return `board:${boardId}`;
  }

  async subscribe(boardId: string, handler: BusHandler): Promise<void> {
    let lastId: string | null = null;
    // While Redis is away, loading a board must not wait for it: the read loop places it on return.
    if (this.writer.status === 'ready') {
      try {
        lastId = replayStart(redisClockMs(await this.writer.time()));
      } catch (err) {
        this.options.log.warn({ err, board: boardId }, 'bus subscription without Redis; catching up later');
      }
    }
    this.subscriptions.set(RedisBus.key(boardId), { handler, lastId });
  }

  unsubscribe(boardId: string): void {
    this.subscriptions.delete(RedisBus.key(boardId));
  }

  onGap(listener: () => void): void {
    this.gapListeners.push(listener);
  }

  publish(boardId: string, kind: BusKind, payload: Uint8Array): void {
    if (this.closed || this.options.dropOutgoing?.(kind, boardId)) return;
    // A cursor queued through an outage is stale on arrival; document updates wait for Redis instead
    // (what the queue cannot keep, the other nodes catch up from storage).
    if (kind === 'awareness' && this.writer.status !== 'ready') return;
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
      .catch((err: unknown) => {
        if (this.publishFailing) return;
        this.publishFailing = true;
        this.options.log.warn(
          { err, board: boardId },
          'bus publish failed; other nodes catch up from storage',
        );
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.loop;
    await this.writer.quit().catch(() => this.writer.disconnect());
  }

  /**
   * Gives a place in its stream to each subscription made while Redis was away, and after a
   * reconnection moves back every one that lies ahead of Redis's clock; then reports the gap.
   */
  private async place(): Promise<void> {
    const resumed = this.resumePending;
    this.resumePending = false;
    let nowMs: number;
    try {
      nowMs = redisClockMs(await this.reader.time());
    } catch (err) {
      this.resumePending ||= resumed;
      throw err;
    }
    for (const subscription of this.subscriptions.values()) {
      if (subscription.lastId === null || (resumed && isAheadOf(subscription.lastId, nowMs))) {
        subscription.lastId = replayStart(nowMs);
      }
    }
    if (!resumed) return;
    for (const listener of this.gapListeners) {
      try {
        listener();
      } catch (err) {
        this.options.log.warn({ err }, 'bus gap listener failed');
      }
    }
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const placed: [string, Subscription][] = [];
      let unplaced = false;
      for (const entry of this.subscriptions) {
        if (entry[1].lastId === null) unplaced = true;
        else placed.push(entry);
      }
      let result: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        if (this.resumePending || unplaced) {
          await this.place();
          continue;
        }
        if (placed.length === 0) {
          await sleep(READ_BLOCK_MS);
          continue;
        }
        result = (await this.reader.xreadBuffer(
          'COUNT',
          READ_COUNT,
          'BLOCK',
          READ_BLOCK_MS,
          'STREAMS',
          ...placed.map(([key]) => key),
          ...placed.map(([, subscription]) => subscription.lastId!),
        )) as [Buffer, [Buffer, Buffer[]][]][] | null;
      } catch (err) {
        if (this.closed) return;
        this.options.log.debug({ err }, 'bus read failed; retrying');
        await sleep(RETRY_MS);
        continue;
      }
      for (const [keyBuffer, entries] of result ?? []) {
        const key = keyBuffer.toString();
        const subscription = this.subscriptions.get(key);
        // Unsubscribed meanwhile, or subscribed anew (the room reloaded) from a place of its own.
        if (!subscription || subscription !== placed.find(([k]) => k === key)?.[1]) continue;
        for (const [idBuffer, fields] of entries) {
          subscription.lastId = idBuffer.toString();
          const message = fieldsOf(fields);
          if (message.node === this.nodeId || !message.kind || !message.payload) continue;
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

/** An entry's fields; a kind this node does not know (from a newer node, say) is left out as null. */
function fieldsOf(fields: Buffer[]): { node: string; kind: BusKind | null; payload: Uint8Array | null } {
  let node = '';
  let kind: BusKind | null = null;
  let payload: Uint8Array | null = null;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!.toString();
    const value = fields[i + 1]!;
    if (name === 'n') node = value.toString();
    else if (name === 'k') kind = BUS_KINDS.find((known) => known === value.toString()) ?? null;
    else if (name === 'p') payload = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return { node, kind, payload };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
