import { addNote } from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBench, waitFor } from './testing';

let bench: TestBench;
beforeEach(async () => {
  bench = await new TestBench().start();
});
afterEach(async () => {
  await bench.dispose();
});

async function scrape(target = bench): Promise<Map<string, number>> {
  const res = await fetch(`${target.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe('GET /metrics', () => {
  it('reports connections, rooms, traffic by type and storage writes', async () => {
    const board = await bench.createBoard();
    const alice = await bench.syncedProvider(board.id, board.editToken);
    await bench.syncedProvider(board.id, board.editToken);
    addNote(alice.doc, { x: 0, y: 0, text: 'counted', author: 'a', department: 'd' }, 'test');
    await waitFor(
      async () => ((await scrape()).get('board_storage_write_seconds_count{operation="append"}') ?? 0) > 0,
    );

    const samples = await scrape();
    expect(samples.get('board_connections')).toBe(2);
    expect(samples.get('board_rooms_loaded')).toBe(1);
    expect(samples.get('board_storage_log_rows')).toBe(1);
    expect(samples.get('board_messages_received_total{type="update"}')).toBe(1);
    expect(samples.get('board_messages_received_total{type="sync_step1"}')).toBe(2);
    // The server's step 1 asks a client for what the board lacks; these two joined with empty
    // documents, which their own step 1 showed, so neither is asked.
    expect(samples.get('board_messages_sent_total{type="sync_step1"}')).toBe(0);
    expect(samples.get('board_messages_sent_total{type="update"}')).toBe(1);
    expect(samples.get('board_received_bytes_total{type="update"}')).toBeGreaterThan(10);
    expect(samples.get('board_sent_bytes_total{type="sync_step2"}')).toBeGreaterThan(1000);
  });

  it('keeps each server’s counts apart', async () => {
    const other = await new TestBench().start();
    try {
      const board = await bench.createBoard();
      await bench.syncedProvider(board.id, board.editToken);
      expect((await scrape()).get('board_connections')).toBe(1);
      expect((await scrape(other)).get('board_connections')).toBe(0);
    } finally {
      await other.dispose();
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  it('wants the token as a bearer token', async () => {
    const guarded = await new TestBench({ METRICS_TOKEN: 'scrape-secret-0123456789' }).start();
    try {
      const without = await fetch(`${guarded.url}/metrics`);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Bearer');
      const wrong = await fetch(`${guarded.url}/metrics`, { headers: { Authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${guarded.url}/metrics`, {
        headers: { Authorization: 'Bearer scrape-secret-0123456789' },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('board_connections');
    } finally {
      await guarded.dispose();
    }
  });
});
