/**
 * Test helper: WebSockets between stock y-websocket providers and room cores in this process, whose
 * frames travel only when the test delivers them. Each link keeps its two directions in order (as TCP
 * does); the test chooses which link moves when, so every interleaving of clients and nodes can occur.
 */
import type { Role } from '@shared';
import type { Connection, SocketLike } from './Connection';
import type { OutgoingMessages } from './OutgoingMessages';
import type { RoomManager } from './RoomManager';

/** A close frame in flight. */
interface CloseFrame {
  code: number;
  reason: string;
}

/** The end of a link that a provider holds: what `WebSocketPolyfill` constructs. */
export interface MemoryWebSocket {
  readonly link: Link;
}

/** Who connects: the provider's board, role and node, chosen when its socket is made. */
export interface Dial {
  boardId: string;
  role: Role;
  /** The node (index into the network's managers) this connection goes to. */
  node(): number;
  /** Told of each close the server sent (not of closes the network or the client made). */
  onServerClose?(code: number): void;
}

/** One connection: a provider's socket at one end, a room core's Connection at the other. */
export class Link {
  readonly toServer: (Uint8Array | 'close')[] = [];
  readonly toClient: (Uint8Array | CloseFrame)[] = [];
  server: Connection | null = null;
  /** The server closed its side (a close frame is on its way to the client). */
  serverClosed = false;
  /** The client's side is closed: nothing more reaches it. */
  clientClosed = false;

  constructor(
    readonly node: number,
    readonly socket: FakeWebSocket,
    private readonly dial: Dial,
  ) {}

  /** Frames waiting in either direction. */
  get pending(): number {
    return this.toServer.length + this.toClient.length;
  }

  /** Delivers the next frame to the server; false when there was none. */
  deliverToServer(): boolean {
    const frame = this.toServer.shift();
    if (frame === undefined) return false;
    if (frame === 'close') this.server?.disconnected();
    else this.server?.receive(frame);
    return true;
  }

  /** Delivers the next frame to the client; false when there was none. */
  deliverToClient(): boolean {
    const frame = this.toClient.shift();
    if (frame === undefined) return false;
    if (frame instanceof Uint8Array) {
      this.socket.onmessage?.({ data: frame });
    } else {
      this.dial.onServerClose?.(frame.code);
      this.closeClient(frame);
    }
    return true;
  }

  /** The network fails: both ends learn of it now, and what was in flight is lost. */
  drop(): void {
    this.toServer.length = 0;
    this.toClient.length = 0;
    this.server?.disconnected();
    this.closeClient({ code: 1006, reason: '' });
  }

  /** @internal The server's side, as the room core sees it. */
  socketLike(): SocketLike {
    return {
      send: (messages: OutgoingMessages) => {
        if (this.serverClosed || this.clientClosed) return;
        for (const message of messages.messages) this.toClient.push(message.slice());
      },
      close: (code, reason) => {
        if (this.serverClosed) return;
        this.serverClosed = true;
        if (!this.clientClosed) this.toClient.push({ code, reason });
      },
      bufferedAmount: 0,
    };
  }

  /** @internal */
  closeClient(frame: CloseFrame): void {
    if (this.clientClosed) return;
    this.clientClosed = true;
    this.toClient.length = 0;
    this.socket.readyState = FakeWebSocket.CLOSED;
    this.socket.onclose?.(frame);
  }
}

/** The part of the WebSocket API the y-websocket provider uses. */
class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = FakeWebSocket.CONNECTING;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: Uint8Array }) => void) | null = null;
  onclose: ((event: CloseFrame) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  link!: Link;

  send(data: Uint8Array): void {
    if (this.readyState !== FakeWebSocket.OPEN) return;
    this.link.toServer.push(new Uint8Array(data));
  }

  /** The client closes: its close frame follows what it sent; nothing more reaches it. */
  close(): void {
    if (this.link.clientClosed) return;
    this.link.clientClosed = true;
    this.link.toClient.length = 0;
    this.readyState = FakeWebSocket.CLOSED;
    this.link.toServer.push('close');
  }
}

/** The room cores (one per node) and every link made to them. */
export class MemoryNetwork {
  readonly links: Link[] = [];

  constructor(readonly managers: RoomManager[]) {}

  /**
   * A `WebSocketPolyfill` for one provider. The handshake completes at the end of the turn the socket
   * was made in, when the core gets the connection and the provider its `onopen`.
   */
  webSocketFor(dial: Dial): typeof globalThis.WebSocket {
    const open = (socket: FakeWebSocket) => this.open(socket, dial);
    class DialledWebSocket extends FakeWebSocket {
      constructor() {
        super();
        open(this);
      }
    }
    return DialledWebSocket as unknown as typeof globalThis.WebSocket;
  }

  /** Links with frames in flight. */
  busy(): Link[] {
    return this.links.filter((link) => link.pending > 0);
  }

  private open(socket: FakeWebSocket, dial: Dial): void {
    const node = dial.node();
    const link = new Link(node, socket, dial);
    socket.link = link;
    this.links.push(link);
    setImmediate(() => {
      if (link.clientClosed) return;
      link.server = this.managers[node]!.connect(dial.boardId, dial.role, link.socketLike());
      socket.readyState = FakeWebSocket.OPEN;
      socket.onopen?.();
    });
  }
}
