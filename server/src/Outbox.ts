import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './Connection';
import type { Logger } from './logger';
import { OutgoingMessages } from './OutgoingMessages';
import { encodeAwarenessOf, encodeUpdate, MESSAGE_AWARENESS, type KnownStateBytes } from './protocol';
import { KIND, type Telemetry } from './Telemetry';

/** One display frame at 60 Hz: a cursor drawn at display rate needs no more than one message per frame. */
export const DEFAULT_AWARENESS_FRAME_MS = 16;

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

  /** A room's send failed outside the scheduler's own flush (see Outbox's frame timer). */
  failed(err: unknown): void {
    this.log?.error({ err }, 'sending a room’s messages failed');
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
 *
 * Awareness (cursors, presence) may also wait for a display frame (`awarenessFrameMs`, 16 ms by
 * default; 0 sends it per turn like a document update). A cursor is drawn at display rate, so one
 * awareness message per frame carries everything a person can see: the ids changed within the frame are
 * kept, and the message is encoded once, when it leaves, from the states the room holds then, so the
 * latest state of each client replaces older ones and a removal can never be overtaken by an older
 * state. A room whose awareness was quiet for `QUIET_FRAMES` frames sends the next change at once (with
 * its turn). In a busy room a change opens a frame and waits for it to end, on a timer armed only while
 * something waits: a frame that opens at the change rather than at the last message gathers what
 * follows it, so a room of five whose cursors move 50 times a second sends about 30 messages a second
 * instead of 40, and no change waits more than one frame either way. Document updates never wait for
 * it: they leave with their turn, and awareness that is nearly due (`RIDE_ALONG_SHARE` of its frame),
 * or that waits a whole frame after the room's last awareness message, leaves with them, in the same
 * write, rather than alone a few ms later.
 */
export class Outbox {
  static readonly MAX_EXCLUSION_MERGES = 8;
  /**
   * Held awareness leaves with a turn's document updates once this share of its frame has passed: at
   * 50 people (a document update every 20 ms or so, a cursor move every 2 ms) most awareness then rides
   * in the document's write, and a connection still hears at most one awareness message per 0.75 frame.
   */
  static readonly RIDE_ALONG_SHARE = 0.75;
  /** A room whose last awareness message left this many frames ago sends the next change at once. */
  static readonly QUIET_FRAMES = 2;

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
  /** When the room's last awareness message left. */
  private awarenessSentAt = Number.NEGATIVE_INFINITY;
  /** When the frame of the awareness that waits ends (set by the change that opened it). */
  private frameEndsAt = Number.NEGATIVE_INFINITY;
  /** Armed only while awareness waits for the end of its frame. */
  private frameTimer: NodeJS.Timeout | null = null;
  /**
   * The client's own frame that says exactly what waits (one change held alone, every entry of it
   * applied): it leaves as it came, without encoding the states again. Null once anything joins it.
   */
  private heldFrame: Uint8Array | null = null;

  constructor(
    private readonly connections: ReadonlySet<Connection>,
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly telemetry: Telemetry,
    private readonly scheduler: OutboxScheduler,
    /** False relays every message as it comes (the behaviour before batching; kept for comparison). */
    private readonly batch = true,
    /** Told of awareness states that could not be encoded (left out of what was sent), after sending. */
    private readonly onUnencodable: (clients: number[]) => void = () => {},
    /** Awareness leaves at most once per this many ms (0: with its turn, as document updates do). */
    private readonly awarenessFrameMs = 0,
    /** The bytes states arrived as, written instead of stringifying them again (see encodeAwarenessOf). */
    private readonly knownStates?: KnownStateBytes,
  ) {}

  /** True while awareness waits for the end of its frame. */
  get awarenessWaiting(): boolean {
    return this.awarenessIds.size > 0;
  }

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
    let lead = !this.batch;
    if (this.batch && this.awarenessIds.size === 0) {
      const now = performance.now();
      const quiet = now - this.awarenessSentAt >= this.awarenessFrameMs * Outbox.QUIET_FRAMES;
      // A quiet room's change leaves at once, or with its turn; a busy room's opens a frame.
      this.frameEndsAt = quiet ? now : now + this.awarenessFrameMs;
      lead = quiet && this.mayLeadTurn();
    }
    if (lead) {
      const unencodable: number[] = [];
      const message =
        frame ??
        encodeAwarenessOf(this.awareness, [...added, ...updated, ...removed], unencodable, this.knownStates);
      if (message) this.deliverToAll(OutgoingMessages.of(message));
      this.awarenessSentAt = performance.now();
      this.markSent();
      if (unencodable.length > 0) this.onUnencodable(unencodable);
      return;
    }
    this.heldFrame = this.awarenessIds.size === 0 ? frame : null;
    for (const id of added) this.awarenessIds.add(id);
    for (const id of updated) this.awarenessIds.add(id);
    for (const id of removed) this.awarenessIds.add(id);
    if (this.awarenessDue(1)) this.schedule();
    else this.armFrameTimer();
  }

  /**
   * Sends what the turn queued (from the scheduler, at the end of a turn): every document update, and
   * the awareness that waits if its frame has passed, or if it may ride with the document updates (see
   * awarenessMayRide); awareness still inside its frame waits for the frame's timer.
   */
  flush(): void {
    this.send(false);
  }

  /** Sends everything queued now, awareness still inside its frame too (e.g. before connections close). */
  flushAll(): void {
    this.send(true);
  }

  /** Drops whatever is queued (the room is going away). */
  dispose(): void {
    this.scheduler.forget(this);
    this.sentThisTurn = false;
    this.updates = [];
    this.origins = [];
    this.awarenessIds.clear();
    this.heldFrame = null;
    this.clearFrameTimer();
  }

  private send(wholeFrame: boolean): void {
    this.scheduler.forget(this);
    this.sentThisTurn = false;
    // Taken out first: a send may close a connection, whose awareness removal queues more.
    const updates = this.updates;
    const origins = this.origins;
    this.updates = [];
    this.origins = [];
    const unencodable: number[] = [];
    let awareness: Uint8Array | null = null;
    const awarenessLeaves =
      wholeFrame || (updates.length > 0 ? this.awarenessMayRide() : this.awarenessDue(1));
    if (this.awarenessIds.size > 0 && awarenessLeaves) {
      awareness =
        this.heldFrame ??
        encodeAwarenessOf(this.awareness, [...this.awarenessIds], unencodable, this.knownStates);
      this.awarenessIds.clear();
      this.heldFrame = null;
      this.awarenessSentAt = performance.now();
      this.clearFrameTimer();
    }
    if (updates.length > 0) this.sendUpdates(updates, origins, awareness);
    else if (awareness) this.deliverToAll(OutgoingMessages.of(awareness));
    if (unencodable.length > 0) this.onUnencodable(unencodable);
    // What a send queued (a connection it closed, whose presence was removed) is handled like any change:
    // in a room still busy it waits for a frame of its own. (In a quiet room, or with a frame of 0, such a
    // removal may leave at once, from inside the delivery loop.)
    if (this.awarenessIds.size === 0) return;
    if (this.awarenessDue(1)) this.schedule();
    else this.armFrameTimer();
  }

  /** True when the waiting awareness may leave: `share` of its frame has passed. */
  private awarenessDue(share: number): boolean {
    return performance.now() >= this.frameEndsAt - this.awarenessFrameMs * (1 - share);
  }

  /**
   * True when the waiting awareness may leave with a turn's document updates, in the same write: nearly
   * at the end of its frame, or a whole frame after the room's last awareness message (in a room of a
   * few people a frame often opens well after the last one left). Either way the room's awareness
   * messages stay at least `RIDE_ALONG_SHARE` of a frame apart.
   */
  private awarenessMayRide(): boolean {
    return (
      this.awarenessDue(Outbox.RIDE_ALONG_SHARE) ||
      performance.now() - this.awarenessSentAt >= this.awarenessFrameMs
    );
  }

  /** Arms the timer that sends the waiting awareness when its frame ends (once; only while some waits). */
  private armFrameTimer(): void {
    if (this.frameTimer) return;
    const remaining = this.frameEndsAt - performance.now();
    this.frameTimer = setTimeout(this.endFrame, Math.max(1, Math.ceil(remaining)));
    // A room's waiting cursors never keep the process alive (shutdown flushes every room).
    this.frameTimer.unref();
  }

  private clearFrameTimer(): void {
    if (!this.frameTimer) return;
    clearTimeout(this.frameTimer);
    this.frameTimer = null;
  }

  /** The frame's timer: whatever waits leaves now (from a timer: it must not throw). */
  private readonly endFrame = (): void => {
    this.frameTimer = null;
    try {
      this.send(true);
    } catch (err) {
      this.scheduler.failed(err);
    }
  };

  private schedule(): void {
    this.scheduler.queue(this);
  }

  /**
   * A message may leave on arrival when it is the first of its turn, no document update is queued (it
   * must never overtake an earlier message; awareness waiting for its frame is another stream, unless
   * it may ride along (see awarenessMayRide), when the message waits to carry it) and the room has been
   * quiet.
   */
  private mayLeadTurn(): boolean {
    return (
      !this.sentThisTurn &&
      this.updates.length === 0 &&
      (this.awarenessIds.size === 0 || !this.awarenessMayRide()) &&
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
