import * as Y from 'yjs';
import type { Logger } from './logger';
import type { Storage, StoredBoard } from './storage/Storage';
import type { StorageOperation, Telemetry } from './Telemetry';

export interface PersistenceOptions {
  /** An update reaches storage at most this long after it was applied (the FlushClock's interval). */
  flushDelayMs: number;
  /** Compact once the log holds more rows than this (one row per batch). */
  compactAfterRows: number;
  /** Wait before retrying a failed write. */
  retryDelayMs: number;
}

export const DEFAULT_PERSISTENCE: PersistenceOptions = {
  // Close to the design's "within about 100 ms": the longer the window, the fewer transactions (at 90
  // rather than 50 ms, about 8% less server CPU in the bench's 40 rooms x 5 people).
  flushDelayMs: 90,
  compactAfterRows: 200,
  retryDelayMs: 1000,
};

/**
 * One timer for the write-behind of every room of a process. The rooms with pending updates flush
 * together, so storage sees bursts of appends (which it commits as one transaction per turn) instead of
 * a transaction per room at scattered times. A burst is cut into slices of `ROOMS_PER_TURN` rooms, one
 * per turn of the event loop, so that messages arriving meanwhile wait for one slice (well under a
 * millisecond), not for every room's merge and write. An update waits at most about one interval.
 */
export class FlushClock {
  static readonly ROOMS_PER_TURN = 8;

  private readonly due = new Set<BoardPersistence>();
  private timer: NodeJS.Timeout | null = null;
  private slice: NodeJS.Immediate | null = null;
  /** The rooms of the current burst not flushed yet. */
  private burst: BoardPersistence[] = [];

  constructor(readonly intervalMs: number) {}

  /** Flushes `persistence` at the next tick. */
  request(persistence: BoardPersistence): void {
    this.due.add(persistence);
    this.timer ??= setTimeout(() => this.tick(), this.intervalMs);
  }

  cancel(persistence: BoardPersistence): void {
    this.due.delete(persistence);
    const index = this.burst.indexOf(persistence);
    if (index >= 0) this.burst.splice(index, 1);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.slice) clearImmediate(this.slice);
    this.timer = null;
    this.slice = null;
    this.burst = [];
    this.due.clear();
  }

  private tick(): void {
    this.timer = null;
    this.burst.push(...this.due);
    this.due.clear();
    this.flushSlice();
  }

  private flushSlice(): void {
    this.slice = null;
    for (const persistence of this.burst.splice(0, FlushClock.ROOMS_PER_TURN)) void persistence.flush();
    if (this.burst.length > 0) this.slice = setImmediate(() => this.flushSlice());
  }
}

/**
 * Writes one room's updates to storage in batches, and compacts its log. Every write runs on one chain,
 * so writes never overlap and a compaction never races the append it follows.
 */
export class BoardPersistence {
  private pending: Uint8Array[] = [];
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private chain: Promise<void> = Promise.resolve();
  private lastSeq: number;
  /**
   * Rows in the stored log, tracked here instead of counted in storage on every write: this room is
   * the only writer of its board while it is loaded.
   */
  private logRows: number;

  constructor(
    private readonly storage: Storage,
    private readonly boardId: string,
    /** The board's whole current state as one update (what compaction stores). */
    private readonly currentState: () => Uint8Array,
    stored: Pick<StoredBoard, 'lastSeq' | 'updates'>,
    private readonly options: PersistenceOptions,
    private readonly clock: FlushClock,
    private readonly log: Logger,
    private readonly telemetry: Telemetry,
    /** Each append that succeeded, with the sequence numbers its rows got (catch-up reads on from them). */
    private readonly onAppended: (firstSeq: number, lastSeq: number) => void = () => {},
  ) {
    this.lastSeq = stored.lastSeq;
    this.logRows = stored.updates.length;
  }

  /** Rows in the board's stored log (for metrics). */
  get logLength(): number {
    return this.logRows;
  }

  /** True while some applied update has not reached storage. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  add(update: Uint8Array): void {
    this.pending.push(update);
    if (!this.timer) this.clock.request(this);
  }

  /** Writes every pending update. Never rejects: a failed write stays pending and is retried. */
  flush(): Promise<void> {
    this.clearTimer();
    return this.enqueue(() => this.write());
  }

  /** Folds the whole log into the stored state, e.g. before the room unloads. Never rejects. */
  compact(): Promise<void> {
    return this.enqueue(async () => {
      if (this.logRows > 0) await this.compactUpTo(this.lastSeq);
    });
  }

  /**
   * Stores the current state over the stored one, folding the log, even when the log is empty: after
   * the room repaired what it loaded (see storedDepth), so that the repair is done once. Never rejects.
   */
  storeState(): Promise<void> {
    return this.enqueue(() => this.compactUpTo(this.lastSeq));
  }

  /**
   * Stops the timers, and any flush or compaction asked for afterwards does nothing: the room is gone,
   * and its state can no longer be trusted to stand for the board. Pending updates stay pending (call
   * flush first to keep them).
   */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain
      .then(() => (this.disposed ? undefined : task()))
      .catch((error: unknown) => {
        this.log.error({ board: this.boardId, err: error }, 'storage write failed');
      });
    return this.chain;
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // One row per batch: the log grows (and needs compacting) once per flush, not once per keystroke.
    const row = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    try {
      this.lastSeq = await this.timed('append', () => this.storage.appendUpdates(this.boardId, [row]));
    } catch (error) {
      this.pending = batch.concat(this.pending);
      this.retryLater();
      throw error;
    }
    this.logRows += 1;
    this.onAppended(this.lastSeq, this.lastSeq);
    if (this.logRows > this.options.compactAfterRows) await this.compactUpTo(this.lastSeq);
  }

  private async timed<T>(operation: StorageOperation, write: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await write();
    } finally {
      this.telemetry.storageWrite(operation, (performance.now() - start) / 1000);
    }
  }

  /**
   * The current state holds every update up to `seq` (each was applied before it was queued), so it
   * can replace those rows. It may hold newer, unflushed updates too; those are appended later and
   * applying them twice on load is harmless.
   */
  private async compactUpTo(seq: number): Promise<void> {
    await this.timed('compact', () => this.storage.compact(this.boardId, this.currentState(), seq));
    // Every row written so far has seq <= lastSeq, since writes run one after another on the chain.
    this.logRows = 0;
    this.log.debug({ board: this.boardId, seq }, 'compacted');
  }

  /** After a failed write: try again after the retry delay rather than at the next clock tick. */
  private retryLater(): void {
    this.clock.cancel(this);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.retryDelayMs);
  }

  private clearTimer(): void {
    this.clock.cancel(this);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
