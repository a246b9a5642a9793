import { summarize, type LatencySummary } from './stats';

interface Sent {
  sentAt: number;
  room: number;
  /** Sent inside the measuring window: only these count towards latency and delivery. */
  measured: boolean;
  receipts: number;
  /** Receivers that got a newer state of the same sender instead of this one (awareness only). */
  superseded: number;
}

export interface FanoutResult {
  latencyMs: LatencySummary;
  /** Messages sent inside the window. */
  sent: number;
  /** Receipts expected at the other clients of their rooms, and those that arrived before the drain ended. */
  expected: number;
  delivered: number;
  /**
   * Expected receipts that never came because a newer state of the same sender came instead. Awareness
   * is state, not history: a relay may send only a client's latest state, and nothing is lost by it.
   */
  superseded: number;
  /** Receipts beyond one per receiver (a server echoing or repeating), and receipts in the wrong room. */
  duplicates: number;
  misrouted: number;
}

/**
 * Past this many clocks from the last one a receiver had, a sender's clock jumped (a relay announced
 * its presence at a clock of its own, which the sender took): nothing it sent lies in between.
 */
const MAX_SKIPPED = 2 ** 16;

/**
 * Fan-out latency by identity rather than by an embedded timestamp: a Yjs item keeps its (client, clock)
 * id and an awareness entry its (client, clock) through any relay, whether it re-encodes, merges
 * updates or packs several clients into one message. Senders and receivers live in the same process,
 * so one monotonic clock (performance.now) serves both ends.
 */
export class FanoutTracker {
  /** By sender, then by clock. */
  private readonly sent = new Map<number, Map<number, Sent>>();
  private readonly samples: number[] = [];
  private measuring = false;
  private measuredSends = 0;
  private misrouted = 0;

  /** Per receiver, the newest clock it has had from each sender (only when states supersede). */
  private readonly newest = new Map<number, Map<number, number>>();

  /**
   * @param roomSizes the number of clients in each room: a send is expected at every other one.
   * @param statesSupersede true for awareness, where a sender's clock counts its states one by one (the
   *   load generator passes the seq each state carries; see awarenessSeq).
   */
  constructor(
    private readonly roomSizes: readonly number[],
    private readonly statesSupersede = false,
  ) {}

  setMeasuring(on: boolean): void {
    this.measuring = on;
  }

  recordSend(clientId: number, clock: number, room: number, at: number): void {
    const entry = { sentAt: at, room, measured: this.measuring, receipts: 0, superseded: 0 };
    let bySender = this.sent.get(clientId);
    if (!bySender) this.sent.set(clientId, (bySender = new Map()));
    bySender.set(clock, entry);
    if (this.measuring) this.measuredSends++;
  }

  /** Returns true when the message was one this tracker knows (sent by a simulated client). */
  recordReceipt(clientId: number, clock: number, receiverId: number, room: number, at: number): boolean {
    if (clientId === receiverId) return false; // the sender's own awareness echo
    const entry = this.sent.get(clientId)?.get(clock);
    if (!entry) return false;
    entry.receipts++;
    if (this.statesSupersede) this.markSkipped(clientId, clock, receiverId);
    if (entry.measured) {
      if (entry.room !== room) this.misrouted++;
      else if (entry.receipts <= this.expectedReceipts(entry.room)) this.samples.push(at - entry.sentAt);
    }
    return true;
  }

  private markSkipped(clientId: number, clock: number, receiverId: number): void {
    let newest = this.newest.get(receiverId);
    if (!newest) this.newest.set(receiverId, (newest = new Map()));
    const last = newest.get(clientId);
    const bySender = this.sent.get(clientId);
    if (last !== undefined && bySender && clock - last <= MAX_SKIPPED) {
      for (let c = last + 1; c < clock; c++) {
        const skipped = bySender.get(c);
        if (skipped) skipped.superseded++;
      }
    }
    if (last === undefined || clock > last) newest.set(clientId, clock);
  }

  /** Forgets warm-up sends older than `ageMs`, so that a long warm-up does not grow memory. */
  prune(now: number, ageMs: number): void {
    for (const bySender of this.sent.values()) {
      for (const [clock, entry] of bySender) {
        if (!entry.measured && now - entry.sentAt > ageMs) bySender.delete(clock);
      }
    }
  }

  result(): FanoutResult {
    let expected = 0;
    let delivered = 0;
    let superseded = 0;
    let duplicates = 0;
    for (const entry of [...this.sent.values()].flatMap((bySender) => [...bySender.values()])) {
      if (!entry.measured) continue;
      const want = this.expectedReceipts(entry.room);
      expected += want;
      const got = Math.min(entry.receipts, want);
      delivered += got;
      superseded += Math.min(entry.superseded, want - got);
      duplicates += Math.max(0, entry.receipts - want);
    }
    return {
      latencyMs: summarize(this.samples),
      sent: this.measuredSends,
      expected,
      delivered,
      superseded,
      duplicates,
      misrouted: this.misrouted,
    };
  }

  private expectedReceipts(room: number): number {
    return this.roomSizes[room]! - 1;
  }
}
