import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './Connection';
import type { Logger } from './logger';
import { OutgoingMessages } from './OutgoingMessages';
import { encodeAwarenessOf, encodeUpdate, MESSAGE_AWARENESS } from './protocol';
import { KIND, type Telemetry } from './Telemetry';

/**
 * When the rooms of a process send what they queued. Normally at the end of the current turn of the
 * event loop (one setImmediate for every room). But a turn can be long: after any pause the poll phase
 * reads every socket that became ready, across all rooms, before the check phase runs, and a message
 * read early in such a turn would wait for all the others. So before each incoming message is handled,
 * whatever has waited longer than `budgetMs` leaves first: batching keeps what a turn brings together,
 * and no message waits much more than the budget for the rest of the turn.
 */
export class OutboxScheduler {
  static readonly DEFAULT_BUDGET_MS = 0.25;
  static readonly DEFAULT_QUIET_MS = 2;

  private readonly pending = new Set<Outbox>();
  private oldest = 0;
  private immediate: NodeJS.Immediate | null = null;

  constructor(
    private readonly budgetMs = OutboxScheduler.DEFAULT_BUDGET_MS,
    /** A room that sent nothing for this long sends the first message of a turn on arrival. */
    readonly quietMs = OutboxScheduler.DEFAULT_QUIET_MS,
    private readonly log: Logger | null = null,
  ) {}

  /** `outbox` has something queued: it is flushed by the end of this turn. */
  queue(outbox: Outbox): void {
    if (this.pending.size === 0) this.oldest = performance.now();
    this.pending.add(outbox);
    this.immediate ??= setImmediate(this.flushAll);
  }

  forget(outbox: Outbox): void {
    this.pending.delete(outbox);
  }

  /** Called before an incoming message is handled: flushes everything once the oldest waited too long. */
  beforeMessage(): void {
    if (this.pending.size > 0 && performance.now() - this.oldest >= this.budgetMs) this.flushAll();
  }

  dispose(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
    this.pending.clear();
  }

  private readonly flushAll = (): void => {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
    const due = [...this.pending];
    this.pending.clear();
    // Each room on its own: whatever goes wrong in one room's flush never keeps the others' messages
    // (this runs in setImmediate, where an exception would end the process).
    for (const outbox of due) {
      try {
        outbox.flush();
      } catch (err) {
        this.log?.error({ err }, 'sending a room’s messages failed');
      }
    }
  };
}

/**
 * A room's outgoing document updates and awareness changes. What arrives in one turn of the event loop
 * leaves together at the end of it (setImmediate runs after every socket read of the current poll
 * phase; see OutboxScheduler for long turns): one merged document update and one awareness message
 * covering every changed client, each encoded and framed once for the whole room, and written to each
 * connection in one socket write. A busy room sends far fewer frames and makes far fewer system calls,
 * and its clients apply one transaction instead of dozens. A quiet room pays no delay at all: the first
 * message of a turn, in a room that sent nothing for `quietMs`, leaves on arrival, and only what follows
 * it in the same turn waits for the end of the turn.
 *
 * A connection never receives its own document update back. The connections that sent nothing this
 * turn (usually almost all of them) share one merge of everything. Each sender needs everything but its
 * own, and a merge per sender would cost senders x updates, so senders are split into at most
 * `MAX_EXCLUSION_MERGES` groups: a sender gets one merge of what the other groups sent (made once per
 * group) plus what the rest of its own group sent, one frame each. With up to that many senders in a
 * turn that is exactly one message each; with 50 it is at most 8 merges and 7 frames per sender,
 * instead of 50 merges or 49 frames.
 */
export class Outbox {
  static readonly MAX_EXCLUSION_MERGES = 8;

  private updates: Uint8Array[] = [];
  private origins: unknown[] = [];
  private readonly awarenessIds = new Set<number>();
  /**
   * Set when a message left on arrival, until the end of that turn: the first message of a turn goes
   * at once (a room that hears one message at a time pays no wait at all), and those that follow it
   * in the same turn are merged and leave at its end.
   */
  private sentThisTurn = false;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly connections: ReadonlySet<Connection>,
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly telemetry: Telemetry,
    private readonly scheduler: OutboxScheduler,
    /** False relays every message as it comes (the behaviour before batching; kept for comparison). */
    private readonly batch = true,
    /** Told of awareness states that could not be encoded (left out of what was sent), after sending. */
    private readonly onUnencodable: (clients: number[]) => void = () => {},
  ) {}

  /** Queues a document update applied with `origin` (the connection it came from, if any). */
  addUpdate(update: Uint8Array, origin: unknown): void {
    if (!this.batch || this.mayLeadTurn()) {
      this.deliverToAll(OutgoingMessages.of(encodeUpdate(update)), origin);
      this.markSent();
      return;
    }
    this.updates.push(update);
    this.origins.push(origin);
    this.schedule();
  }

  /**
   * Queues (or sends) an awareness change. `frame`, when given, is a complete awareness message that says
   * exactly this change (the frame a client sent, every entry of which was applied): sent on its own, it
   * goes out as it came, without encoding the states again.
   */
  addAwareness(
    added: readonly number[],
    updated: readonly number[],
    removed: readonly number[],
    frame: Uint8Array | null = null,
  ): void {
    if (added.length + updated.length + removed.length === 0) return;
    if (!this.batch || this.mayLeadTurn()) {
      const unencodable: number[] = [];
      const message =
        frame ?? encodeAwarenessOf(this.awareness, [...added, ...updated, ...removed], unencodable);
      if (message) this.deliverToAll(OutgoingMessages.of(message));
      this.markSent();
      if (unencodable.length > 0) this.onUnencodable(unencodable);
      return;
    }
    for (const id of added) this.awarenessIds.add(id);
    for (const id of updated) this.awarenessIds.add(id);
    for (const id of removed) this.awarenessIds.add(id);
    this.schedule();
  }

  /** Sends everything queued now. */
  flush(): void {
    this.scheduler.forget(this);
    this.sentThisTurn = false;
    // Taken out first: a send may close a connection, whose awareness removal queues more.
    const updates = this.updates;
    const origins = this.origins;
    this.updates = [];
    this.origins = [];
    const unencodable: number[] = [];
    let awareness: Uint8Array | null = null;
    if (this.awarenessIds.size > 0) {
      awareness = encodeAwarenessOf(this.awareness, [...this.awarenessIds], unencodable);
      this.awarenessIds.clear();
    }
    if (updates.length > 0) this.sendUpdates(updates, origins, awareness);
    else if (awareness) this.deliverToAll(OutgoingMessages.of(awareness));
    if (unencodable.length > 0) this.onUnencodable(unencodable);
  }

  /** Drops whatever is queued (the room is going away). */
  dispose(): void {
    this.scheduler.forget(this);
    this.sentThisTurn = false;
    this.updates = [];
    this.origins = [];
    this.awarenessIds.clear();
  }

  private schedule(): void {
    this.scheduler.queue(this);
  }

  /**
   * A message may leave on arrival when it is the first of its turn, nothing is queued (it must never
   * overtake an earlier message) and the room has been quiet.
   */
  private mayLeadTurn(): boolean {
    return (
      !this.sentThisTurn &&
      this.updates.length === 0 &&
      this.awarenessIds.size === 0 &&
      performance.now() - this.lastSentAt > this.scheduler.quietMs
    );
  }

  private markSent(): void {
    if (!this.batch) return;
    this.sentThisTurn = true;
    this.lastSentAt = performance.now();
    this.scheduler.queue(this);
  }

  /** The turn's document updates (and its awareness message, if any) to every connection. */
  private sendUpdates(updates: Uint8Array[], origins: unknown[], awareness: Uint8Array | null): void {
    // The connections that sent this turn, in the order they first did, split into at most
    // MAX_EXCLUSION_MERGES groups of consecutive senders.
    const groups = new Map<Connection, number>();
    for (const origin of origins) {
      const sender = origin as Connection;
      if (!groups.has(sender) && this.connections.has(sender)) groups.set(sender, groups.size);
    }
    const groupSize = Math.ceil(groups.size / Outbox.MAX_EXCLUSION_MERGES);
    for (const [sender, index] of groups) groups.set(sender, Math.floor(index / groupSize));
    const groupOf = (origin: unknown) => groups.get(origin as Connection) ?? -1;
    const merge = (parts: Uint8Array[]) =>
      encodeUpdate(parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts));

    let everything: OutgoingMessages | null = null;
    let everythingDelivered = 0;
    const excluding: (Uint8Array | null | undefined)[] = [];
    const singles: (Uint8Array | undefined)[] = [];
    for (const connection of this.connections) {
      const group = groups.get(connection);
      if (group === undefined) {
        everything ??= new OutgoingMessages(awareness ? [merge(updates), awareness] : [merge(updates)]);
        if (connection.send(everything)) everythingDelivered++;
        continue;
      }
      // What every group other than the sender's own sent, merged once per group...
      if (excluding[group] === undefined) {
        const others = updates.filter((_, i) => groupOf(origins[i]) !== group);
        excluding[group] = others.length === 0 ? null : merge(others);
      }
      const messages: Uint8Array[] = [];
      if (excluding[group]) messages.push(excluding[group]);
      // ...and what the rest of its own group sent, one message each.
      for (let i = 0; i < updates.length; i++) {
        if (origins[i] === connection || groupOf(origins[i]) !== group) continue;
        messages.push((singles[i] ??= encodeUpdate(updates[i]!)));
      }
      if (awareness) messages.push(awareness);
      if (messages.length === 0) continue;
      const out = new OutgoingMessages(messages);
      if (connection.send(out)) this.count(out, 1);
    }
    if (everything) this.count(everything, everythingDelivered);
  }

  /** Sends to every connection (but `except`), then counts each message once for all of them. */
  private deliverToAll(out: OutgoingMessages, except?: unknown): void {
    let delivered = 0;
    for (const connection of this.connections) {
      if (connection !== except && connection.send(out)) delivered++;
    }
    this.count(out, delivered);
  }

  /** Counts the messages of `out`, by kind, as sent to `connections` connections. */
  private count(out: OutgoingMessages, connections: number): void {
    if (connections === 0) return;
    for (const message of out.messages) {
      const kind = message[0] === MESSAGE_AWARENESS ? KIND.awareness : KIND.update;
      this.telemetry.sent(kind, message.byteLength, connections);
    }
  }
}
