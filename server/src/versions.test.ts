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

describe('iteration quotas', () => {
  async function restart(env: Record<string, string>) {
    await bench.dispose();
    bench = await new TestBench(env).start();
    board = await bench.createBoard('Quotas');
  }
  const refusals = async (reason: string) => {
    const text = await (await fetch(`${bench.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`board_refusals_total{reason="${reason}"} `));
    return line ? Number(line.split(' ')[1]) : 0;
  };

  it('answers 429 with Retry-After past MAX_VERSIONS_PER_MINUTE, even for saves sent at once', async () => {
    await restart({ MAX_VERSIONS_PER_MINUTE: '3' });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => save(`Round ${i}`)));
    expect(answers.filter((res) => res.status === 201)).toHaveLength(3);
    const refused = answers.filter((res) => res.status !== 201);
    expect(refused.map((res) => res.status)).toEqual(Array(9).fill(429));
    const retryAfter = Number(refused[0]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused[0]!.json()) as { error: string }).error).toMatch(
      /3 iterations in the last minute/,
    );
    expect(await (await call(boardVersionsPath(board.id), board.viewToken)).json()).toHaveLength(3);
    expect(await refusals('versionsPerMinute')).toBe(9);

    // Another board has its own allowance.
    const other = await bench.createBoard();
    const res = await call(boardVersionsPath(other.id), other.editToken, {
      method: 'POST',
      body: JSON.stringify({ name: 'First' }),
    });
    expect(res.status).toBe(201);
  });

  it('answers 409 past MAX_VERSIONS_PER_BOARD, with a clear message', async () => {
    await restart({ MAX_VERSIONS_PER_BOARD: '2' });
    expect((await save('One')).status).toBe(201);
    expect((await save('Two')).status).toBe(201);
    const full = await save('Three');
    expect(full.status).toBe(409);
    expect(await full.json()).toEqual({
      error: 'this board already keeps 2 iterations, the most a board may keep',
    });
    expect(await (await call(boardVersionsPath(board.id), board.viewToken)).json()).toHaveLength(2);
    expect(await refusals('versionsPerBoard')).toBe(1);
  });
});
