import { CLOSE, type CloseName, type Role } from '@shared';
import { AnswerBudget } from './AnswerBudget';
import type { AwarenessLimits, AwarenessSpeaker } from './AwarenessGate';
import type { Logger } from './logger';
import { OutgoingMessages } from './OutgoingMessages';
import type { Telemetry } from './Telemetry';
import { TokenBucket } from './TokenBucket';

/** What the core needs of a socket; the host adapts `ws` (or anything else) to it. */
export interface SocketLike {
  /** Sends the messages, in order, one frame each; the host writes them to the network in one go. */
  send(messages: OutgoingMessages): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending but not yet written to the network. */
  readonly bufferedAmount: number;
}

export interface ConnectionLimits {
  maxMessageBytes: number;
  /** Bounds both the unsent data of a slow reader and the messages held while the room loads. */
  maxBufferedBytes: number;
  /** Sustained messages per second a connection may send... */
  maxMessagesPerSecond: number;
  /** ...and how many it may send at once above that rate. */
  maxMessageBurst: number;
  /** The JSON of one awareness state, in bytes (default DEFAULT_INPUT_LIMITS'). */
  maxAwarenessStateBytes?: number;
  /** Awareness client ids one connection may speak for at once. */
  maxAwarenessClientsPerConnection?: number;
  /** Bytes per second of answers (sync step 2, awareness) a connection may ask for; see AnswerBudget. */
  maxAnswerBytesPerSecond?: number;
}

/** The limits on what a connection sends that have defaults of their own. */
export const DEFAULT_INPUT_LIMITS = {
  maxAwarenessStateBytes: 8 * 1024,
  maxAwarenessClientsPerConnection: 4,
  maxAnswerBytesPerSecond: 256 * 1024,
} as const;

/** Who a connection is, as its token says. */
export interface ConnectionAccess {
  role: Role;
  /** The board's token generation the token was issued in; an older one is revoked. */
  tokenEpoch: number;
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
export class Connection implements AwarenessSpeaker {
  readonly id = nextId++;
  /** The awareness client ids this connection speaks for, so they can be removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  /**
   * Set when the client's sync step 1 carried an empty state vector: a new client that has nothing the
   * board could lack, so the server's own step 1 (asking for it) is left out.
   */
  hasNothingToOffer = false;
  /** Set once the client's sync step 1 has been answered. */
  stepOneAnswered = false;
  /**
   * Set while the server's own sync step 1 waits for the client's (see Room.greet): the client is
   * answered first, and asked only if it has something to offer.
   */
  awaitingStepOne = false;
  readonly role: Role;
  readonly tokenEpoch: number;
  readonly awarenessLimits: AwarenessLimits;
  /** What this connection may still ask the room to compute and send (see AnswerBudget). */
  readonly answerBudget: AnswerBudget;
  private target: ConnectionTarget | null = null;
  private queue: Uint8Array[] | null = [];
  private queuedBytes = 0;
  private closedFlag = false;
  private readonly bucket: TokenBucket;

  constructor(
    readonly boardId: string,
    access: ConnectionAccess,
    private readonly socket: SocketLike,
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
    private readonly telemetry: Telemetry,
  ) {
    this.role = access.role;
    this.tokenEpoch = access.tokenEpoch;
    this.bucket = new TokenBucket(limits.maxMessagesPerSecond, limits.maxMessageBurst);
    this.awarenessLimits = {
      maxStateBytes: limits.maxAwarenessStateBytes ?? DEFAULT_INPUT_LIMITS.maxAwarenessStateBytes,
      maxClientsPerConnection:
        limits.maxAwarenessClientsPerConnection ?? DEFAULT_INPUT_LIMITS.maxAwarenessClientsPerConnection,
    };
    this.answerBudget = new AnswerBudget(
      limits.maxAnswerBytesPerSecond ?? DEFAULT_INPUT_LIMITS.maxAnswerBytesPerSecond,
    );
  }

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
      this.refuse('tooLarge');
      return;
    }
    if (!this.bucket.take()) {
      this.refuse('rateLimited');
      return;
    }
    if (!this.queue) {
      this.target?.handleMessage(this, data);
      return;
    }
    this.queuedBytes += data.byteLength;
    // What a client may send while its room loads is bounded like what it may fall behind by.
    if (this.queuedBytes > this.limits.maxBufferedBytes) this.refuse('rateLimited');
    else this.queue.push(data);
  }

  /** Routes messages to the loaded room, first those that arrived while it was loading. */
  attach(target: ConnectionTarget): void {
    if (this.closedFlag) return;
    this.target = target;
    const queued = this.queue ?? [];
    this.queue = null;
    this.queuedBytes = 0;
    for (const data of queued) {
      if (this.closedFlag) return;
      target.handleMessage(this, data);
    }
  }

  /**
   * Sends messages, one frame each. A reader that cannot keep up is disconnected rather than skipped:
   * a skipped update would leave its document silently diverged, while a reconnect resyncs it.
   * False when the connection is (now) closed.
   */
  send(data: Uint8Array | OutgoingMessages): boolean {
    if (this.closedFlag) return false;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.warn({ board: this.boardId, conn: this.id }, 'closing slow connection');
      this.refuse('sendBufferFull');
      return false;
    }
    try {
      this.socket.send(data instanceof OutgoingMessages ? data : OutgoingMessages.of(data));
      return true;
    } catch (err) {
      this.log.warn({ board: this.boardId, conn: this.id, err }, 'send failed');
      this.close('serverError');
      return false;
    }
  }

  /** Closes the connection because of a limit or bad input: counted as a refusal. Idempotent. */
  refuse(name: CloseName): void {
    if (this.closedFlag) return;
    this.telemetry.refused(name);
    this.close(name);
  }

  /** Closes the connection from the server's side. Idempotent. */
  close(name: CloseName): void {
    if (this.closedFlag) return;
    const { code, reason } = CLOSE[name];
    this.log.debug({ board: this.boardId, conn: this.id, code }, 'closing connection');
    this.detach();
    try {
      this.socket.close(code, reason);
    } catch (err) {
      this.log.debug({ conn: this.id, err }, 'socket close failed');
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
    try {
      target?.removeConnection(this);
    } catch (err) {
      // Called from socket events, where a throw would end the process.
      this.log.error({ board: this.boardId, conn: this.id, err }, 'removing a connection failed');
    }
  }
}
