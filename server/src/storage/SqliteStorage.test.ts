import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  await first.close();

  const second = new SqliteStorage(dir);
  expect(await second.load('c'.repeat(32))).toEqual({
    state: new Uint8Array([1]),
    updates: [new Uint8Array([2])],
    lastSeq: 1,
    tokenEpoch: 0,
  });
  await second.close();
  await expect(second.ping()).rejects.toThrow();
});
