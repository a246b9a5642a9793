import {
  addNote,
  boardMaps,
  boardVersionPath,
  boardVersionsPath,
  type BoardVersion,
  type CreatedBoard,
} from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestBench, waitFor } from './testing';

let bench: TestBench;
let board: CreatedBoard;
beforeEach(async () => {
  bench = await new TestBench().start();
  board = await bench.createBoard('Iterations');
});
afterEach(async () => {
  await bench.dispose();
});

const call = (path: string, token: string | null, init: RequestInit = {}) =>
  fetch(`${bench.url}${path}`, {
    ...init,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
  });

const save = (name: unknown, token = board.editToken) =>
  call(boardVersionsPath(board.id), token, { method: 'POST', body: JSON.stringify({ name }) });

const noteTexts = (doc: Y.Doc) => [...boardMaps(doc).notes.values()].map((n) => String(n.get('text'))).sort();

describe('iterations: /api/boards/<id>/versions', () => {
  it('saves the live board as a named version, lists it, and serves it as a Yjs update', async () => {
    const alice = await bench.syncedProvider(board.id, board.editToken);
    addNote(alice.doc, { x: 0, y: 0, text: 'round one', author: 'a', department: 'd' }, 'test');
    await waitFor(() => bench.running.manager.room(board.id)?.doc.getMap('notes').size === 1, 'the note');

    const res = await save('  Round 1  ');
    expect(res.status).toBe(201);
    const first = (await res.json()) as BoardVersion;
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      name: 'Round 1',
      createdAt: expect.any(Number),
    });

    addNote(alice.doc, { x: 300, y: 0, text: 'round two', author: 'a', department: 'd' }, 'test');
    await waitFor(
      () => bench.running.manager.room(board.id)?.doc.getMap('notes').size === 2,
      'the second note',
    );
    const second = (await (await save('Round 2')).json()) as BoardVersion;

    const list = await call(boardVersionsPath(board.id), board.viewToken);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual([first, second]);

    const bytes = await call(boardVersionPath(board.id, first.id), board.viewToken);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream');
    const then = new Y.Doc();
    Y.applyUpdate(then, new Uint8Array(await bytes.arrayBuffer()));
    expect(noteTexts(then)).toEqual(['round one']);
    // Versions outlive a restart.
    await bench.restart();
    const again = await call(boardVersionPath(board.id, second.id), board.editToken);
    const later = new Y.Doc();
    Y.applyUpdate(later, new Uint8Array(await again.arrayBuffer()));
    expect(noteTexts(later)).toEqual(['round one', 'round two']);
  });

  it('wants an edit token to save, a name, and answers 403, 401, 404 and 400 as the wire says', async () => {
    expect((await save('Viewer', board.viewToken)).status).toBe(403);
    expect((await save('Nobody', null as unknown as string)).status).toBe(401);
    expect((await save('')).status).toBe(400);
    expect((await save(42)).status).toBe(400);
    expect((await save('x'.repeat(101))).status).toBe(400);
    const bad = await call(boardVersionsPath(board.id), board.editToken, { method: 'POST', body: '{oops' });
    expect(bad.status).toBe(400);
    expect((await call(boardVersionsPath(board.id), 'garbage')).status).toBe(403);
    expect((await call(boardVersionsPath('0'.repeat(32)), board.viewToken)).status).toBe(404);
    expect((await call(boardVersionPath(board.id, 'ffffffffffffffff'), board.viewToken)).status).toBe(404);
    expect((await call(`${boardVersionsPath(board.id)}/..%2F..`, board.viewToken)).status).toBe(404);
  });
});
