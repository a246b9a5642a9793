import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CLOSE,
  isBoardId,
  SYNC_PATH,
  SYNC_PROTOCOL,
  SYNC_TOKEN_PROTOCOL_PREFIX,
  type CloseName,
} from '@shared';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { AddressConnections } from './AddressConnections';
import { readToken } from './auth';
import type { ConnectionAccess, SocketLike } from './Connection';
import { clientAddress } from './httpUtil';
import type { Logger } from './logger';
import type { RoomManager } from './RoomManager';
import { endRawResponse, type SecurityHeaders } from './securityHeaders';

export interface SyncEndpointOptions {
  manager: RoomManager;
  authSecret: string;
  maxMessageBytes: number;
  pingIntervalMs: number;
  log: Logger;
  security: SecurityHeaders;
  /** Connections one client address may hold at once, and boards it may hold open. */
  maxConnectionsPerAddress: number;
  maxRoomsPerAddress: number;
  /** Read client addresses from X-Forwarded-For (see ServerConfig.trustProxy). */
  trustProxy: boolean;
}

export interface SyncEndpoint {
  /** The node:http 'upgrade' listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Waits (briefly) for closing sockets to finish their close handshake, then ends the rest. */
  close(graceMs?: number): Promise<void>;
}

/** ws's codes for its own refusals; 1009 is "message too big", which the board protocol calls 4413. */
const WS_MESSAGE_TOO_BIG = 1009;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * Checks the token's signature and board. Its generation is checked by the room core against the
 * board's, read from storage at most a second before (see RoomManager.join), so that a crowd of joins
 * costs one storage read.
 */
/**
 * The token a sync request carries: in the Sec-WebSocket-Protocol header as `token.<token>` (the
 * project's client; proxies do not log it), else in the `token` query parameter (stock clients).
 */
function syncToken(req: IncomingMessage, url: URL): string | null {
  for (const offered of (req.headers['sec-websocket-protocol'] ?? '').split(',')) {
    const protocol = offered.trim();
    if (protocol.startsWith(SYNC_TOKEN_PROTOCOL_PREFIX))
      return protocol.slice(SYNC_TOKEN_PROTOCOL_PREFIX.length);
  }
  return url.searchParams.get('token');
}

function authenticate(secret: string, boardId: string, token: string | null): ConnectionAccess | CloseName {
  if (!isBoardId(boardId)) return 'badRequest';
  if (!token) return 'unauthorized';
  const claim = readToken(secret, token);
  if (!claim) return 'unauthorized';
  if (claim.boardId !== boardId) return 'forbidden';
  return { role: claim.role, tokenEpoch: claim.epoch };
}

/**
 * Adapts a `ws` socket to what the core expects. Messages are written to the TCP socket as frames the
 * core built once for all its recipients (see OutgoingMessages), in one write per batch, instead of
 * through `ws.send`, which would frame and write each message again for each connection. With
 * per-message compression off, ws writes its own frames (ping, pong, close) straight to the same
 * socket as it makes them, so the two never interleave within a frame.
 */
function socketLike(ws: WebSocket, socket: Duplex): SocketLike {
  return {
    send: (messages) => {
      // After a close frame nothing more may be sent; ws.send would refuse too.
      if (ws.readyState !== ws.OPEN || !socket.writable) return;
      const chunks = messages.framed();
      if (chunks.length === 1) {
        socket.write(chunks[0]!);
        return;
      }
      // One vectored write (writev) for the chunks of a batch with a large message in it.
      socket.cork();
      for (const chunk of chunks) socket.write(chunk);
      socket.uncork();
    },
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}

/**
 * WebSocket sync at `/sync/<boardId>`, the token in the Sec-WebSocket-Protocol header or `?token=`. Refusals are sent as close codes after the
 * handshake, because the stock client only sees a close code on a connection that opened.
 */
export function createSyncEndpoint(options: SyncEndpointOptions): SyncEndpoint {
  const { manager, authSecret, log, security } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
    // Answer the board protocol when offered, never the token's subprotocol (that would echo the token);
    // a client offering only other subprotocols gets none back, as the WebSocket spec wants.
    handleProtocols: (protocols) => (protocols.has(SYNC_PROTOCOL) ? SYNC_PROTOCOL : false),
  });
  // The handshake's answers carry the headers every response does: ws's own refusals of a malformed
  // handshake come here instead of its bare text/html answer, and the 101 gets them too.
  wss.on('wsClientError', (_error, socket: Duplex, req: IncomingMessage) =>
    endRawResponse(socket, 400, security.forRequest(req)),
  );
  wss.on('headers', (headers, req) => {
    for (const [name, value] of Object.entries(security.forRequest(req))) headers.push(`${name}: ${value}`);
  });
  const refuseUpgrade = (req: IncomingMessage, socket: Duplex, status: number) =>
    endRawResponse(socket, status, security.forRequest(req));
  const alive = new WeakMap<WebSocket, boolean>();
  const addresses = new AddressConnections(options.maxConnectionsPerAddress, options.maxRoomsPerAddress);
  let closing = false;

  // A peer that vanished without a FIN would hold its room open forever; a missed pong ends it.
  const keepalive = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        log.debug('terminating unresponsive connection');
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.pingIntervalMs);
  keepalive.unref();

  function accept(ws: WebSocket, socket: Duplex, req: IncomingMessage, url: URL): void {
    ws.on('error', (err) => log.debug({ err }, 'socket error'));
    // ws closes an oversized message itself with 1009, before any listener runs; rewrite the code so
    // the client sees the board protocol's (non-retryable) 4413 instead of retrying forever.
    const close = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) => {
      if (code !== WS_MESSAGE_TOO_BIG) return close(code, reason);
      manager.telemetry.refused('tooLarge');
      return close(CLOSE.tooLarge.code, CLOSE.tooLarge.reason);
    };

    const boardId = decodeURIComponent(url.pathname.slice(SYNC_PATH.length + 1));
    const refuse = (name: CloseName) => {
      const { code, reason } = CLOSE[name];
      log.info({ code, reason }, 'sync connection refused');
      manager.telemetry.refused(name);
      ws.close(code, reason);
    };
    const access = authenticate(authSecret, boardId, syncToken(req, url));
    if (typeof access === 'string') {
      refuse(access);
      return;
    }
    // Behind a reverse proxy without TRUST_PROXY every connection shares the proxy's address, and the
    // limits are then per proxy.
    const place = addresses.join(clientAddress(req, options.trustProxy), boardId);
    if (typeof place === 'string') {
      refuse(place);
      return;
    }
    alive.set(ws, true);
    const connection = manager.connect(boardId, access, socketLike(ws, socket));
    ws.on('message', (data) => {
      alive.set(ws, true);
      connection.receive(toBytes(data));
    });
    ws.on('pong', () => alive.set(ws, true));
    ws.on('close', () => {
      place();
      connection.disconnected();
    });
  }

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', (err) => log.debug({ err }, 'upgrade socket error'));
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
        decodeURIComponent(url.pathname);
      } catch {
        refuseUpgrade(req, socket, 400);
        return;
      }
      if (!url.pathname.startsWith(`${SYNC_PATH}/`)) {
        refuseUpgrade(req, socket, 404);
        return;
      }
      if (closing) {
        refuseUpgrade(req, socket, 503);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, socket, req, url));
    },

    async close(graceMs = 1000) {
      closing = true;
      clearInterval(keepalive);
      const open = [...wss.clients];
      await Promise.race([
        Promise.all(
          open.map((ws) =>
            ws.readyState === ws.CLOSED ? undefined : new Promise((resolve) => ws.once('close', resolve)),
          ),
        ),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
