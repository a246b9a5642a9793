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

/** One sender's sends, indexed by clock (holes where nothing was sent), and its dense index. */
interface SenderLog {
  index: number;
  sent: (Sent | undefined)[];
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
 * Past this many clocks from the last one a receiver had, a sender's numbering jumped (as an awareness
 * clock does when a relay announces a presence at a clock of its own; the load generator counts states
 * by a seq of its own, which never jumps): nothing it sent lies in between, and the walk stays bounded.
 */
const MAX_SKIPPED = 2 ** 16;

/**
 * Fan-out latency by identity rather than by an embedded timestamp: a Yjs item keeps its (client, clock)
 * id and an awareness entry its (client, clock) through any relay, whether it re-encodes, merges
 * updates or packs several clients into one message. Senders and receivers live in the same process,
 * so one monotonic clock (performance.now) serves both ends.
 */
export class FanoutTracker {
  /** By sender's client id. */
  private readonly senders = new Map<number, SenderLog>();
  private readonly samples: number[] = [];
  private measuring = false;
  private measuredSends = 0;
  private misrouted = 0;

  /** Receivers' dense indexes (only when states supersede). */
  private readonly receivers = new Map<number, number>();
  /**
   * Per receiver, then per sender (by their dense indexes), the newest clock the receiver has had from
   * the sender (only when states supersede). Arrays rather than maps: this runs for every receipt of
   * every awareness entry, hundreds of thousands a second at the larger loads.
   */
  private readonly newest: number[][] = [];

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
    let sender = this.senders.get(clientId);
    if (!sender) this.senders.set(clientId, (sender = { index: this.senders.size, sent: [] }));
    sender.sent[clock] = entry;
    if (this.measuring) this.measuredSends++;
  }

  /** Returns true when the message was one this tracker knows (sent by a simulated client). */
  recordReceipt(clientId: number, clock: number, receiverId: number, room: number, at: number): boolean {
    if (clientId === receiverId) return false; // the sender's own awareness echo
    const sender = this.senders.get(clientId);
    const entry = sender?.sent[clock];
    if (!entry) return false;
    entry.receipts++;
    if (this.statesSupersede) this.markSkipped(sender!, clock, receiverId);
    if (entry.measured) {
      if (entry.room !== room) this.misrouted++;
      else if (entry.receipts <= this.expectedReceipts(entry.room)) this.samples.push(at - entry.sentAt);
    }
    return true;
  }

  private markSkipped(sender: SenderLog, clock: number, receiverId: number): void {
    let receiver = this.receivers.get(receiverId);
    if (receiver === undefined) {
      receiver = this.receivers.size;
      this.receivers.set(receiverId, receiver);
      this.newest[receiver] = [];
    }
    const newest = this.newest[receiver]!;
    const last = newest[sender.index];
    if (last !== undefined && clock - last <= MAX_SKIPPED) {
      for (let c = last + 1; c < clock; c++) {
        const skipped = sender.sent[c];
        if (skipped) skipped.superseded++;
      }
    }
    if (last === undefined || clock > last) newest[sender.index] = clock;
  }

  /** Forgets warm-up sends older than `ageMs`, so that a long warm-up does not grow memory. */
  prune(now: number, ageMs: number): void {
    for (const { sent } of this.senders.values()) {
      sent.forEach((entry, clock) => {
        if (entry && !entry.measured && now - entry.sentAt > ageMs) sent[clock] = undefined;
      });
    }
  }

  result(): FanoutResult {
    let expected = 0;
    let delivered = 0;
    let superseded = 0;
    let duplicates = 0;
    for (const { sent } of this.senders.values()) {
      for (const entry of sent) {
        if (!entry?.measured) continue;
        const want = this.expectedReceipts(entry.room);
        expected += want;
        const got = Math.min(entry.receipts, want);
        delivered += got;
        superseded += Math.min(entry.superseded, want - got);
        duplicates += Math.max(0, entry.receipts - want);
      }
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
