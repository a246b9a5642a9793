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
 * turn (usually almost all of them) share one merge of everything; each sender gets a merge of what
 * the others sent. That costs one merge per sender, so past `MAX_EXCLUSION_MERGES` senders in one turn
 * the senders get the others' updates one frame each instead (each still encoded once), which is never
 * more work than relaying without batching.
 */
export class Outbox {
  static readonly MAX_EXCLUSION_MERGES = 8;

  private updates: Uint8Array[] = [];
  private origins: unknown[] = [];
  private readonly senders = new Set<Connection>();
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
    const senders = this.senders;
    for (const origin of origins) {
      if (this.connections.has(origin as Connection)) senders.add(origin as Connection);
    }
    let all: Uint8Array | null = null;
    let singles: (Uint8Array | undefined)[] | null = null;
    for (const connection of this.connections) {
      let message: Uint8Array | null;
      if (!senders.has(connection)) {
        message = all ??= encodeUpdate(Y.mergeUpdates(updates));
      } else if (senders.size <= Outbox.MAX_EXCLUSION_MERGES) {
        message = this.exclusionMerge(connection, updates, origins);
      } else {
        singles ??= [];
        this.sendSingles(connection, updates, origins, singles);
        continue;
      }
      if (message && connection.send(message)) this.telemetry.sent(KIND.update, message.byteLength);
    }
    senders.clear();
  }

  /** Everything but `connection`'s own updates, as one message (null when nothing is left). */
  private exclusionMerge(
    connection: Connection,
    updates: Uint8Array[],
    origins: unknown[],
  ): Uint8Array | null {
    const others: Uint8Array[] = [];
    for (let i = 0; i < updates.length; i++) if (origins[i] !== connection) others.push(updates[i]!);
    if (others.length === 0) return null;
    return encodeUpdate(others.length === 1 ? others[0]! : Y.mergeUpdates(others));
  }

  private sendSingles(
    connection: Connection,
    updates: Uint8Array[],
    origins: unknown[],
    encoded: (Uint8Array | undefined)[],
  ): void {
    for (let i = 0; i < updates.length; i++) {
      if (origins[i] === connection) continue;
      const message = (encoded[i] ??= encodeUpdate(updates[i]!));
      if (!connection.send(message)) return;
      this.telemetry.sent(KIND.update, message.byteLength);
    }
  }
}
