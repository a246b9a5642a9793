import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './logger';
import { DEFAULT_PERSISTENCE } from './BoardPersistence';
import { DEFAULT_INPUT_LIMITS } from './Connection';
import { DEFAULT_AWARENESS_FRAME_MS } from './Outbox';
import { parseFrameAncestors } from './securityHeaders';

export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute path of the directory holding the SQLite database and the generated secret. */
  dataDir: string;
  authSecret: string;
  /** Absolute path of the built client. */
  staticDir: string;
  /** A WebSocket message over this size closes its connection with 4413. */
  maxMessageBytes: number;
  /** A join beyond this closes with a retryable code. */
  maxConnectionsPerRoom: number;
  /** A connection whose unsent data passes this bound is closed rather than silently skipped. */
  maxBufferedBytes: number;
  /** Sustained messages per second one connection may send; past its burst it closes with 4530. */
  maxMessagesPerSecond: number;
  maxMessageBurst: number;
  /** The JSON of one awareness (presence) state, in bytes; past it the connection closes with 4413. */
  maxAwarenessStateBytes: number;
  /** Awareness client ids one connection may speak for at once; past it the connection closes with 4422. */
  maxAwarenessClientsPerConnection: number;
  /**
   * Bytes per second of answers (sync step 2 to a step 1, awareness to a query) one connection may ask
   * for; beyond it its requests wait and are answered once, together.
   */
  maxAnswerBytesPerSecond: number;
  /** Boards held in memory at most; past it an idle one is unloaded early, else joins close with 4507. */
  maxRooms: number;
  /** Boards one client address may create per minute; past it `POST /api/boards` answers 429. */
  maxBoardsPerMinute: number;
  /** Sync connections one client address may hold at once; past it a join closes with 4531 (retryable). */
  maxConnectionsPerAddress: number;
  /** Boards one client address may hold open at once; a join to one more closes with 4532 (retryable). */
  maxRoomsPerAddress: number;
  /** Iterations one board may save per minute (sliding); past it `POST .../versions` answers 429. */
  maxVersionsPerMinute: number;
  /** Iterations one board may keep in all; past it `POST .../versions` answers 409. */
  maxVersionsPerBoard: number;
  /** Ballot changes and reveals one client address may send per minute; past it they are answered 429. */
  maxBallotWritesPerMinute: number;
  /** People who may hold a ballot in one vote; past it a new voter's dot is answered 409. */
  maxBallotsPerVote: number;
  /** An HTTP request whose headers have not all arrived after this long is answered 408 and closed. */
  headersTimeoutMs: number;
  /** An HTTP request not wholly received (headers and body) after this long is answered 408 and closed. */
  requestTimeoutMs: number;
  /** The CSP `frame-ancestors` sources: who may show the app in a frame; `'none'` by default. */
  frameAncestors: string;
  roomUnloadDelayMs: number;
  /** Updates are written to storage in batches at most this long after they arrive. */
  flushDelayMs: number;
  /** A board's log is folded into its stored state once it holds more batches than this. */
  compactAfterRows: number;
  /** Merge what a room sends in one event-loop turn (true); false relays each message alone, for comparison. */
  batchOutbound: boolean;
  /**
   * Awareness (cursors, presence) leaves a room at most once per this many ms, the latest state of each
   * client; 0 sends it with its event-loop turn, as document updates always are.
   */
  awarenessFrameMs: number;
  /** WebSocket keepalive: a connection that misses one pong within this interval is terminated. */
  pingIntervalMs: number;
  logLevel: LogLevel;
  /** PostgreSQL connection string; when set, boards live there instead of SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** Redis for fan-out between nodes; needs DATABASE_URL (the nodes' shared storage). */
  redisUrl: string | null;
  /** This node's name (its Redis connections carry it); host name and process id by default. */
  nodeName: string;
  /** With Redis: how often each loaded board is read back from storage to catch up on lost messages. */
  busCatchUpMs: number;
  /** The PostgreSQL schema holding the tables (`public` unless DATABASE_SCHEMA says otherwise). */
  databaseSchema: string;
  /** When set, GET /metrics wants `Authorization: Bearer <metricsToken>`; otherwise it is open. */
  metricsToken: string | null;
  /**
   * Behind one reverse proxy: take the client's address from the last X-Forwarded-For entry (the one
   * the proxy added) for the per-address limits, instead of the proxy's own address.
   */
  trustProxy: boolean;
}

export type Env = Record<string, string | undefined>;

const MiB = 1024 * 1024;
const SECRET_FILE = 'auth-secret';
const MIN_SECRET_LENGTH = 16;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// An empty variable (e.g. `PORT=` in a compose file) means "not set", not "zero".
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${raw}`);
  return value;
}

/**
 * The secret signs every board token, so it must survive restarts: when none is given, one is generated
 * on first start and kept beside the data it protects.
 */
function secretFromDataDir(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting at once cannot overwrite each other.
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters`);
  }
  return secret;
}

/** Reads the server's configuration from environment variables; throws a ConfigError on invalid values. */
export function loadConfig(env: Env): ServerConfig {
  const dataDir = path.resolve(read(env, 'DATA_DIR') ?? './data');
  const staticDir = path.resolve(
    read(env, 'STATIC_DIR') ?? fileURLToPath(new URL('../../client/dist', import.meta.url)),
  );
  const logLevel = read(env, 'LOG_LEVEL') ?? 'info';
  if (!isLogLevel(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const port = integer(env, 'PORT', 1234, 0, 65535);
  const maxMessageBytes = integer(env, 'MAX_MESSAGE_BYTES', 10 * MiB, 1024);
  const maxConnectionsPerRoom = integer(env, 'MAX_CONNECTIONS_PER_ROOM', 500, 1);
  const maxBufferedBytes = integer(env, 'MAX_BUFFERED_BYTES', 16 * MiB, 1024);
  const maxMessagesPerSecond = integer(env, 'MAX_MESSAGES_PER_SECOND', 300, 1);
  const maxMessageBurst = integer(env, 'MAX_MESSAGE_BURST', Math.max(1500, maxMessagesPerSecond), 1);
  const maxAwarenessStateBytes = integer(
    env,
    'MAX_AWARENESS_STATE_BYTES',
    DEFAULT_INPUT_LIMITS.maxAwarenessStateBytes,
    1024,
  );
  const maxAwarenessClientsPerConnection = integer(
    env,
    'MAX_AWARENESS_CLIENTS_PER_CONNECTION',
    DEFAULT_INPUT_LIMITS.maxAwarenessClientsPerConnection,
    1,
  );
  const maxAnswerBytesPerSecond = integer(
    env,
    'MAX_ANSWER_BYTES_PER_SECOND',
    DEFAULT_INPUT_LIMITS.maxAnswerBytesPerSecond,
    1024,
  );
  const maxRooms = integer(env, 'MAX_ROOMS', 2000, 1);
  const maxBoardsPerMinute = integer(env, 'MAX_BOARDS_PER_MINUTE', 60, 1);
  // A workshop behind one office NAT shares one address: 100 people, or a few devices each for fewer.
  const maxConnectionsPerAddress = integer(env, 'MAX_CONNECTIONS_PER_ADDRESS', 100, 1);
  const maxRoomsPerAddress = integer(env, 'MAX_ROOMS_PER_ADDRESS', 20, 1);
  const maxVersionsPerMinute = integer(env, 'MAX_VERSIONS_PER_MINUTE', 10, 1);
  const maxVersionsPerBoard = integer(env, 'MAX_VERSIONS_PER_BOARD', 200, 1);
  // Each dot a person places or takes back is one write, and a whole workshop behind one office NAT
  // shares an address (see MAX_CONNECTIONS_PER_ADDRESS): 100 people placing a dozen dots in a vote's
  // first minute stay under it, while one address can make at most 20 storage writes a second.
  const maxBallotWritesPerMinute = integer(env, 'MAX_BALLOT_WRITES_PER_MINUTE', 1200, 1);
  const maxBallotsPerVote = integer(env, 'MAX_BALLOTS_PER_VOTE', 1000, 1);
  const headersTimeoutMs = integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 1, 600_000);
  const requestTimeoutMs = integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1, 3_600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError(
      'REQUEST_TIMEOUT_MS must be at least HEADERS_TIMEOUT_MS (the body follows the headers)',
    );
  }
  const frameAncestorsRaw = read(env, 'FRAME_ANCESTORS') ?? "'none'";
  const frameAncestors = parseFrameAncestors(frameAncestorsRaw);
  if (frameAncestors === null) {
    throw new ConfigError(
      `FRAME_ANCESTORS must be 'none', or 'self' and http(s) origins separated by spaces, got "${frameAncestorsRaw}"`,
    );
  }
  const roomUnloadDelayMs = integer(env, 'ROOM_UNLOAD_DELAY_MS', 30_000, 0);
  // The design promises storage within about 100 ms; a longer window is for tests and experiments.
  const flushDelayMs = integer(env, 'FLUSH_DELAY_MS', DEFAULT_PERSISTENCE.flushDelayMs, 0, 60_000);
  const compactAfterRows = integer(env, 'COMPACT_AFTER_ROWS', 200, 1);
  const batchOutbound = integer(env, 'BATCH_OUTBOUND', 1, 0, 1) === 1;
  // A display frame at 60 Hz by default; past a second a cursor would be of no use.
  const awarenessFrameMs = integer(env, 'AWARENESS_FRAME_MS', DEFAULT_AWARENESS_FRAME_MS, 0, 1000);
  const pingIntervalMs = integer(env, 'PING_INTERVAL_MS', 30_000, 100);
  const trustProxy = integer(env, 'TRUST_PROXY', 0, 0, 1) === 1;
  const metricsToken = read(env, 'METRICS_TOKEN') ?? null;
  if (metricsToken !== null && metricsToken.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`METRICS_TOKEN must be at least ${MIN_SECRET_LENGTH} characters`);
  }

  let authSecret = read(env, 'AUTH_SECRET');
  if (authSecret !== undefined && authSecret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const databaseUrl = read(env, 'DATABASE_URL') ?? null;
  const databaseSchema = read(env, 'DATABASE_SCHEMA') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new ConfigError('DATABASE_SCHEMA must be a lower-case SQL identifier');
  }
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  // Several nodes on one database must sign tokens alike: a secret generated per data directory would
  // make each node refuse the others' links.
  if (databaseUrl !== null && authSecret === undefined) {
    throw new ConfigError('AUTH_SECRET is required with DATABASE_URL (every node must share it)');
  }
  const redisUrl = read(env, 'REDIS_URL') ?? null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  }
  if (redisUrl !== null && databaseUrl === null) {
    throw new ConfigError('REDIS_URL needs DATABASE_URL: several nodes must share their storage');
  }
  const busCatchUpMs = integer(env, 'BUS_CATCH_UP_MS', 10_000, 100);
  const nodeName = read(env, 'NODE_NAME') ?? `${os.hostname()}-${process.pid}`;
  if (!/^[\w.-]{1,64}$/.test(nodeName)) throw new ConfigError('NODE_NAME: letters, digits, ".", "_" or "-"');
  authSecret ??= secretFromDataDir(dataDir);

  return {
    port,
    host: read(env, 'HOST') ?? 'localhost',
    dataDir,
    authSecret,
    staticDir,
    maxMessageBytes,
    maxConnectionsPerRoom,
    maxBufferedBytes,
    maxMessagesPerSecond,
    maxMessageBurst,
    maxAwarenessStateBytes,
    maxAwarenessClientsPerConnection,
    maxAnswerBytesPerSecond,
    maxRooms,
    maxBoardsPerMinute,
    maxConnectionsPerAddress,
    maxRoomsPerAddress,
    maxVersionsPerMinute,
    maxVersionsPerBoard,
    maxBallotWritesPerMinute,
    maxBallotsPerVote,
    headersTimeoutMs,
    requestTimeoutMs,
    frameAncestors,
    roomUnloadDelayMs,
    flushDelayMs,
    compactAfterRows,
    batchOutbound,
    awarenessFrameMs,
    pingIntervalMs,
    logLevel,
    metricsToken,
    trustProxy,
    databaseUrl,
    databaseSchema,
    redisUrl,
    busCatchUpMs,
    nodeName,
  };
}
