import * as Y from 'yjs';
import type { StoredBoard } from './storage/Storage';

/** Past this many, the kept updates are merged into one, so a busy board keeps one update, not thousands. */
const MERGE_AT = 64;

/** What storage holds of a board, as a Yjs snapshot (its state vector and delete set). */
function storedSnapshot(stored: StoredBoard): Y.Snapshot {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return Y.snapshot(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The document updates other nodes relayed to one room over the bus, kept until storage is seen to hold
 * them. The node that relayed an update stores it within a flush, unless it is killed first: then the
 * update lives on only in the rooms it reached and their clients, and those clients, reconnecting to
 * one of these rooms, have nothing it lacks and send nothing. Nodes loading the board from storage
 * later would never see it. So each room checks, a whole catch-up period after an update arrived (time
 * enough for its node to store it), whether storage holds it, and stores it itself when not; storing
 * an update twice is harmless.
 */
export class RelayedUpdates {
  /** Arrived since the last catch-up. */
  private recent: Uint8Array[] = [];
  /** Arrived in the period before that: checked against storage at the next catch-up. */
  private previous: Uint8Array | null = null;

  add(update: Uint8Array): void {
    this.recent.push(update);
    if (this.recent.length >= MERGE_AT) this.recent = [Y.mergeUpdates(this.recent)];
  }

  /**
   * At a catch-up from `stored`: what arrived before the previous catch-up and storage still lacks
   * (to be stored), or null. What arrived since then waits for the next catch-up.
   */
  unstored(stored: StoredBoard): Uint8Array | null {
    const due = this.previous;
    this.previous = this.recent.length === 0 ? null : Y.mergeUpdates(this.recent);
    this.recent = [];
    if (!due || Y.snapshotContainsUpdate(storedSnapshot(stored), due)) return null;
    return due;
  }

  /** Everything kept, as one update (or null), and forgets it: for a room about to unload. */
  takeAll(): Uint8Array | null {
    const all = this.previous ? [this.previous, ...this.recent] : this.recent;
    this.previous = null;
    this.recent = [];
    return all.length === 0 ? null : Y.mergeUpdates(all);
  }
}
