import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { isBoardId, sampleWorkshop, type BoardExport, type CreatedBoard } from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyToken } from './auth';
import { startServer } from './startServer';
import { SqliteStorage } from './storage/SqliteStorage';
import { TestBench } from './testing';

let bench: TestBench;
beforeEach(async () => {
  bench = await new TestBench().start();
});
afterEach(async () => {
  await bench.dispose();
});

const api = (pathname: string, init?: RequestInit) => fetch(`${bench.url}${pathname}`, init);

/** A request with the path sent byte for byte (fetch would normalise `..`). */
function rawGet(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: bench.running.port, path: pathname }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('POST /api/boards', () => {
  it('creates a board and answers its id and both tokens', async () => {
    const res = await api('/api/boards', {
      method: 'POST',
      body: JSON.stringify({ title: 'Fleet tracker' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as CreatedBoard;
    expect(Object.keys(body).sort()).toEqual(['editToken', 'id', 'viewToken']);
    expect(isBoardId(body.id)).toBe(true);
    expect(verifyToken(bench.config.authSecret, body.id, body.editToken)).toBe('edit');
    expect(verifyToken(bench.config.authSecret, body.id, body.viewToken)).toBe('view');
  });

  it('accepts an empty body', async () => {
    expect((await api('/api/boards', { method: 'POST' })).status).toBe(201);
  });

  it('opens the sample workshop as a new board of its own, with its title, notes and links', async () => {
    const res = await api('/api/boards', { method: 'POST', body: JSON.stringify({ sample: true }) });
    expect(res.status).toBe(201);
    const board = (await res.json()) as CreatedBoard;
    const exported = await api(`/api/boards/${board.id}/export.json?token=${board.viewToken}`);
    const json = (await exported.json()) as BoardExport;
    const sample = sampleWorkshop();
    expect(json.title).toBe(sample.title);
    expect(json.notes.map((n) => n.text).sort()).toEqual(sample.notes.map((n) => n.text).sort());
    expect(json.links).toHaveLength(sample.links.length);
    // A second copy is another board: what one new user tries never shows on another's.
    const again = (await (
      await api('/api/boards', { method: 'POST', body: '{"sample":true}' })
    ).json()) as CreatedBoard;
    expect(again.id).not.toBe(board.id);
  });

  it('gives every board its own id', async () => {
    const [a, b] = await Promise.all([bench.createBoard(), bench.createBoard()]);
    expect(a.id).not.toBe(b.id);
  });

  it.each([
    ['bad JSON', '{"title": ', 400],
    ['a non-object body', '[1]', 400],
    ['a non-string title', '{"title": 5}', 400],
    ['a sample that is not a boolean', '{"sample": "yes"}', 400],
    ['a body over 16 KiB', JSON.stringify({ title: 'x'.repeat(17 * 1024) }), 413],
  ])('refuses %s with a JSON error', async (_, body, status) => {
    const res = await api('/api/boards', { method: 'POST', body });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('refuses other methods with 405', async () => {
    const res = await api('/api/boards');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});

describe('GET /api/boards/<id>/tokens', () => {
  let board: CreatedBoard;
  beforeEach(async () => {
    board = await bench.createBoard();
  });

  it('gives both tokens to the holder of the edit token (header or query)', async () => {
    const byHeader = await api(`/api/boards/${board.id}/tokens`, {
      headers: { Authorization: `Bearer ${board.editToken}` },
    });
    expect(byHeader.status).toBe(200);
    expect(await byHeader.json()).toEqual({ editToken: board.editToken, viewToken: board.viewToken });
    const byQuery = await api(`/api/boards/${board.id}/tokens?token=${encodeURIComponent(board.editToken)}`);
    expect(await byQuery.json()).toEqual({ editToken: board.editToken, viewToken: board.viewToken });
  });

  it('refuses a view token and a wrong token with 403, no token with 401', async () => {
    const other = await bench.createBoard();
    for (const token of [board.viewToken, other.editToken, 'garbage']) {
      const res = await api(`/api/boards/${board.id}/tokens`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
    expect((await api(`/api/boards/${board.id}/tokens`)).status).toBe(401);
  });

  it('answers 404 for an unknown board', async () => {
    const res = await api(`/api/boards/${'0'.repeat(32)}/tokens?token=${board.editToken}`);
    expect(res.status).toBe(404);
    expect((await api(`/api/boards/nope/tokens?token=${board.editToken}`)).status).toBe(404);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await api('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
  });
});

describe('GET /healthz', () => {
  it('reports rooms and connections', async () => {
    const board = await bench.createBoard();
    await bench.syncedProvider(board.id, board.editToken);
    const res = await api('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', rooms: 1, connections: 1 });
  });

  it('answers 503 when storage fails', async () => {
    const storage = new SqliteStorage(':memory:');
    storage.ping = () => Promise.reject(new Error('disk gone'));
    const running = await startServer({ ...bench.config, port: 0 }, { storage });
    try {
      const res = await fetch(`${running.url}/healthz`);
      expect(res.status).toBe(503);
    } finally {
      await running.close();
    }
  });
});

describe('the built client', () => {
  it('asks for a build when there is none', async () => {
    const res = await api('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  describe('once built', () => {
    beforeEach(() => {
      fs.mkdirSync(path.join(bench.staticDir, 'assets'));
      fs.writeFileSync(path.join(bench.staticDir, 'index.html'), '<!doctype html><title>board</title>');
      fs.writeFileSync(path.join(bench.staticDir, 'assets', 'app-1a2b.js'), 'console.log(1)');
      fs.writeFileSync(path.join(bench.staticDir, 'assets', 'app-1a2b.css'), 'body{}');
      fs.writeFileSync(path.join(bench.staticDir, 'manifest.webmanifest'), '{}');
    });

    it.each(['/', '/b/0123456789abcdef0123456789abcdef'])(
      'serves the app page at %s, revalidated',
      async (p) => {
        const res = await api(p);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('no-cache');
        expect(await res.text()).toContain('<title>board</title>');
      },
    );

    it('serves hashed assets with a long cache and the right types', async () => {
      const js = await api('/assets/app-1a2b.js');
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(js.headers.get('cache-control')).toContain('immutable');
      expect((await api('/assets/app-1a2b.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
      const manifest = await api('/manifest.webmanifest');
      expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
      expect(manifest.headers.get('cache-control')).toBe('no-cache');
    });

    it('answers 404 for a missing file and 405 for a POST', async () => {
      expect((await api('/assets/missing.js')).status).toBe(404);
      expect((await api('/assets/app-1a2b.js', { method: 'POST' })).status).toBe(405);
    });

    it('never serves a file outside the static directory', async () => {
      // The server's own secret sits in a sibling directory: the prize of a traversal.
      const sibling = path.basename(bench.dataDir);
      for (const p of [
        `/..%2f${sibling}%2fauth-secret`,
        `/%2e%2e/${sibling}/auth-secret`,
        `/assets/..%2f..%2f${sibling}%2fauth-secret`,
        `/../${sibling}/auth-secret`,
      ]) {
        const res = await rawGet(p);
        expect(res.status, p).toBeGreaterThanOrEqual(400);
        expect(res.body).not.toContain(bench.config.authSecret);
      }
    });
  });
});
