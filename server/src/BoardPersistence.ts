import * as Y from 'yjs';
import type { Logger } from './logger';
import type { Storage } from './storage/Storage';

export interface PersistenceOptions {
  /** An update reaches storage at most this long after it was applied. */
  flushDelayMs: number;
  /** Compact once the log holds more rows than this. */
  compactAfterRows: number;
  /** Wait before retrying a failed write. */
  retryDelayMs: number;
}

export const DEFAULT_PERSISTENCE: PersistenceOptions = {
  flushDelayMs: 50,
  compactAfterRows: 200,
  retryDelayMs: 1000,
};

/**
 * Writes one room's updates to storage in batches, and compacts its log. Every write runs on one chain,
 * so writes never overlap and a compaction never races the append it follows.
 */
export class BoardPersistence {
  private pending: Uint8Array[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly boardId: string,
    private readonly doc: Y.Doc,
    private lastSeq: number,
    private readonly options: PersistenceOptions,
    private readonly log: Logger,
  ) {}

  /** True while some applied update has not reached storage. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  add(update: Uint8Array): void {
    this.pending.push(update);
    this.schedule(this.options.flushDelayMs);
  }

  /** Writes every pending update. Never rejects: a failed write stays pending and is retried. */
  flush(): Promise<void> {
    this.clearTimer();
    return this.enqueue(() => this.write());
  }

  /** Folds the whole log into the stored state, e.g. before the room unloads. Never rejects. */
  compact(): Promise<void> {
    return this.enqueue(async () => {
      if ((await this.storage.logLength(this.boardId)) > 0) await this.compactUpTo(this.lastSeq);
    });
  }

  /** Stops the timer; pending updates stay pending (call flush first to keep them). */
  dispose(): void {
    this.clearTimer();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      this.log.error('storage write failed', { board: this.boardId, error });
    });
    return this.chain;
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.lastSeq = await this.storage.appendUpdates(this.boardId, batch);
    } catch (error) {
      this.pending = batch.concat(this.pending);
      this.schedule(this.options.retryDelayMs);
      throw error;
    }
    if ((await this.storage.logLength(this.boardId)) > this.options.compactAfterRows) {
      await this.compactUpTo(this.lastSeq);
    }
  }

  /**
   * The document holds every update up to `seq` (each was applied before it was queued), so its state
   * can replace those rows. It may hold newer, unflushed updates too; those are appended later and
   * applying them twice on load is harmless.
   */
  private async compactUpTo(seq: number): Promise<void> {
    await this.storage.compact(this.boardId, Y.encodeStateAsUpdate(this.doc), seq);
    this.log.debug('compacted', { board: this.boardId, seq });
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
