import { MAX_VALUE_DEPTH } from '@shared';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { WaitingAnswers, type WaitingAnswer } from './AnswerBudget';
import { AwarenessGate } from './AwarenessGate';
import { BoardPersistence, type FlushClock, type PersistenceOptions } from './BoardPersistence';
import type { Bus, BusKind } from './bus/Bus';
import { Connection, type ConnectionTarget } from './Connection';
import { checkDocumentUpdate, RefusedInput } from './inputChecks';
import type { Logger } from './logger';
import { Outbox, type OutboxScheduler } from './Outbox';
import {
  encodeAwarenessOf,
  encodeAwarenessUpdateOf,
  encodeSyncStep1,
  encodeSyncStep2,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from './protocol';
import { RelayedUpdates } from './RelayedUpdates';
import type { BoardHead, Storage, StoredBoard, StoredChanges } from './storage/Storage';
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
  /** Awareness leaves at most once per this many ms per room (0: per turn); see Outbox. */
  awarenessFrameMs: number;
  /** Fan-out to other relay nodes, or null on a single node. */
  bus: Bus | null;
}

/** The origin of changes that came from another node over the bus: relayed here, never re-published. */
export const BUS_ORIGIN = Symbol('bus');
/** The origin of changes read back from storage to catch up on what the bus lost. */
export const CATCH_UP_ORIGIN = Symbol('catch-up');
/** The origin of changes the server makes itself (a vote's revealed totals): stored and sent like a client's. */
export const SERVER_ORIGIN = Symbol('server');

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
  private readonly awarenessGate = new AwarenessGate<Connection>(this.awareness);
  readonly persistence: BoardPersistence;
  /** The board's current token generation; connections holding an older token are refused. */
  tokenEpoch: number;
  private readonly outbox: Outbox;
  private readonly outboxScheduler: OutboxScheduler;
  private readonly bus: Bus | null;
  private readonly relayed = new RelayedUpdates();
  /**
   * Every stored row up to this sequence number is in the room (its bytes or its document): the
   * catch-up reads the rows after it. It moves with the rows the room reads back and with its own
   * appends when they follow on directly (another node's rows in between are read at the next catch-up).
   */
  private storedSeqValue: number;
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
  /** Answers that wait for their connection's answer budget (see AnswerBudget). */
  private readonly waitingAnswers = new WaitingAnswers<Connection>((connection, answer) =>
    this.sendWaitingAnswer(connection, answer),
  );

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
    this.storedSeqValue = stored.lastSeq;
    this.persistence = new BoardPersistence(
      storage,
      boardId,
      () => this.snapshot ?? Y.encodeStateAsUpdate(this.doc),
      stored,
      options.persistence,
      options.flushClock,
      log,
      telemetry,
      (firstSeq, lastSeq) => {
        if (firstSeq === this.storedSeqValue + 1) this.storedSeqValue = lastSeq;
      },
    );
    this.outboxScheduler = options.outboxScheduler;
    this.bus = options.bus;
    this.outbox = new Outbox(
      this.connections,
      this.awareness,
      telemetry,
      options.outboxScheduler,
      options.batchOutbound,
      (clients) => this.dropUnencodable(clients),
      options.awarenessFrameMs,
    );
    // The relay is not a participant: it must not show up among the board's people.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Every stored row up to this sequence number is in the room: where its catch-up reads on from. */
  get storedSeq(): number {
    return this.storedSeqValue;
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

  /** The document, built from the stored bytes when needed: for the server's own reads of the board. */
  document(): Y.Doc {
    this.hydrate();
    return this.doc;
  }

  /**
   * Runs a change of the server's own (a shared command given SERVER_ORIGIN): its update reaches every
   * connection, storage and the other nodes, as a client's does.
   */
  changeAsServer<T>(change: (doc: Y.Doc, origin: typeof SERVER_ORIGIN) => T): T {
    this.hydrate();
    return change(this.doc, SERVER_ORIGIN);
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
    if (this.awareness.getStates().size > 0) {
      // A client that comes back dropped everyone when its socket closed, keeping the clocks it had:
      // it takes the presences it is greeted with only above them (see PresenceClocks).
      this.awarenessGate.clocks.raise();
      this.replyAwareness(connection);
    }
  }

  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.clearStepOneWait(connection);
    this.waitingAnswers.forget(connection);
    const owned = this.awarenessGate.release(connection);
    if (owned.length > 0) {
      // Origin null: the removal is the server's, so every remaining connection hears of it.
      awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
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
      // Other nodes' presences are mirrored at this node's own clocks (see PresenceClocks).
      const entries = this.awarenessGate.clocks.fromBus(payload);
      if (entries === null) awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, BUS_ORIGIN);
      else this.awarenessGate.apply(entries, BUS_ORIGIN);
    }
  }

  /**
   * At a catch-up, given where the board's log stands: what to read of it. Nothing when the room holds
   * every row (so a board nobody changed costs no read, and one only watched keeps no document); the
   * rows after the last one it holds (catchUpRows); or the whole board (catchUp), when updates other
   * nodes relayed a period ago are due to be checked against storage (see RelayedUpdates).
   */
  catchUpRead(head: BoardHead): 'none' | 'rows' | 'whole' {
    if (this.relayed.checkDue) return 'whole';
    this.relayed.startPeriod();
    return head.lastSeq > this.storedSeqValue ? 'rows' : 'none';
  }

  /**
   * Applies what was stored after the rows the room holds (and the state, when a compaction folded
   * some of those): what other nodes wrote and the bus lost. As for catchUp, only what is missing
   * reaches this node's clients.
   */
  catchUpRows(changes: StoredChanges): void {
    if (changes.lastSeq <= this.storedSeqValue) return;
    this.hydrate();
    this.applyNotOwn(() =>
      this.doc.transact(() => {
        if (changes.state) Y.applyUpdate(this.doc, changes.state, CATCH_UP_ORIGIN);
        for (const update of changes.updates) Y.applyUpdate(this.doc, update, CATCH_UP_ORIGIN);
      }, CATCH_UP_ORIGIN),
    );
    this.storedSeqValue = Math.max(this.storedSeqValue, changes.lastSeq);
  }

  /**
   * Applies the board as stored, to get what other nodes wrote and the bus lost. Applying what the
   * document holds already changes nothing; only what is missing reaches this node's clients.
   */
  catchUp(stored: StoredBoard): void {
    this.storedSeqValue = Math.max(this.storedSeqValue, stored.lastSeq);
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

  /**
   * Handles one frame; bad input closes only the connection that sent it, with the close code the
   * check chose (4422 malformed unless it said otherwise). Never throws.
   */
  handleMessage(connection: Connection, data: Uint8Array): void {
    try {
      this.outboxScheduler.beforeMessage();
      this.dispatch(connection, data);
    } catch (err) {
      this.telemetry.received(KIND.invalid, data.byteLength);
      this.log.debug({ board: this.boardId, conn: connection.id, err }, 'refused message');
      connection.refuse(err instanceof RefusedInput ? err.close : 'malformed');
    }
  }

  /** True while awareness changes wait for the end of their display frame (see Outbox). */
  get awarenessWaiting(): boolean {
    return this.outbox.awarenessWaiting;
  }

  /** Sends what is queued for the connections now, awareness inside its frame too (e.g. before they close). */
  flushOutbound(): void {
    this.outbox.flushAll();
  }

  /** Stops timers and frees the document; the caller has flushed what it wanted to keep. */
  destroy(): void {
    this.outbox.dispose();
    for (const timer of this.stepOneWaits.values()) clearTimeout(timer);
    this.stepOneWaits.clear();
    this.waitingAnswers.dispose();
    // The stored bytes stay: a write still in flight must never mistake this room for an empty board.
    this.persistence.dispose();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private dispatch(connection: Connection, data: Uint8Array): void {
    if (data.byteLength === 0) throw new RefusedInput('malformed', 'empty frame');
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
        // Checked whole before anything of it is applied.
        const { entries, unchanged } = this.awarenessGate.admit(connection, update);
        this.telemetry.received(KIND.awareness, data.byteLength);
        // The frame can be relayed as it came if it holds nothing else and all of it applies (see
        // onAwarenessUpdate).
        this.incomingFrame = unchanged && decoder.pos === data.byteLength ? data : null;
        this.incomingEntries = entries.length;
        try {
          this.awarenessGate.apply(entries, connection);
        } finally {
          this.incomingFrame = null;
        }
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        this.telemetry.received(KIND.queryAwareness, data.byteLength);
        if (!this.waitingAnswers.defer(connection, (answer) => (answer.awareness = true))) {
          connection.answerBudget.spend(this.replyAwareness(connection));
        }
        return;
      default:
        throw new RefusedInput('malformed', `unknown message type ${type}`);
    }
  }

  private handleSync(connection: Connection, decoder: decoding.Decoder, bytes: number): void {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    switch (step) {
      case syncProtocol.messageYjsSyncStep1: {
        this.telemetry.received(KIND.syncStep1, bytes);
        // Beyond the connection's answer budget, step 1s wait and are answered once, by the latest
        // (whose answer covers what the earlier ones asked for). A garbage state vector throws here.
        const deferred = this.waitingAnswers.defer(connection, (answer) => {
          Y.decodeStateVector(payload);
          answer.stateVector = payload;
        });
        if (!deferred) this.answerStepOne(connection, payload);
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        // A view connection's edits are dropped: never applied, relayed or stored. A client that has
        // nothing the board lacks answers step 1 with an empty update, which needs no document. An
        // edit is checked before it is applied (see checkDocumentUpdate).
        if (connection.canEdit && !isEmptyUpdate(payload)) {
          checkDocumentUpdate(payload, MAX_VALUE_DEPTH);
          this.hydrate();
          Y.applyUpdate(this.doc, payload, connection);
        }
        this.telemetry.received(step === syncProtocol.messageYjsUpdate ? KIND.update : KIND.syncStep2, bytes);
        return;
      default:
        throw new RefusedInput('malformed', `unknown sync step ${step}`);
    }
  }

  /**
   * Answers a sync step 1 with exactly what the client lacks (a garbage state vector throws, and counts
   * as malformed), charged to the connection's answer budget; then asks the client for what it has,
   * if it was waiting for this (see greet).
   */
  private answerStepOne(connection: Connection, vector: Uint8Array): void {
    // Before the document is built, any answer but the whole board reads all of the stored bytes.
    const readsSnapshot =
      this.snapshot !== null && !isEmptyStateVector(vector) ? this.snapshot.byteLength : 0;
    const answer = this.missingFrom(vector);
    connection.answerBudget.spend(readsSnapshot + answer.byteLength);
    this.reply(connection, KIND.syncStep2, encodeSyncStep2(answer));
    connection.hasNothingToOffer = isEmptyStateVector(vector);
    connection.stepOneAnswered = true;
    if (connection.awaitingStepOne) {
      this.clearStepOneWait(connection);
      if (!connection.hasNothingToOffer) this.sendStepOne(connection);
    }
  }

  /** What waited for the connection's answer budget (from a timer: it must not throw). */
  private sendWaitingAnswer(connection: Connection, answer: WaitingAnswer): void {
    try {
      if (answer.stateVector) this.answerStepOne(connection, answer.stateVector);
      if (answer.awareness) connection.answerBudget.spend(this.replyAwareness(connection));
    } catch (err) {
      this.log.debug({ board: this.boardId, conn: connection.id, err }, 'refused message');
      connection.refuse('malformed');
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

  /** Sends every state the room holds to `connection`; returns the message's size. */
  private replyAwareness(connection: Connection): number {
    const unencodable: number[] = [];
    const message = encodeAwarenessOf(this.awareness, [...this.awareness.getStates().keys()], unencodable);
    if (message) this.reply(connection, KIND.awareness, message);
    if (unencodable.length > 0) this.dropUnencodable(unencodable);
    return message?.byteLength ?? 0;
  }

  /**
   * Removes awareness states that cannot be encoded (only a bug or another node could have let one in:
   * states are checked on arrival), so that they stop failing every message and every join that would
   * carry them; everyone hears of the removal.
   */
  private dropUnencodable(clients: number[]): void {
    this.log.error({ board: this.boardId, clients }, 'removing awareness states that cannot be encoded');
    awarenessProtocol.removeAwarenessStates(this.awareness, clients, null);
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
    this.awarenessGate.applied(origin instanceof Connection ? origin : null, added, updated, removed);
    // A client's frame whose every entry was applied says exactly this change: relay it unchanged.
    // (An entry older than what the room holds, or someone else's, is skipped by the gate; a view link's
    // states are trimmed; then the change is encoded.)
    const frame =
      origin instanceof Connection && this.incomingEntries === added.length + updated.length + removed.length
        ? this.incomingFrame
        : null;
    // Echoed to the sender too: the stock client drops a connection that hears nothing for 30 s.
    this.outbox.addAwareness(added, updated, removed, frame);
    if (this.bus && origin !== BUS_ORIGIN) {
      // A state that cannot be encoded is left out here and removed by the outbox's flush.
      const update = encodeAwarenessUpdateOf(this.awareness, [...added, ...updated, ...removed], []);
      if (update) this.bus.publish(this.boardId, 'awareness', update);
    }
    // A tab that reconnected before its old connection went shows again once the old presence is gone.
    if (removed.length > 0) {
      for (const { speaker, entries } of this.awarenessGate.resume(removed)) {
        this.incomingFrame = null;
        this.awarenessGate.apply(entries, speaker);
      }
    }
  };
}
