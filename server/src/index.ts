/** The relay's public entry: configuration, the host, the room core and the storage interface. */
export { loadConfig, ConfigError, type Env, type ServerConfig } from './config';
export { startServer, type RunningServer, type ServerDependencies } from './startServer';
export { RoomManager, type RoomManagerOptions, type RoomStats } from './RoomManager';
export { Room } from './Room';
export { Connection, type ConnectionAccess, type ConnectionLimits, type SocketLike } from './Connection';
export { Telemetry, type RefusalReason } from './Telemetry';
export { createMetrics, type Metrics } from './metrics';
export { issueToken, readToken, verifyToken, type TokenClaim } from './auth';
export { createLogger, type Logger, type LogLevel } from './logger';
export type { Storage, StoredBoard } from './storage/Storage';
export { SqliteStorage } from './storage/SqliteStorage';
