import { silentLogger, type Logger } from '../logger';
import type { Bus, BusHandler, BusKind } from './Bus';
import { REPLAY_MS } from './streamIds';

/** One published message, kept a moment for new subscriptions (see Bus.subscribe). */
interface Entry {
  seq: number;
  /** `performance.now()` when published. */
  at: number;
  from: MemoryBus;
  kind: BusKind;
  payload: Uint8Array;
}

interface Subscription {
  handler: BusHandler;
  /** The last entry delivered (or where the subscription began). */
  cursor: number;
}

/** Entries kept per board at most, whatever their age (as RedisBus trims its streams). */
const MAX_ENTRIES = 10_000;

/**
 * The medium several relay nodes in one process share, as Redis is between processes: a stream of
 * entries per board that each node's `MemoryBus` reads from. Delivery is asynchronous (at the end of
 * the turn that published), so a node never handles another's message inside its own publish.
 */
export class MemoryBusHub {
  private readonly streams = new Map<string, Entry[]>();
  private readonly nodes = new Set<MemoryBus>();
  private seq = 0;
  private draining: NodeJS.Immediate | null = null;

  /** A new node's bus on this medium. */
  node(options: MemoryBusOptions = {}): MemoryBus {
    const bus = new MemoryBus(this, options);
    this.nodes.add(bus);
    return bus;
  }

  /**
   * As if the medium restarted empty: every message not yet delivered is lost, and every node is told
   * of the gap (as RedisBus tells its node when Redis comes back).
   */
  interrupt(): void {
    this.streams.clear();
    for (const node of this.nodes) node.reportGap();
  }

  /** @internal */
  append(from: MemoryBus, boardId: string, kind: BusKind, payload: Uint8Array): void {
    let stream = this.streams.get(boardId);
    if (!stream) this.streams.set(boardId, (stream = []));
    // Copied, as a network would: the publisher may reuse its buffer.
    stream.push({ seq: ++this.seq, at: performance.now(), from, kind, payload: payload.slice() });
    if (stream.length > MAX_ENTRIES) stream.splice(0, stream.length - MAX_ENTRIES);
    this.scheduleDrain();
  }

  /** @internal The place a new subscription reads on from: what was published in the last moment. */
  startOf(boardId: string): number {
    const stream = this.streams.get(boardId) ?? [];
    const since = performance.now() - REPLAY_MS;
    const first = stream.find((entry) => entry.at >= since);
    if (first) this.scheduleDrain();
    return first ? first.seq - 1 : this.seq;
  }

  /** @internal */
  remove(node: MemoryBus): void {
    this.nodes.delete(node);
  }

  private scheduleDrain(): void {
    this.draining ??= setImmediate(() => this.drain());
  }

  private drain(): void {
    this.draining = null;
    for (const node of this.nodes) node.read(this.streams);
    // What every subscription has read and no new one would replay is dropped.
    const since = performance.now() - REPLAY_MS;
    for (const [boardId, stream] of this.streams) {
      const kept = stream.findIndex((entry) => entry.at >= since);
      if (kept === -1) this.streams.delete(boardId);
      else if (kept > 0) stream.splice(0, kept);
    }
  }
}

export interface MemoryBusOptions {
  /** Where a message the node could not apply is reported (as RedisBus does); silent by default. */
  log?: Logger;
  /** Test hook: return true to drop an outgoing message, as a lossy network would. */
  dropOutgoing?: (kind: BusKind, boardId: string) => boolean;
}

/**
 * One node's bus on a `MemoryBusHub`: several relay nodes in one process (tests, and the fuzz test of
 * the relay core) fan out through it exactly as processes do through Redis, with the same contract
 * (see busContract.ts).
 */
export class MemoryBus implements Bus {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly gapListeners: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly hub: MemoryBusHub,
    private readonly options: MemoryBusOptions = {},
  ) {}

  async subscribe(boardId: string, handler: BusHandler): Promise<void> {
    if (this.closed) return;
    this.subscriptions.set(boardId, { handler, cursor: this.hub.startOf(boardId) });
  }

  unsubscribe(boardId: string): void {
    this.subscriptions.delete(boardId);
  }

  publish(boardId: string, kind: BusKind, payload: Uint8Array): void {
    if (this.closed || this.options.dropOutgoing?.(kind, boardId)) return;
    this.hub.append(this, boardId, kind, payload);
  }

  onGap(listener: () => void): void {
    this.gapListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriptions.clear();
    this.hub.remove(this);
  }

  /** @internal Delivers what the node's subscriptions have not read yet, board by board, in order. */
  read(streams: ReadonlyMap<string, readonly Entry[]>): void {
    for (const [boardId, subscription] of [...this.subscriptions]) {
      for (const entry of streams.get(boardId) ?? []) {
        // Unsubscribed, or subscribed anew from a place of its own, by a handler just called.
        if (this.subscriptions.get(boardId) !== subscription) break;
        if (entry.seq <= subscription.cursor) continue;
        subscription.cursor = entry.seq;
        if (entry.from === this) continue;
        try {
          subscription.handler(entry.kind, entry.payload);
        } catch (err) {
          // As on Redis: a message one node cannot apply is that node's loss, caught up from storage.
          (this.options.log ?? silentLogger).warn({ err }, 'bus message could not be applied');
        }
      }
    }
  }

  /** @internal */
  reportGap(): void {
    if (this.closed) return;
    for (const listener of this.gapListeners) {
      try {
        listener();
      } catch (err) {
        (this.options.log ?? silentLogger).warn({ err }, 'bus gap listener failed');
      }
    }
  }
}
