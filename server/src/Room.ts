import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { BoardPersistence, type FlushClock, type PersistenceOptions } from './BoardPersistence';
import type { Bus, BusKind } from './bus/Bus';
import { Connection, type ConnectionTarget } from './Connection';
import type { Logger } from './logger';
import { Outbox, type OutboxScheduler } from './Outbox';
import {
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from './protocol';
import { RelayedUpdates } from './RelayedUpdates';
import type { Storage, StoredBoard } from './storage/Storage';
import { KIND, type Telemetry } from './Telemetry';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export interface RoomOptions {
  persistence: PersistenceOptions;
  /** Shared by the rooms of a process, so that their writes reach storage together. */
  flushClock: FlushClock;
  /** Shared by the rooms of a process: when their outgoing messages leave. */
  outboxScheduler: OutboxScheduler;
  /** Merge what arrives in one event-loop turn into one message per connection (see Outbox). */
  batchOutbound: boolean;
  /** Fan-out to other relay nodes, or null on a single node. */
  bus: Bus | null;
}

/** The origin of changes that came from another node over the bus: relayed here, never re-published. */
export const BUS_ORIGIN = Symbol('bus');
/** The origin of changes read back from storage to catch up on what the bus lost. */
export const CATCH_UP_ORIGIN = Symbol('catch-up');

/**
 * An update that carries no change: no structs and an empty delete set (V1 encoding: two zero counts),
 * as a client sends in sync step 2 when it has nothing the server lacks.
 */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** A state vector naming no client (a document with nothing in it): a single zero count. */
function isEmptyStateVector(vector: Uint8Array): boolean {
  return vector.byteLength === 1 && vector[0] === 0;
}

/** How many client entries an awareness update holds (its leading count). */
function awarenessEntries(update: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(update));
}

/** What waits in a document for changes it lacks (Yjs keeps such structs and deletions pending). */
interface Waiting {
  structs: Uint8Array | null;
  deletes: Uint8Array | null;
}

function waitingIn(doc: Y.Doc): Waiting | null {
  const { pendingStructs, pendingDs } = doc.store;
  return pendingStructs || pendingDs ? { structs: pendingStructs?.update ?? null, deletes: pendingDs } : null;
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** Thrown for a frame that is not a valid y-websocket message; closes only its connection. */
class MalformedMessage extends Error {}

/**
 * One loaded board: its document, its awareness and the connections looking at it.
 *
 * A room starts from its stored state as bytes and builds its Y.Doc only when the first document update
 * arrives. Until then it answers a joining client's sync step 1 straight from those bytes (the whole of
 * them for a new client, a binary diff for a returning one), so joining a cold board costs a storage
 * read and a socket write instead of building a document of thousands of notes first, and a board that
 * people only look at (the projector, a view link) never costs a document at all.
 */
export class Room implements ConnectionTarget {
  /** How long the server's sync step 1 waits for a new connection's own (see greet). */
  static readonly STEP_ONE_WAIT_MS = 1000;

  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  readonly persistence: BoardPersistence;
  /** The board's current token generation; connections holding an older token are refused. */
  tokenEpoch: number;
  private readonly outbox: Outbox;
  private readonly outboxScheduler: OutboxScheduler;
  private readonly bus: Bus | null;
  private readonly relayed = new RelayedUpdates();
  /** The stored board as one update, until the document is built from it (then null). */
  private snapshot: Uint8Array | null;
  private snapshotVector: Uint8Array | null = null;
  /** The awareness frame being applied, and how many entries it holds (see onAwarenessUpdate). */
  private incomingFrame: Uint8Array | null = null;
  private incomingEntries = 0;
  /** While a change from the bus or storage is applied: what waited in the document before it. */
  private waitingBefore: Waiting | null = null;
  /** Connections whose greeting waits for their sync step 1 (see greet), with the timer that ends the wait. */
  private readonly stepOneWaits = new Map<Connection, NodeJS.Timeout>();

  constructor(
    readonly boardId: string,
    stored: StoredBoard,
    storage: Storage,
    options: RoomOptions,
    private readonly log: Logger,
    private readonly telemetry: Telemetry,
    private readonly onEmpty: (room: Room) => void,
  ) {
    this.snapshot =
      stored.updates.length === 0 ? stored.state : Y.mergeUpdates([stored.state, ...stored.updates]);
    this.tokenEpoch = stored.tokenEpoch;
    this.persistence = new BoardPersistence(
      storage,
      boardId,
      () => this.snapshot ?? Y.encodeStateAsUpdate(this.doc),
      stored,
      options.persistence,
      options.flushClock,
      log,
      telemetry,
    );
    this.outboxScheduler = options.outboxScheduler;
    this.bus = options.bus;
    this.outbox = new Outbox(
      this.connections,
      this.awareness,
      telemetry,
      options.outboxScheduler,
      options.batchOutbound,
    );
    // The relay is not a participant: it must not show up among the board's people.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** True once the document has been built from storage (on the first document update). */
  get hydrated(): boolean {
    return this.snapshot === null;
  }

  /** The whole board as one update: the stored bytes, or the document once it is built. */
  boardState(): Uint8Array {
    return this.snapshot ?? Y.encodeStateAsUpdate(this.doc);
  }

  /**
   * Builds the document from the stored bytes. Stored history is applied before listening, so loading
   * neither re-stores nor broadcasts it. Idempotent.
   */
  hydrate(): void {
    if (this.snapshot === null) return;
    Y.applyUpdate(this.doc, this.snapshot);
    this.snapshot = null;
    this.snapshotVector = null;
    this.doc.on('update', this.onDocUpdate);
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection);
  }

  /**
   * Tells a new connection who is here, and asks it with the server's sync step 1 for what the board
   * lacks, always after answering its own step 1. The host calls it after the messages the client sent
   * while the room loaded were handled. A new client, whose step 1 showed an empty document, is not
   * asked at all. (Before the document is built, the state vector for step 1 is read from the stored
   * bytes, which costs about as much as encoding the board.)
   */
  greet(connection: Connection): void {
    if (connection.closed) return;
    if (connection.stepOneAnswered) {
      if (!connection.hasNothingToOffer) this.sendStepOne(connection);
    } else {
      // The client's step 1 is on its way (the stock client sends it as the socket opens): answer it
      // first, then ask only a client that has something to offer. Asking now would make the answer
      // wait for the board's state vector, which, before the document is built, means reading the
      // whole stored board (tens of milliseconds for thousands of notes). A client that sends anything
      // else first, or nothing for a while, is asked then.
      connection.awaitingStepOne = true;
      const timer = setTimeout(() => this.stopAwaitingStepOne(connection), Room.STEP_ONE_WAIT_MS);
      timer.unref();
      this.stepOneWaits.set(connection, timer);
    }
    if (this.awareness.getStates().size > 0) this.replyAwareness(connection);
  }

  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.clearStepOneWait(connection);
    if (connection.awarenessIds.size > 0) {
      // Origin null: the removal is the server's, so every remaining connection hears of it.
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    if (this.connections.size === 0) this.onEmpty(this);
  }

  /** Applies what another node's clients changed; it reaches this node's clients like any change. */
  applyFromBus(kind: BusKind, payload: Uint8Array): void {
    if (kind === 'update') {
      this.hydrate();
      this.applyNotOwn(() => Y.applyUpdate(this.doc, payload, BUS_ORIGIN));
      this.relayed.add(payload);
    } else {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, BUS_ORIGIN);
    }
  }

  /**
   * Applies the board as stored, to get what other nodes wrote and the bus lost. Applying what the
   * document holds already changes nothing; only what is missing reaches this node's clients.
   */
  catchUp(stored: StoredBoard): void {
    this.hydrate();
    this.applyNotOwn(() =>
      this.doc.transact(() => {
        Y.applyUpdate(this.doc, stored.state, CATCH_UP_ORIGIN);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update, CATCH_UP_ORIGIN);
      }, CATCH_UP_ORIGIN),
    );
    const unstored = this.relayed.unstored(stored);
    if (unstored) {
      this.log.warn({ board: this.boardId }, 'storing updates another node relayed but never stored');
      this.persistence.add(unstored);
    }
  }

  /** Before the room unloads: what other nodes relayed lately is stored here too (see RelayedUpdates). */
  storeRelayed(): void {
    const relayed = this.relayed.takeAll();
    if (relayed) this.persistence.add(relayed);
  }

  /** Raises the token generation and closes every connection that came in with an older token. */
  revokeTokens(epoch: number): void {
    if (epoch <= this.tokenEpoch) return;
    this.tokenEpoch = epoch;
    for (const connection of [...this.connections]) {
      if (connection.tokenEpoch !== epoch) connection.refuse('tokenRevoked');
    }
  }

  /** Handles one frame; bad input closes only the connection that sent it. Never throws. */
  handleMessage(connection: Connection, data: Uint8Array): void {
    this.outboxScheduler.beforeMessage();
    try {
      this.dispatch(connection, data);
    } catch (err) {
      this.telemetry.received(KIND.invalid, data.byteLength);
      this.log.debug({ board: this.boardId, conn: connection.id, err }, 'malformed message');
      connection.refuse('malformed');
    }
  }

  /** Sends what is queued for the connections now (e.g. before they are closed). */
  flushOutbound(): void {
    this.outbox.flush();
  }

  /** Stops timers and frees the document; the caller has flushed what it wanted to keep. */
  destroy(): void {
    this.outbox.dispose();
    for (const timer of this.stepOneWaits.values()) clearTimeout(timer);
    this.stepOneWaits.clear();
    // The stored bytes stay: a write still in flight must never mistake this room for an empty board.
    this.persistence.dispose();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private dispatch(connection: Connection, data: Uint8Array): void {
    if (data.byteLength === 0) throw new MalformedMessage('empty frame');
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    // A client that starts with anything but its sync step 1 is asked for what it has first.
    if (
      connection.awaitingStepOne &&
      !(type === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep1)
    ) {
      this.stopAwaitingStepOne(connection);
    }
    switch (type) {
      case MESSAGE_SYNC:
        this.handleSync(connection, decoder, data.byteLength);
        return;
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        // The frame can be relayed as it came if every entry in it is applied (see onAwarenessUpdate).
        this.incomingFrame = data;
        this.incomingEntries = awarenessEntries(update);
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
        } finally {
          this.incomingFrame = null;
        }
        this.telemetry.received(KIND.awareness, data.byteLength);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        this.telemetry.received(KIND.queryAwareness, data.byteLength);
        this.replyAwareness(connection);
        return;
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  private handleSync(connection: Connection, decoder: decoding.Decoder, bytes: number): void {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    switch (step) {
      case syncProtocol.messageYjsSyncStep1:
        // Exactly what the client lacks; a garbage state vector throws and counts as malformed.
        this.reply(connection, KIND.syncStep2, encodeSyncStep2(this.missingFrom(payload)));
        connection.hasNothingToOffer = isEmptyStateVector(payload);
        connection.stepOneAnswered = true;
        if (connection.awaitingStepOne) {
          this.clearStepOneWait(connection);
          if (!connection.hasNothingToOffer) this.sendStepOne(connection);
        }
        this.telemetry.received(KIND.syncStep1, bytes);
        return;
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        // A view connection's edits are dropped: never applied, relayed or stored. A client that has
        // nothing the board lacks answers step 1 with an empty update, which needs no document.
        if (connection.canEdit && !isEmptyUpdate(payload)) {
          this.hydrate();
          Y.applyUpdate(this.doc, payload, connection);
        }
        this.telemetry.received(step === syncProtocol.messageYjsUpdate ? KIND.update : KIND.syncStep2, bytes);
        return;
      default:
        throw new MalformedMessage(`unknown sync step ${step}`);
    }
  }

  private sendStepOne(connection: Connection): void {
    this.reply(connection, KIND.syncStep1, encodeSyncStep1(this.stateVector()));
  }

  /** The server's step 1 waited long enough for the client's (or the client sent something else). */
  private stopAwaitingStepOne(connection: Connection): void {
    if (!connection.awaitingStepOne) return;
    this.clearStepOneWait(connection);
    if (!connection.closed) this.sendStepOne(connection);
  }

  private clearStepOneWait(connection: Connection): void {
    connection.awaitingStepOne = false;
    const timer = this.stepOneWaits.get(connection);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.stepOneWaits.delete(connection);
  }

  /** The board's state vector, from the document or, before it is built, from the stored bytes. */
  private stateVector(): Uint8Array {
    if (this.snapshot === null) return Y.encodeStateVector(this.doc);
    return (this.snapshotVector ??= Y.encodeStateVectorFromUpdate(this.snapshot));
  }

  /** What a client with state vector `vector` lacks, as one update. */
  private missingFrom(vector: Uint8Array): Uint8Array {
    if (this.snapshot === null) return Y.encodeStateAsUpdate(this.doc, vector);
    // A new client (empty state vector) lacks everything: the stored bytes as they are.
    if (isEmptyStateVector(vector)) return this.snapshot;
    return Y.diffUpdate(this.snapshot, vector);
  }

  private reply(connection: Connection, kind: (typeof KIND)[keyof typeof KIND], message: Uint8Array): void {
    if (connection.send(message)) this.telemetry.sent(kind, message.byteLength);
  }

  private replyAwareness(connection: Connection): void {
    this.reply(
      connection,
      KIND.awareness,
      encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]),
    );
  }

  /**
   * Applies a change that is not this node's to store or publish (from the bus or from storage), and
   * notes what waited in the document before it: see onDocUpdate.
   */
  private applyNotOwn(apply: () => void): void {
    this.waitingBefore = waitingIn(this.doc);
    try {
      apply();
    } finally {
      this.waitingBefore = null;
    }
  }

  /**
   * True when the change being applied let through something that waited in the document. A client's
   * change that arrived before one it builds on (made on another node, say) waits in the document,
   * unstored and unpublished, and goes in with the change it waited for: in that change's transaction.
   */
  private releasedWaiting(): boolean {
    const before = this.waitingBefore;
    if (before === null) return false;
    const after = waitingIn(this.doc);
    return (
      after === null || !sameBytes(before.structs, after.structs) || !sameBytes(before.deletes, after.deletes)
    );
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.outbox.addUpdate(update, origin);
    // What another node's clients wrote is stored by that node; what came from storage is stored. But
    // a change of this node's clients that waited for it goes in with it: that is this node's to store
    // and publish (the rest of the update with it, which is harmless: applying twice changes nothing).
    if ((origin === BUS_ORIGIN || origin === CATCH_UP_ORIGIN) && !this.releasedWaiting()) return;
    this.persistence.add(update);
    this.bus?.publish(this.boardId, 'update', update);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: AwarenessChange,
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessIds.add(id);
      for (const id of updated) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
    }
    // A client's frame whose every entry was applied says exactly this change: relay it unchanged.
    // (An entry older than what the room holds is skipped by y-protocols; then the change is encoded.)
    const frame =
      origin instanceof Connection && this.incomingEntries === added.length + updated.length + removed.length
        ? this.incomingFrame
        : null;
    // Echoed to the sender too: the stock client drops a connection that hears nothing for 30 s.
    this.outbox.addAwareness(added, updated, removed, frame);
    if (this.bus && origin !== BUS_ORIGIN) {
      const changed = [...added, ...updated, ...removed];
      this.bus.publish(
        this.boardId,
        'awareness',
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
      );
    }
  };
}
