import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AddressLimiter } from './AddressLimiter';
import type { ServerConfig } from './config';
import { createRequestHandler } from './http';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './metrics';
import { endRawResponse, securityHeaders } from './securityHeaders';
import { RoomManager } from './RoomManager';
import { PostgresStorage } from './storage/PostgresStorage';
import { SqliteStorage } from './storage/SqliteStorage';
import type { Storage } from './storage/Storage';
import type { Bus } from './bus/Bus';
import { RedisBus } from './bus/RedisBus';
import { createSyncEndpoint } from './syncEndpoint';

export interface ServerDependencies {
  /** Defaults to SQLite in the data directory. */
  storage?: Storage;
  /** Defaults to Redis when REDIS_URL is set, else none (one node). */
  bus?: Bus | null;
  logger?: Logger;
  /** Add Node's process metrics (CPU, memory, event loop) to /metrics; the entry point turns them on. */
  processMetrics?: boolean;
}

export interface RunningServer {
  server: http.Server;
  manager: RoomManager;
  /** The port actually bound (useful after listening on port 0). */
  port: number;
  /** `http://<host>:<port>` */
  url: string;
  /** Graceful stop: refuse new work, close connections with 4503, store every room, close storage. */
  close(): Promise<void>;
}

/** The host: wires node:http and ws to the room core, then listens. */
export async function startServer(
  config: ServerConfig,
  deps: ServerDependencies = {},
): Promise<RunningServer> {
  const log = deps.logger ?? createLogger(config.logLevel);
  const storage =
    deps.storage ??
    (config.databaseUrl
      ? new PostgresStorage({ connectionString: config.databaseUrl, schema: config.databaseSchema })
      : new SqliteStorage(config.dataDir));
  const bus =
    deps.bus !== undefined
      ? deps.bus
      : config.redisUrl
        ? new RedisBus({ url: config.redisUrl, nodeName: config.nodeName, log })
        : null;
  const manager = new RoomManager(
    storage,
    {
      ...config,
      persistence: { flushDelayMs: config.flushDelayMs, compactAfterRows: config.compactAfterRows },
      bus,
    },
    log,
  );
  let closing: Promise<void> | null = null;
  const security = securityHeaders(config.frameAncestors);

  const server = http.createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Node checks the two timeouts on this interval (30 s by default, which let a connection that
      // never finished its headers live that long whatever headersTimeout said).
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
    },
    createRequestHandler({
      storage,
      manager,
      authSecret: config.authSecret,
      boardCreation: new AddressLimiter(config.maxBoardsPerMinute, 60_000),
      trustProxy: config.trustProxy,
      telemetry: manager.telemetry,
      versionLimits: { perMinute: config.maxVersionsPerMinute, perBoard: config.maxVersionsPerBoard },
      ballotLimits: {
        writes: new AddressLimiter(config.maxBallotWritesPerMinute, 60_000),
        perVote: config.maxBallotsPerVote,
      },
      metrics: createMetrics(manager, manager.telemetry, deps.processMetrics),
      metricsToken: config.metricsToken,
      staticDir: config.staticDir,
      log,
      isClosing: () => closing !== null,
      security,
    }),
  );
  const sync = createSyncEndpoint({
    manager,
    authSecret: config.authSecret,
    maxMessageBytes: config.maxMessageBytes,
    pingIntervalMs: config.pingIntervalMs,
    log,
    security,
    maxConnectionsPerAddress: config.maxConnectionsPerAddress,
    maxRoomsPerAddress: config.maxRoomsPerAddress,
    trustProxy: config.trustProxy,
  });
  server.on('upgrade', sync.handleUpgrade);
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Only the code: the parser's error carries the raw bytes it choked on (rawPacket), which hold
    // whatever token the request carried.
    log.debug({ code: error.code }, 'client error');
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    endRawResponse(socket, status, security.generic);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await storage.close();
    await bus?.close();
    await sync.close(0);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  async function stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await manager.shutdown();
    await bus?.close();
    await sync.close();
    server.closeAllConnections();
    await stopped;
    log.info('server stopped');
  }

  return {
    server,
    manager,
    port,
    url: `http://${host}:${port}`,
    close: () => (closing ??= stop()),
  };
}
