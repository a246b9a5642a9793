import { moveNotes } from '@shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as random from 'lib0/random';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  awarenessMessage,
  forEachAwarenessEntry,
  readMessage,
  syncStep1,
  syncStep2,
  updateMessage,
} from './messages';

/** Frame counters shared by every client of a run; only frames inside the measuring window count. */
export class Traffic {
  measuring = false;
  sentFrames = 0;
  receivedFrames = 0;
  sentBytes = 0;
  receivedBytes = 0;
  /** Frames received that carried an awareness message (what a browser's awareness handles). */
  receivedAwarenessFrames = 0;
  /** Close codes of connections the server closed while the run still wanted them. */
  readonly unexpectedCloses = new Map<number, number>();
}

/**
 * Marks a join URL as Hocuspocus's (see `hocuspocusUrl`): the fragment never reaches the server (a
 * WebSocket URL cannot carry one); the client takes the document's name from it.
 */
const HOCUSPOCUS_DOCUMENT = '#hocuspocus-document=';

/**
 * The URL to join Hocuspocus's document `name` at. Hocuspocus multiplexes documents over one socket:
 * every message in both directions starts with the document's name (a var string), the client first
 * authenticates each document (an auth message, type 2, with a token, empty here as no extension
 * checks it), and the server sends its step 2 as a "sync reply" (type 4) and acknowledges each update
 * with a sync status (type 8). Otherwise the messages are y-protocols' (see its OutgoingMessage.ts).
 */
export function hocuspocusUrl(wsBase: string, name: string): string {
  return `${wsBase}/${name}${HOCUSPOCUS_DOCUMENT}${encodeURIComponent(name)}`;
}

const MESSAGE_AUTH = 2;
const AUTH_TOKEN = 0;

export interface SimClientHandlers {
  /** A document update (sync update, or a sync step 2 after the first) from the server. */
  onUpdate?(client: SimClient, update: Uint8Array, at: number): void;
  /**
   * Each entry of an awareness message from the server: whose state, and the seq the state carries
   * (null for a state not written by a simulated person, or a removal; see awarenessSeq).
   */
  onAwarenessEntry?(client: SimClient, clientId: number, seq: number | null, at: number): void;
}

/**
 * One simulated person, speaking the y-websocket protocol as the stock client does: it sends its sync
 * step 1 on open, answers the server's step 1 with what the server lacks, and is synced on the first
 * step 2. Its document holds the board as of joining plus its own edits only; remote updates are read
 * for measurement but not applied, which is what lets one process play hundreds of people. That is
 * still a correct peer: each person moves only their own note, so their edits never depend on others'.
 *
 * The people of one room may share one document (`roomDoc`): each edits it under a client id of its
 * own, so the updates and ids are exactly what separate documents would give, and the document then
 * holds the board plus the room's own edits, all of which the server has too. A Y.Doc of a 200-note
 * board takes about 1.2 MB of heap, so 200 people with a document each kept the load generator's heap
 * near 300 MB, and each full collection of it (every few seconds) took a core from the server.
 */
export class SimClient {
  readonly doc: Y.Doc;
  /** This person's Yjs client id (its document's, unless the document is shared). */
  readonly clientId: number;
  private ws: WebSocket | null = null;
  private awarenessClock = 0;
  private awarenessState: unknown = null;
  private closing = false;
  private syncedAt: number | null = null;
  private step2ReceivedAt: number | null = null;
  /** Size of the first sync step 2's payload: the board as the server sent it. */
  step2Bytes = 0;
  private resolveSynced: (() => void) | null = null;
  /** When the message being read arrived (for visitAwarenessEntry). */
  private receivedAt = 0;
  /** Hocuspocus's document name, which prefixes every message; null for the y-websocket protocol. */
  private document: string | null = null;

  constructor(
    readonly room: number,
    private readonly traffic: Traffic,
    private readonly handlers: SimClientHandlers = {},
    roomDoc?: Y.Doc,
  ) {
    this.doc = roomDoc ?? new Y.Doc();
    this.clientId = roomDoc ? random.uint32() : this.doc.clientID;
  }

  /** Opens the connection and resolves once the first sync step 2 is applied (rejects on failure). */
  connect(url: string, timeoutMs = 30_000): Promise<{ step2ReceivedAt: number; syncedAt: number }> {
    const marker = url.indexOf(HOCUSPOCUS_DOCUMENT);
    if (marker >= 0) {
      this.document = decodeURIComponent(url.slice(marker + HOCUSPOCUS_DOCUMENT.length));
      url = url.slice(0, marker);
    }
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(() => fail(new Error(`no sync step 2 within ${timeoutMs} ms`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.resolveSynced = null;
        ws.terminate();
        reject(error);
      };
      this.resolveSynced = () => {
        clearTimeout(timer);
        resolve({ step2ReceivedAt: this.step2ReceivedAt!, syncedAt: this.syncedAt! });
      };
      ws.on('open', () => {
        if (this.document !== null) this.send(this.authMessage());
        this.send(syncStep1(Y.encodeStateVector(this.doc)));
      });
      ws.on('message', (data: Buffer) => this.receive(data));
      ws.on('error', (error) => {
        if (this.resolveSynced) fail(error);
      });
      ws.on('close', (code) => {
        if (this.resolveSynced) fail(new Error(`closed before sync: ${code}`));
        else if (!this.closing) {
          const closes = this.traffic.unexpectedCloses;
          closes.set(code, (closes.get(code) ?? 0) + 1);
        }
      });
    });
  }

  /** Moves a note of the board as the product's command does; returns the clock of the update's first item. */
  moveNote(noteId: string, x: number, y: number): number {
    const clock = Y.getState(this.doc.store, this.clientId);
    this.edit(() => moveNotes(this.doc, [{ id: noteId, x, y }], this));
    return clock;
  }

  /** Runs `change` on this client's document and sends the update it makes, as a provider would. */
  edit(change: () => void): void {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => {
      update = u;
    };
    this.doc.on('update', capture);
    // A shared document makes items under the id of whoever edits it (Yjs reads doc.clientID then).
    this.doc.clientID = this.clientId;
    // One outer transaction, so that nested commands leave exactly one update.
    this.doc.transact(change, this);
    this.doc.off('update', capture);
    if (update) this.send(updateMessage(update));
  }

  /** Publishes this person's presence; returns its awareness clock. */
  setAwareness(state: unknown): number {
    this.awarenessClock++;
    this.awarenessState = state;
    this.send(awarenessMessage(this.clientId, this.awarenessClock, state));
    return this.awarenessClock;
  }

  /**
   * Resolves once the server has handled every frame this client sent before: a server answers a sync
   * step 1 after what came before it on the same connection.
   */
  async roundTrip(timeoutMs = 30_000): Promise<void> {
    this.step2ReceivedAt = null;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to sync step 1')), timeoutMs);
      this.resolveSynced = () => {
        clearTimeout(timer);
        resolve();
      };
      this.send(syncStep1(Y.encodeStateVector(this.doc)));
    });
  }

  close(): Promise<void> {
    this.closing = true;
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2000);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close();
    });
  }

  private readonly visitAwarenessEntry = (clientId: number, clock: number, seq: number | null): void => {
    // As the stock client's awareness does, it takes a higher clock it hears for its own presence (a
    // relay may announce a presence above the clock it came with, so that those who saw it leave take
    // it again), and counts on from there.
    if (clientId === this.clientId && clock > this.awarenessClock) this.awarenessClock = clock;
    this.handlers.onAwarenessEntry?.(this, clientId, seq, this.receivedAt);
  };

  /** Hocuspocus's authentication of the document, which it wants before anything else of it. */
  private authMessage(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AUTH);
    encoding.writeVarUint(encoder, AUTH_TOKEN);
    encoding.writeVarString(encoder, '');
    return encoding.toUint8Array(encoder);
  }

  private send(message: Uint8Array): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    let data = message;
    if (this.document !== null) {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, this.document);
      encoding.writeUint8Array(encoder, message);
      data = encoding.toUint8Array(encoder);
    }
    ws.send(data);
    if (this.traffic.measuring) {
      this.traffic.sentFrames++;
      this.traffic.sentBytes += data.byteLength;
    }
  }

  private receive(data: Buffer): void {
    const at = performance.now();
    if (this.traffic.measuring) {
      this.traffic.receivedFrames++;
      this.traffic.receivedBytes += data.byteLength;
    }
    let body: Uint8Array = data;
    if (this.document !== null) {
      const decoder = decoding.createDecoder(data);
      decoding.readVarString(decoder);
      body = data.subarray(decoder.pos);
    }
    const message = readMessage(body);
    switch (message.kind) {
      case 'sync':
        this.receiveSync(message.step, message.payload, at);
        return;
      case 'awareness':
        if (this.traffic.measuring) this.traffic.receivedAwarenessFrames++;
        // As the stock client's awareness does, it takes a higher clock it hears for its own presence
        // (a relay may announce a presence above the clock it came with, so that those who saw it
        // leave take it again), and counts on from there.
        // One pass over the entries, with a visitor made once per client (see onAwarenessEntry).
        this.receivedAt = at;
        forEachAwarenessEntry(message.payload, this.visitAwarenessEntry);
        return;
      case 'queryAwareness':
        // Answered with the current state again, as the stock client's awareness does.
        if (this.awarenessState !== null) this.setAwareness(this.awarenessState);
        return;
      default:
        return;
    }
  }

  private receiveSync(step: number, payload: Uint8Array, at: number): void {
    if (step === syncProtocol.messageYjsSyncStep1) {
      // Exactly what the server lacks, as the stock client answers.
      this.send(syncStep2(Y.encodeStateAsUpdate(this.doc, payload)));
      return;
    }
    if (step === syncProtocol.messageYjsSyncStep2 && this.resolveSynced) {
      this.step2ReceivedAt = at;
      if (this.syncedAt === null) {
        this.step2Bytes = payload.byteLength;
        // The first step 2 brings the board; later ones (round trips) only confirm ordering. (In a shared
        // document the board is there after the first person's; applying it again changes nothing.)
        Y.applyUpdate(this.doc, payload, 'server');
        this.syncedAt = performance.now();
      }
      const resolve = this.resolveSynced;
      this.resolveSynced = null;
      resolve();
      return;
    }
    this.handlers.onUpdate?.(this, payload, at);
  }
}
