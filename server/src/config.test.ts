import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { tempDir } from './testing';

const dirs: string[] = [];
function dataDir(): string {
  const dir = path.join(tempDir(), 'data');
  dirs.push(path.dirname(dir));
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('has safe defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({
      port: 1234,
      host: 'localhost',
      maxMessageBytes: 10 * 1024 * 1024,
      maxConnectionsPerRoom: 500,
      maxBufferedBytes: 16 * 1024 * 1024,
      roomUnloadDelayMs: 30_000,
      maxMessagesPerSecond: 300,
      maxMessageBurst: 1500,
      maxRooms: 2000,
      maxBoardsPerMinute: 60,
      flushDelayMs: 90,
      compactAfterRows: 200,
      batchOutbound: true,
      awarenessFrameMs: 16,
      logLevel: 'info',
      maxConnectionsPerAddress: 100,
      maxRoomsPerAddress: 20,
      maxVersionsPerMinute: 10,
      maxVersionsPerBoard: 200,
      maxBallotWritesPerMinute: 1200,
      maxBallotsPerVote: 1000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      frameAncestors: "'none'",
    });
    expect(config.staticDir).toBe(path.resolve(import.meta.dirname, '../../client/dist'));
  });

  it('resolves DATA_DIR to an absolute path, ./data by default', () => {
    expect(loadConfig({ AUTH_SECRET: 's'.repeat(32) }).dataDir).toBe(path.resolve('data'));
  });

  it('reads the environment', () => {
    const dir = dataDir();
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: dir,
      AUTH_SECRET: 'a-secret-from-the-environment',
      STATIC_DIR: '/srv/board',
      MAX_MESSAGE_BYTES: '2048',
      MAX_CONNECTIONS_PER_ROOM: '3',
      ROOM_UNLOAD_DELAY_MS: '0',
      MAX_MESSAGES_PER_SECOND: '20',
      MAX_MESSAGE_BURST: '40',
      MAX_ROOMS: '7',
      MAX_BOARDS_PER_MINUTE: '2',
      FLUSH_DELAY_MS: '10',
      COMPACT_AFTER_ROWS: '3',
      BATCH_OUTBOUND: '0',
      AWARENESS_FRAME_MS: '0',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      maxMessagesPerSecond: 20,
      maxMessageBurst: 40,
      maxRooms: 7,
      maxBoardsPerMinute: 2,
      flushDelayMs: 10,
      compactAfterRows: 3,
      batchOutbound: false,
      awarenessFrameMs: 0,
      port: 8080,
      host: '0.0.0.0',
      dataDir: dir,
      authSecret: 'a-secret-from-the-environment',
      staticDir: '/srv/board',
      maxMessageBytes: 2048,
      maxConnectionsPerRoom: 3,
      roomUnloadDelayMs: 0,
      logLevel: 'warn',
    });
    // A given secret is used as is, never written to disk.
    expect(fs.existsSync(path.join(dir, 'auth-secret'))).toBe(false);
  });

  it('generates a secret once, keeps it private in DATA_DIR and reuses it', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).authSecret;
    const file = path.join(dir, 'auth-secret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(file, 'utf8')).toBe(first);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).authSecret).toBe(first);
    expect(loadConfig({ DATA_DIR: dataDir() }).authSecret).not.toBe(first);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '12.5'],
    ['MAX_MESSAGE_BYTES', '10MB'],
    ['MAX_CONNECTIONS_PER_ROOM', '0'],
    ['ROOM_UNLOAD_DELAY_MS', 'soon'],
    ['MAX_MESSAGES_PER_SECOND', '0'],
    ['MAX_MESSAGE_BURST', '1.5'],
    ['MAX_ROOMS', '0'],
    ['MAX_BOARDS_PER_MINUTE', 'lots'],
    ['FLUSH_DELAY_MS', '100000'],
    ['COMPACT_AFTER_ROWS', '0'],
    ['BATCH_OUTBOUND', 'yes'],
    ['AWARENESS_FRAME_MS', '16.7'],
    ['AWARENESS_FRAME_MS', '5000'],
    ['LOG_LEVEL', 'verbose'],
    ['AUTH_SECRET', 'short'],
    ['MAX_CONNECTIONS_PER_ADDRESS', '0'],
    ['MAX_ROOMS_PER_ADDRESS', 'many'],
    ['MAX_VERSIONS_PER_MINUTE', '0'],
    ['MAX_VERSIONS_PER_BOARD', '-5'],
    ['MAX_BALLOT_WRITES_PER_MINUTE', '0'],
    ['MAX_BALLOTS_PER_VOTE', 'many'],
    ['HEADERS_TIMEOUT_MS', '0'],
    ['REQUEST_TIMEOUT_MS', '5000'],
    ['FRAME_ANCESTORS', 'none'],
    ['FRAME_ANCESTORS', "'none' https://a.example"],
    ['FRAME_ANCESTORS', 'https://a.example; script-src *'],
    ['FRAME_ANCESTORS', 'javascript:alert(1)'],
  ])('refuses %s=%s with a clear error', (name, value) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(name);
  });

  it('takes FRAME_ANCESTORS as a list of origins for the CSP', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      FRAME_ANCESTORS: "  'self'   https://wiki.example.com https://*.intranet.example:8443 ",
    });
    expect(config.frameAncestors).toBe("'self' https://wiki.example.com https://*.intranet.example:8443");
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), PORT: '' }).port).toBe(1234);
  });

  it('takes PostgreSQL from DATABASE_URL, which then wants a shared AUTH_SECRET', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/test';
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/AUTH_SECRET is required/);
    const config = loadConfig({
      DATABASE_URL: url,
      AUTH_SECRET: 'x'.repeat(32),
      DATABASE_SCHEMA: 'boards_eu',
    });
    expect([config.databaseUrl, config.databaseSchema]).toEqual([url, 'boards_eu']);
    expect(loadConfig({ AUTH_SECRET: 'x'.repeat(32) }).databaseUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', AUTH_SECRET: 'x'.repeat(32) })).toThrow(/postgres/);
    expect(() =>
      loadConfig({ DATABASE_URL: url, AUTH_SECRET: 'x'.repeat(32), DATABASE_SCHEMA: 'Robert"; DROP' }),
    ).toThrow(/DATABASE_SCHEMA/);
  });

  it('takes Redis from REDIS_URL, only beside DATABASE_URL', () => {
    const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', AUTH_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', AUTH_SECRET: 'x'.repeat(32) })).toThrow(
      /needs DATABASE_URL/,
    );
    expect(() => loadConfig({ ...base, REDIS_URL: 'http://x' })).toThrow(/redis:\/\//);
    const config = loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379', BUS_CATCH_UP_MS: '500' });
    expect([config.redisUrl, config.busCatchUpMs]).toEqual(['redis://127.0.0.1:6379', 500]);
    expect(loadConfig(base).redisUrl).toBeNull();
  });

  it('reads the limits on what one connection may send and ask for, with safe defaults', () => {
    expect(loadConfig({ DATA_DIR: dataDir() })).toMatchObject({
      maxAwarenessStateBytes: 8192,
      maxAwarenessClientsPerConnection: 4,
      maxAnswerBytesPerSecond: 256 * 1024,
    });
    const config = loadConfig({
      DATA_DIR: dataDir(),
      MAX_AWARENESS_STATE_BYTES: '4096',
      MAX_AWARENESS_CLIENTS_PER_CONNECTION: '2',
      MAX_ANSWER_BYTES_PER_SECOND: '65536',
    });
    expect(config).toMatchObject({
      maxAwarenessStateBytes: 4096,
      maxAwarenessClientsPerConnection: 2,
      maxAnswerBytesPerSecond: 65536,
    });
    for (const [name, value] of [
      ['MAX_AWARENESS_STATE_BYTES', '100'],
      ['MAX_AWARENESS_CLIENTS_PER_CONNECTION', '0'],
      ['MAX_ANSWER_BYTES_PER_SECOND', '1MB'],
    ] as const) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(name);
    }
  });
});
