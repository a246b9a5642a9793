import { randomBytes } from 'node:crypto';
import { addNote, boardMaps } from '@shared';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresTestSchemas, TestBench, waitFor } from './testing';

/** Two relay nodes on one PostgreSQL (DATABASE_URL; `.ci/run` sets it). Skipped without it. */
const url = process.env.DATABASE_URL;
const schemas = postgresTestSchemas(url);
const schema = schemas.next();

afterAll(() => schemas.dropAll());

describe.skipIf(!url)('relay nodes on PostgreSQL (needs DATABASE_URL; skipped without it)', () => {
  it('stores a board on one node that another node then opens and edits', async () => {
    const env = { DATABASE_URL: url!, DATABASE_SCHEMA: schema, AUTH_SECRET: randomBytes(24).toString('hex') };
    const first = await new TestBench(env).start();
    const second = await new TestBench(env).start();
    try {
      const board = await first.createBoard('Shared board');
      const alice = await first.syncedProvider(board.id, board.editToken);
      addNote(
        alice.doc,
        { id: 'n1', x: 0, y: 0, text: 'written on node 1', author: 'a', department: 'd' },
        't',
      );
      await waitFor(() => first.running.manager.room(board.id)?.doc.getMap('notes').size === 1, 'the note');
      await first.running.close(); // stores everything before it ends

      // Node 2 never held the board: it loads it from PostgreSQL, and a token of node 1 works there.
      const bob = await second.syncedProvider(board.id, board.editToken);
      expect(String(boardMaps(bob.doc).notes.get('n1')?.get('text'))).toBe('written on node 1');
      addNote(
        bob.doc,
        { id: 'n2', x: 300, y: 0, text: 'written on node 2', author: 'b', department: 'd' },
        't',
      );
      await waitFor(() => second.running.manager.room(board.id)?.doc.getMap('notes').size === 2, 'the edit');
      const res = await fetch(`${second.url}/api/boards/${board.id}/export.csv?token=${board.viewToken}`);
      expect((await res.text()).trimEnd().split('\r\n')).toHaveLength(3);
    } finally {
      await second.dispose();
      await first.dispose().catch(() => {});
    }
  });
});
