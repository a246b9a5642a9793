import {
  addNote,
  boardExportPath,
  boardMaps,
  boardVersionPath,
  createBoard,
  MAX_VALUE_DEPTH,
  parseBoardExport,
  readNotes,
  updateValueDepth,
} from '@shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { issueToken } from './auth';
import { SqliteStorage } from './storage/SqliteStorage';
import { tempDir, TestBench, waitFor } from './testing';

/**
 * Boards stored before the relay refused deep values (4422) may hold one: an edit link could set
 * `meta.zzz` to arrays nested 6,000 deep, which Yjs encodes but cannot decode (lib0's readAny recurses
 * once per level and overflows Node's stack from about 4,700). Such a board must still load, sync and
 * take edits; the deep value reads as null and everything else is intact.
 */

const BOARD = 'd'.repeat(32);
const DEPTH = 6000;
const NOTES = 20;

/** Arrays inside arrays, `depth` levels in all. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

/** A board with notes, a deep value in meta and one in a note, as the update each part makes. */
function legacyBoard() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Legacy' }, 'test');
  for (let i = 0; i < NOTES; i++) {
    addNote(
      doc,
      { id: `n${i}`, x: i * 200, y: 0, text: `note ${i}`, author: 'Ana', department: 'd' },
      'test',
    );
  }
  const plain = Y.encodeStateAsUpdate(doc);
  const before = Y.encodeStateVector(doc);
  boardMaps(doc).meta.set('zzz', nested(DEPTH));
  const metaDeep = Y.encodeStateAsUpdate(doc, before);
  const beforeNote = Y.encodeStateVector(doc);
  (boardMaps(doc).notes.get('n3') as Y.Map<unknown>).set('zzz', nested(DEPTH));
  const noteDeep = Y.encodeStateAsUpdate(doc, beforeNote);
  return { plain, whole: Y.encodeStateAsUpdate(doc), metaDeep, noteDeep };
}

const storages: SqliteStorage[] = [];
const benches: TestBench[] = [];
afterEach(async () => {
  for (const bench of benches.splice(0)) await bench.dispose();
  storages.splice(0);
});

/** A server over a SQLite storage the test writes `layout`'s board into before the server starts. */
async function serverWith(layout: 'state' | 'log') {
  const storage = new SqliteStorage(tempDir());
  storages.push(storage);
  const board = legacyBoard();
  if (layout === 'state') {
    await storage.createBoard(BOARD, board.whole);
  } else {
    // The notes compacted, the deep values still in the log.
    await storage.createBoard(BOARD, board.plain);
    await storage.appendUpdates(BOARD, [board.metaDeep, board.noteDeep]);
  }
  expect(updateValueDepth(board.whole)).toBe(DEPTH);
  const bench = await new TestBench({}, () => ({ storage })).start();
  benches.push(bench);
  return { bench, storage, edit: issueToken(bench.config.authSecret, BOARD, 'edit') };
}

describe('a board stored with a value nested thousands deep', () => {
  it.each(['state', 'log'] as const)(
    'loads, syncs and takes edits (deep values in the %s)',
    async (layout) => {
      const { bench, storage, edit } = await serverWith(layout);

      // Exported from storage, without a room.
      const exported = await fetch(`${bench.url}${boardExportPath(BOARD, 'json')}?token=${edit}`);
      expect(exported.status).toBe(200);
      const parsed = parseBoardExport(await exported.json());
      expect(parsed.ok && parsed.board.notes.length).toBe(NOTES);

      const alice = await bench.syncedProvider(BOARD, edit);
      const bob = await bench.syncedProvider(BOARD, edit);
      for (const doc of [alice.doc, bob.doc]) {
        expect(boardMaps(doc).meta.get('zzz')).toBeNull();
        expect(boardMaps(doc).meta.get('title')).toBe('Legacy');
        expect((boardMaps(doc).notes.get('n3') as Y.Map<unknown>).get('zzz')).toBeNull();
        expect(
          readNotes(doc)
            .map((n) => n.text)
            .sort(),
        ).toEqual(Array.from({ length: NOTES }, (_, i) => `note ${i}`).sort());
      }

      addNote(
        alice.doc,
        { id: 'fresh', x: 0, y: 500, text: 'after the repair', author: 'Ana', department: 'd' },
        'a',
      );
      await waitFor(() => readNotes(bob.doc).some((n) => n.id === 'fresh'), 'the new note at Bob');
      expect(alice.wsconnected && bob.wsconnected).toBe(true);

      // The repaired board is what storage holds now: the repair is done once, not at every load.
      await waitFor(async () => {
        const stored = await storage.load(BOARD);
        return (
          stored && [stored.state, ...stored.updates].every((u) => updateValueDepth(u) <= MAX_VALUE_DEPTH)
        );
      }, 'the repaired board in storage');
    },
  );

  it('serves an iteration saved with such a value readable, the value as null', async () => {
    const { bench, storage, edit } = await serverWith('state');
    const { whole } = legacyBoard();
    await storage.saveVersion(BOARD, { id: 'before', name: 'Before the fix', createdAt: 1 }, whole);
    const response = await fetch(`${bench.url}${boardVersionPath(BOARD, 'before')}?token=${edit}`);
    expect(response.status).toBe(200);
    const version = new Uint8Array(await response.arrayBuffer());
    expect(updateValueDepth(version)).toBeLessThanOrEqual(MAX_VALUE_DEPTH);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, version);
    expect(boardMaps(doc).meta.get('zzz')).toBeNull();
    expect(readNotes(doc)).toHaveLength(NOTES);
  });
});
