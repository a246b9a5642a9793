import type { Role } from '@shared';
import type { Logger } from './logger';
import { CLOSE, type CloseReason } from '@shared';

/** What the core needs of a socket; the host adapts `ws` (or anything else) to it. */
export interface SocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending but not yet written to the network. */
  readonly bufferedAmount: number;
}

export interface ConnectionLimits {
  maxMessageBytes: number;
  maxBufferedBytes: number;
}

/** Where a connection's messages go once its room is loaded. */
export interface ConnectionTarget {
  handleMessage(connection: Connection, data: Uint8Array): void;
  removeConnection(connection: Connection): void;
}

let nextId = 1;

/**
 * One client's connection to one board. Until its room is loaded, messages wait here in arrival order;
 * afterwards they go straight to the room.
 */
export class Connection {
  readonly id = nextId++;
  /** The awareness client ids this connection speaks for, so they can be removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  private target: ConnectionTarget | null = null;
  private queue: Uint8Array[] | null = [];
  private closedFlag = false;

  constructor(
    readonly boardId: string,
    readonly role: Role,
    private readonly socket: SocketLike,
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
  ) {}

  get closed(): boolean {
    return this.closedFlag;
  }

  get canEdit(): boolean {
    return this.role === 'edit';
  }

  /** Called by the host for every frame received. Never throws. */
  receive(data: Uint8Array): void {
    if (this.closedFlag) return;
    if (data.byteLength > this.limits.maxMessageBytes) {
      this.close(CLOSE.tooLarge);
      return;
    }
    if (this.queue) this.queue.push(data);
    else this.target?.handleMessage(this, data);
  }

  /** Routes messages to the loaded room, first those that arrived while it was loading. */
  attach(target: ConnectionTarget): void {
    if (this.closedFlag) return;
    this.target = target;
    const queued = this.queue ?? [];
    this.queue = null;
    for (const data of queued) {
      if (this.closedFlag) return;
      target.handleMessage(this, data);
    }
  }

  /**
   * Sends one message as one frame. A reader that cannot keep up is disconnected rather than skipped:
   * a skipped update would leave its document silently diverged, while a reconnect resyncs it.
   */
  send(data: Uint8Array): void {
    if (this.closedFlag) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.warn('closing slow connection', { board: this.boardId, conn: this.id });
      this.close(CLOSE.sendBufferFull);
      return;
    }
    try {
      this.socket.send(data);
    } catch (error) {
      this.log.warn('send failed', { board: this.boardId, conn: this.id, error });
      this.close(CLOSE.serverError);
    }
  }

  /** Closes the connection from the server's side. Idempotent. */
  close(close: CloseReason): void {
    if (this.closedFlag) return;
    this.log.debug('closing connection', { board: this.boardId, conn: this.id, code: close.code });
    this.detach();
    try {
      this.socket.close(close.code, close.reason);
    } catch (error) {
      this.log.debug('socket close failed', { conn: this.id, error });
    }
  }

  /** Called by the host when the socket closed from the other side. Idempotent. */
  disconnected(): void {
    if (!this.closedFlag) this.detach();
  }

  private detach(): void {
    this.closedFlag = true;
    this.queue = null;
    const target = this.target;
    this.target = null;
    target?.removeConnection(this);
  }
}
