import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { SqliteStorage } from './SqliteStorage';
import { describeStorageContract } from './storageContract';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idb-sqlite-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describeStorageContract('SqliteStorage', () => new SqliteStorage(tempDir()));

it('keeps boards across reopening the same data directory', async () => {
  const dir = path.join(tempDir(), 'nested', 'data');
  const first = new SqliteStorage(dir);
  await first.createBoard('c'.repeat(32), new Uint8Array([1]));
  await first.appendUpdates('c'.repeat(32), [new Uint8Array([2])]);
  await first.saveBallot('c'.repeat(32), 'v1', 'ana', { n1: 2 });
  await first.close();

  const second = new SqliteStorage(dir);
  expect(await second.load('c'.repeat(32))).toEqual({
    state: new Uint8Array([1]),
    updates: [new Uint8Array([2])],
    lastSeq: 1,
    tokenEpoch: 0,
  });
  expect(await second.loadBallot('c'.repeat(32), 'v1', 'ana')).toEqual({ n1: 2 });
  await second.close();
  await expect(second.ping()).rejects.toThrow();
});

it('opens a database made before token revocation, its boards in token generation 0', async () => {
  const dir = tempDir();
  const old = new Database(path.join(dir, SqliteStorage.FILE_NAME));
  old.exec(`
    CREATE TABLE boards (id TEXT PRIMARY KEY, state BLOB NOT NULL, created_at INTEGER NOT NULL,
      last_seq INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE updates (board_id TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
      PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
  `);
  old
    .prepare('INSERT INTO boards (id, state, created_at) VALUES (?, ?, ?)')
    .run('d'.repeat(32), Buffer.from([7]), 0);
  old.close();

  const storage = new SqliteStorage(dir);
  expect(await storage.load('d'.repeat(32))).toEqual({
    state: new Uint8Array([7]),
    updates: [],
    lastSeq: 0,
    tokenEpoch: 0,
  });
  expect(await storage.revokeTokens('d'.repeat(32))).toBe(1);
  await storage.close();
});

it('commits the appends of one turn together, failing only the caller of an unknown board', async () => {
  const storage = new SqliteStorage(tempDir());
  const [a, b, c] = ['a', 'b', 'c'].map((ch) => ch.repeat(32)) as [string, string, string];
  await storage.createBoard(a, new Uint8Array([0]));
  await storage.createBoard(c, new Uint8Array([0]));
  const results = await Promise.allSettled([
    storage.appendUpdates(a, [new Uint8Array([1])]),
    storage.appendUpdates(b, [new Uint8Array([1])]),
    storage.appendUpdates(c, [new Uint8Array([1]), new Uint8Array([2])]),
  ]);
  expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([1, 'rejected', 2]);
  await storage.close();
});

it('fails the whole turn of appends when the database itself fails, committing none of them', async () => {
  const dir = tempDir();
  const storage = new SqliteStorage(dir);
  const [a, b, c] = ['a', 'b', 'c'].map((ch) => ch.repeat(32)) as [string, string, string];
  for (const id of [a, b, c]) await storage.createBoard(id, new Uint8Array([0]));
  // A database that may grow by only a few pages: b's megabyte fills it (SQLITE_FULL), which rolls
  // back the whole transaction, not only b's savepoint.
  const db = (storage as unknown as { db: Database.Database }).db;
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 20}`);
  const results = await Promise.allSettled([
    storage.appendUpdates(a, [new Uint8Array([1])]),
    storage.appendUpdates(b, [new Uint8Array(1 << 20)]),
    storage.appendUpdates(c, [new Uint8Array([1])]),
  ]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  for (const id of [a, b, c]) expect((await storage.load(id))!.updates).toEqual([]);
  await storage.close();
});
