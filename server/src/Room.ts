import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { BoardPersistence, type PersistenceOptions } from './BoardPersistence';
import { Connection, type ConnectionTarget } from './Connection';
import type { Logger } from './logger';
import { Outbox } from './Outbox';
import {
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from './protocol';
import type { Storage, StoredBoard } from './storage/Storage';
import { KIND, type Telemetry } from './Telemetry';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export interface RoomOptions {
  persistence: PersistenceOptions;
  /** Merge what arrives in one event-loop turn into one message per connection (see Outbox). */
  batchOutbound: boolean;
}

/** Thrown for a frame that is not a valid y-websocket message; closes only its connection. */
class MalformedMessage extends Error {}

/** One loaded board: its document, its awareness and the connections looking at it. */
export class Room implements ConnectionTarget {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  readonly persistence: BoardPersistence;
  /** The board's current token generation; connections holding an older token are refused. */
  tokenEpoch: number;
  private readonly outbox: Outbox;

  constructor(
    readonly boardId: string,
    stored: StoredBoard,
    storage: Storage,
    options: RoomOptions,
    private readonly log: Logger,
    private readonly telemetry: Telemetry,
    private readonly onEmpty: (room: Room) => void,
  ) {
    // Stored history is applied before listening, so loading neither re-stores nor broadcasts it.
    Y.applyUpdate(this.doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    this.tokenEpoch = stored.tokenEpoch;
    this.persistence = new BoardPersistence(
      storage,
      boardId,
      this.doc,
      stored,
      options.persistence,
      log,
      telemetry,
    );
    this.outbox = new Outbox(this.connections, this.awareness, telemetry, options.batchOutbound);
    // The relay is not a participant: it must not show up among the board's people.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection);
    this.reply(connection, KIND.syncStep1, encodeSyncStep1(this.doc));
    if (this.awareness.getStates().size > 0) this.replyAwareness(connection);
  }

  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessIds.size > 0) {
      // Origin null: the removal is the server's, so every remaining connection hears of it.
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    if (this.connections.size === 0) this.onEmpty(this);
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
    switch (type) {
      case MESSAGE_SYNC:
        this.handleSync(connection, decoder, data.byteLength);
        return;
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          connection,
        );
        this.telemetry.received(KIND.awareness, data.byteLength);
        return;
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
        this.reply(connection, KIND.syncStep2, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, payload)));
        this.telemetry.received(KIND.syncStep1, bytes);
        return;
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        // A view connection's edits are dropped: never applied, relayed or stored.
        if (connection.canEdit) Y.applyUpdate(this.doc, payload, connection);
        this.telemetry.received(step === syncProtocol.messageYjsUpdate ? KIND.update : KIND.syncStep2, bytes);
        return;
      default:
        throw new MalformedMessage(`unknown sync step ${step}`);
    }
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

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.outbox.addUpdate(update, origin);
    this.persistence.add(update);
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
    // Echoed to the sender too: the stock client drops a connection that hears nothing for 30 s.
    this.outbox.addAwareness(added, updated, removed);
  };
}
