import {
  addNote,
  boardExportPath,
  linkNotes,
  parseBoardExport,
  readZones,
  setNoteKind,
  type CreatedBoard,
} from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from './auth';
import { TestBench, waitFor } from './testing';

let bench: TestBench;
let board: CreatedBoard;
beforeEach(async () => {
  bench = await new TestBench().start();
  board = await bench.createBoard('Vineyard sensors');
});
afterEach(async () => {
  await bench.dispose();
});

const get = (path: string, init?: RequestInit) => fetch(`${bench.url}${path}`, init);

/** Adds a decision in Devices / Technology and a question linked to it, through a live client. */
async function fillBoard(): Promise<void> {
  const alice = await bench.syncedProvider(board.id, board.editToken);
  const zone = readZones(alice.doc).find((z) => z.layer === 'devices' && z.area === 'technology')!;
  const at = { x: zone.x + 40, y: zone.y + 60, author: 'Alice', department: 'hardware' };
  addNote(alice.doc, { ...at, id: 'probe', text: 'Capacitive probe, 3 depths' }, 'test');
  addNote(alice.doc, { ...at, id: 'power', x: at.x + 250, text: 'Solar, or a lithium cell?' }, 'test');
  setNoteKind(alice.doc, ['probe'], 'decision', 'test');
  setNoteKind(alice.doc, ['power'], 'question', 'test');
  linkNotes(alice.doc, { from: 'power', to: 'probe' }, 'test');
  await waitFor(() => bench.running.manager.room(board.id)?.doc.getMap('links').size === 1, 'the link');
}

describe('GET /api/boards/<id>/export.*', () => {
  it('serves the live board as JSON, Markdown and CSV to a view token', async () => {
    await fillBoard();
    const json = await get(`${boardExportPath(board.id, 'json')}?token=${board.viewToken}`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="board-${board.id}.json"`);
    const parsed = parseBoardExport(await json.json());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.board.title).toBe('Vineyard sensors');
    expect(parsed.board.notes.map((n) => [n.id, n.layer, n.area, n.kind]).sort()).toEqual([
      ['power', 'devices', 'technology', 'question'],
      ['probe', 'devices', 'technology', 'decision'],
    ]);

    const md = await get(boardExportPath(board.id, 'md'), {
      headers: { Authorization: `Bearer ${board.viewToken}` },
    });
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const report = await md.text();
    expect(report).toContain('# Vineyard sensors');
    expect(report).toContain('### Technology (contested)');
    expect(report).toContain('depends on an open question');

    const csv = await get(`${boardExportPath(board.id, 'csv')}?token=${board.editToken}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const rows = (await csv.text()).trimEnd().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).sort()[0]).toMatch(
      /^power,devices,technology,question,"Solar, or a lithium cell\?",Alice/,
    );
  });

  it('serves a board whose room is not loaded, from storage', async () => {
    await fillBoard();
    await bench.restart();
    expect(bench.running.manager.room(board.id)).toBeUndefined();
    const res = await get(`${boardExportPath(board.id, 'csv')}?token=${board.viewToken}`);
    expect(res.status).toBe(200);
    expect((await res.text()).trimEnd().split('\r\n')).toHaveLength(3);
    // Reading it did not load a room.
    expect(bench.running.manager.room(board.id)).toBeUndefined();
  });

  it('refuses a wrong token with 403, none with 401, an unknown board or format with 404', async () => {
    const other = issueToken(bench.config.authSecret, 'f'.repeat(32), 'view');
    expect((await get(`${boardExportPath(board.id, 'json')}?token=${other}`)).status).toBe(403);
    expect((await get(`${boardExportPath(board.id, 'json')}?token=garbage`)).status).toBe(403);
    expect((await get(boardExportPath(board.id, 'md'))).status).toBe(401);
    expect((await get(`${boardExportPath('0'.repeat(32), 'csv')}?token=${board.viewToken}`)).status).toBe(
      404,
    );
    expect((await get(`/api/boards/${board.id}/export.xml?token=${board.viewToken}`)).status).toBe(404);
    expect(
      (await get(`${boardExportPath(board.id, 'json')}?token=${board.viewToken}`, { method: 'POST' })).status,
    ).toBe(405);
  });
});
