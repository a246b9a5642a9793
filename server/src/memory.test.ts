import { addNote } from '@shared';
import v8 from 'node:v8';
import vm from 'node:vm';
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoard } from '@shared';
import { silentLogger } from './logger';
import { encodeUpdate } from './protocol';
import { RoomManager } from './RoomManager';
import { SqliteStorage } from './storage/SqliteStorage';
import { coreOptions, FakeSocket, tempDir, waitFor } from './testing';

/**
 * Opening and closing thousands of rooms leaves the heap where it started: an unloaded room costs
 * nothing. The garbage collector is exposed at run time (no test-runner flag needed) so that the
 * figures are of live objects, not of garbage not yet collected.
 */

// MEMORY_TEST_ROOMS=9000 checks that what remains does not grow with the number of rooms.
const ROOMS = Number(process.env.MEMORY_TEST_ROOMS ?? 3000);
const WAVE = 500;
const MiB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function liveHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it(`returns memory after opening and closing ${ROOMS} rooms`, { timeout: 120_000 }, async () => {
  const storage = new SqliteStorage(dir);
  const template = new Y.Doc();
  createBoard(template, { title: 'Memory' }, 'test');
  const state = Y.encodeStateAsUpdate(template);
  const ids = Array.from({ length: ROOMS }, (_, i) => i.toString(16).padStart(32, '0'));
  for (const id of ids) await storage.createBoard(id, state);
  // One edit, valid on every board (they share the template), so each room also flushes and compacts.
  let update: Uint8Array | null = null;
  template.once('update', (u: Uint8Array) => (update = u));
  addNote(template, { x: 0, y: 0, text: 'hello', author: 'a', department: 'd' }, 'test');
  const edit = encodeUpdate(update!);

  const manager = new RoomManager(storage, coreOptions({ roomUnloadDelayMs: 0 }), silentLogger);
  const cycle = async (boards: string[]) => {
    const sockets = boards.map(() => new FakeSocket());
    const connections = boards.map((id, i) => manager.connect(id, 'edit', sockets[i]!));
    await waitFor(() => manager.stats().connections === boards.length, 'joins', 30_000);
    for (const connection of connections) connection.receive(edit);
    const loaded = await liveHeap();
    for (const connection of connections) connection.disconnected();
    await waitFor(() => manager.stats().rooms === 0, 'unloads', 30_000);
    return loaded;
  };

  await cycle(ids.slice(0, 100)); // warm-up: code paths compiled, caches filled
  const before = await liveHeap();
  let peak = 0;
  for (let start = 0; start < ROOMS; start += WAVE) {
    peak = Math.max(peak, await cycle(ids.slice(start, start + WAVE)));
  }
  const after = await liveHeap();
  await manager.shutdown();

  const figures = { beforeMiB: before / MiB, peakMiB: peak / MiB, afterMiB: after / MiB };
  // Loaded rooms do cost memory (so the measure can see them)...
  expect(peak - before, JSON.stringify(figures)).toBeGreaterThan(10 * MiB);
  // ...and all of it comes back, give or take a few MiB of JIT code and allocator slack.
  expect(after - before, JSON.stringify(figures)).toBeLessThan(4 * MiB);
  // Visible with --reporter=verbose or on failure.
  console.info(`memory: ${JSON.stringify(figures)}`);
});
