import * as Y from 'yjs';
import type { StoredBoard } from './storage/Storage';

/** Past this many, kept updates are merged into one, so a busy board keeps one update, not thousands. */
const MERGE_AT = 64;

/** Per client, the clock ranges [from, to) held, sorted and merged. */
type Ranges = Map<number, [number, number][]>;

function addRange(ranges: Ranges, client: number, from: number, to: number): void {
  if (to <= from) return;
  const list = ranges.get(client) ?? [];
  list.push([from, to]);
  list.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of list) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  ranges.set(client, merged);
}

function covers(ranges: Ranges, client: number, from: number, to: number): boolean {
  return (ranges.get(client) ?? []).some(([a, b]) => a <= from && to <= b);
}

/** Adds the items of decoded structs (not the gaps a merged update may hold) to `ranges`. */
function addStructs(ranges: Ranges, structs: (Y.Item | Y.GC | Y.Skip)[]): void {
  for (const struct of structs) {
    if (!(struct instanceof Y.Skip))
      addRange(ranges, struct.id.client, struct.id.clock, struct.id.clock + struct.length);
  }
}

/** What other nodes relayed over one catch-up period. */
class Period {
  updates: Uint8Array[] = [];
  /** The items those updates inserted. */
  readonly inserted: Ranges = new Map();
  /** Those that only delete (a backspace, a note removed): no state vector tells whether storage has them. */
  deletions: Uint8Array[] = [];

  add(update: Uint8Array): void {
    const { structs, ds } = Y.decodeUpdate(update);
    addStructs(this.inserted, structs);
    if (structs.length === 0 && ds.clients.size > 0) {
      this.deletions.push(update);
      if (this.deletions.length >= MERGE_AT) this.deletions = [Y.mergeUpdates(this.deletions)];
    }
    this.updates.push(update);
    if (this.updates.length >= MERGE_AT) this.updates = [Y.mergeUpdates(this.updates)];
  }
}

/**
 * Whether storage holds everything in `period`. An update that inserts items is held once its items
 * are: a node stores a client's update whole, deletions included. Only updates that merely delete need
 * the stored delete set, which costs decoding the whole stored state, so it is read only for them.
 */
function storageHolds(stored: StoredBoard, period: Period): boolean {
  // Cheap first: the stored state's vector (read without decoding its items) and the small log rows.
  const held: Ranges = new Map();
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(stored.state))) {
    addRange(held, client, 0, clock);
  }
  const rows = stored.updates.map((row) => Y.decodeUpdate(row));
  for (const row of rows) addStructs(held, row.structs);
  const insertedHeld = (ranges: Ranges) =>
    [...period.inserted].every(([client, list]) =>
      list.every(([from, to]) => covers(ranges, client, from, to)),
    );
  let state: ReturnType<typeof Y.decodeUpdate> | null = null;
  if (!insertedHeld(held)) {
    // The vector stops at the first gap in a client's clocks; the state's items themselves may go on.
    state = Y.decodeUpdate(stored.state);
    addStructs(held, state.structs);
    if (!insertedHeld(held)) return false;
  }
  if (period.deletions.length === 0) return true;
  state ??= Y.decodeUpdate(stored.state);
  const deleted = Y.mergeDeleteSets([state.ds, ...rows.map((row) => row.ds)]);
  return Y.snapshotContainsUpdate(Y.createSnapshot(deleted, new Map()), Y.mergeUpdates(period.deletions));
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
  private recent = new Period();
  /** Arrived in the period before that: checked against storage at the next catch-up. */
  private previous: Period | null = null;

  add(update: Uint8Array): void {
    this.recent.add(update);
  }

  /**
   * True when updates that arrived a whole period ago wait to be checked: the next catch-up reads the
   * whole stored board and calls `unstored`. Otherwise it calls `startPeriod` and reads what it likes.
   */
  get checkDue(): boolean {
    return this.previous !== null;
  }

  /** At a catch-up with nothing due (see checkDue): what arrived since the last one is due at the next. */
  startPeriod(): void {
    if (this.previous) throw new Error('relayed updates are due for a check against storage');
    this.previous = this.recent.updates.length === 0 ? null : this.recent;
    if (this.previous) this.recent = new Period();
  }

  /**
   * At a catch-up from `stored`: what arrived before the previous catch-up and storage still lacks
   * (to be stored), or null. What arrived since then waits for the next catch-up.
   */
  unstored(stored: StoredBoard): Uint8Array | null {
    const due = this.previous;
    this.previous = this.recent.updates.length === 0 ? null : this.recent;
    this.recent = new Period();
    if (!due || storageHolds(stored, due)) return null;
    return Y.mergeUpdates(due.updates);
  }

  /** Everything kept, as one update (or null), and forgets it: for a room about to unload. */
  takeAll(): Uint8Array | null {
    const all = [...(this.previous?.updates ?? []), ...this.recent.updates];
    this.previous = null;
    this.recent = new Period();
    return all.length === 0 ? null : Y.mergeUpdates(all);
  }
}
