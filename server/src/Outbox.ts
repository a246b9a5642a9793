import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './Connection';
import { encodeAwareness, encodeUpdate } from './protocol';
import { KIND, type Telemetry } from './Telemetry';

/**
 * A room's outgoing document updates and awareness changes. Everything that arrives in one turn of the
 * event loop leaves together at the end of it (setImmediate runs after every socket read of the current
 * poll phase): one merged document update and one awareness message covering every changed client,
 * each encoded once for the whole room. A quiet room pays no delay; a busy one sends far fewer frames,
 * and its clients apply one transaction instead of dozens.
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
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly connections: ReadonlySet<Connection>,
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly telemetry: Telemetry,
    /** False relays every message as it comes (the behaviour before batching; kept for comparison). */
    private readonly batch = true,
  ) {}

  /** Queues a document update applied with `origin` (the connection it came from, if any). */
  addUpdate(update: Uint8Array, origin: unknown): void {
    if (!this.batch) {
      this.sendUpdate(encodeUpdate(update), origin);
      return;
    }
    this.updates.push(update);
    this.origins.push(origin);
    this.schedule();
  }

  /** Queues the awareness states of changed clients (added, updated, removed); echoed to everyone. */
  addAwareness(added: readonly number[], updated: readonly number[], removed: readonly number[]): void {
    if (added.length + updated.length + removed.length === 0) return;
    if (!this.batch) {
      this.sendAwareness([...added, ...updated, ...removed]);
      return;
    }
    for (const id of added) this.awarenessIds.add(id);
    for (const id of updated) this.awarenessIds.add(id);
    for (const id of removed) this.awarenessIds.add(id);
    this.schedule();
  }

  /** Sends everything queued now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    // Taken out first: a send may close a connection, whose awareness removal queues more.
    const updates = this.updates;
    const origins = this.origins;
    this.updates = [];
    this.origins = [];
    if (updates.length === 1) this.sendUpdate(encodeUpdate(updates[0]!), origins[0]);
    else if (updates.length > 1) this.sendMerged(updates, origins);
    if (this.awarenessIds.size > 0) {
      const clients = [...this.awarenessIds];
      this.awarenessIds.clear();
      this.sendAwareness(clients);
    }
  }

  /** Drops whatever is queued (the room is going away). */
  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.updates = [];
    this.origins = [];
    this.awarenessIds.clear();
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.flush();
    });
  }

  private sendUpdate(message: Uint8Array, origin: unknown): void {
    let count = 0;
    for (const connection of this.connections) {
      if (connection !== origin && connection.send(message)) count++;
    }
    this.telemetry.sent(KIND.update, message.byteLength, count);
  }

  private sendAwareness(clients: number[]): void {
    const message = encodeAwareness(this.awareness, clients);
    let count = 0;
    for (const connection of this.connections) if (connection.send(message)) count++;
    this.telemetry.sent(KIND.awareness, message.byteLength, count);
  }

  private sendMerged(updates: Uint8Array[], origins: unknown[]): void {
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

    let all: Uint8Array | null = null;
    const excluding: (Uint8Array | null | undefined)[] = [];
    const singles: (Uint8Array | undefined)[] = [];
    for (const connection of this.connections) {
      const group = groups.get(connection);
      if (group === undefined) {
        this.deliver(connection, (all ??= encodeUpdate(Y.mergeUpdates(updates))));
        continue;
      }
      // What every group other than the sender's own sent, merged once per group...
      if (excluding[group] === undefined) {
        const others = updates.filter((_, i) => groupOf(origins[i]) !== group);
        excluding[group] = others.length === 0 ? null : encodeUpdate(Y.mergeUpdates(others));
      }
      if (excluding[group] && !this.deliver(connection, excluding[group])) continue;
      // ...and what the rest of its own group sent, one frame each.
      for (let i = 0; i < updates.length; i++) {
        if (origins[i] === connection || groupOf(origins[i]) !== group) continue;
        if (!this.deliver(connection, (singles[i] ??= encodeUpdate(updates[i]!)))) break;
      }
    }
  }

  private deliver(connection: Connection, message: Uint8Array): boolean {
    if (!connection.send(message)) return false;
    this.telemetry.sent(KIND.update, message.byteLength);
    return true;
  }
}
