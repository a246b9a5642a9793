import { addNote, boardMaps, SYNC_PATH, type CreatedBoard } from '@shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CuttableProxy, ServerProcess } from './processTesting';
import { waitFor } from './testing';

/**
 * Durability of the real server process: what it stored survives SIGKILL, what it held survives a
 * graceful stop, and clients re-send what a crash lost.
 */

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(env: Record<string, string> = {}): Promise<ServerProcess> {
  const process = new ServerProcess({ env });
  cleanup.push(() => process.dispose());
  await process.start();
  return process;
}

function provider(port: number, board: CreatedBoard): WebsocketProvider {
  const p = new WebsocketProvider(`ws://127.0.0.1:${port}${SYNC_PATH}`, board.id, new Y.Doc(), {
    params: { token: board.editToken },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  cleanup.push(() => p.destroy());
  return p;
}

const noteIds = (doc: Y.Doc) => new Set(boardMaps(doc).notes.keys());

describe('the server process', () => {
  it('keeps every update sent 200 ms before a SIGKILL, and gets the rest back from the clients', async () => {
    const relay = await server();
    const board = await relay.createBoard();
    const proxy = await new CuttableProxy(relay.port).listen();
    cleanup.push(() => proxy.close());

    const writers = Array.from({ length: 4 }, () => provider(proxy.port, board));
    await waitFor(() => writers.every((w) => w.synced), 'writers to sync');
    // What each writer sent: a note id and when, only while connected (offline notes are not sent).
    const sent: { id: string; at: number }[] = [];
    const written: string[] = [];
    let sequence = 0;
    const timers = writers.map((writer, w) =>
      setInterval(() => {
        const id = addNote(
          writer.doc,
          { x: sequence % 1000, y: w * 100, text: `w${w} #${sequence++}`, author: `w${w}`, department: 'd' },
          'test',
        );
        written.push(id);
        if (writer.wsconnected) sent.push({ id, at: performance.now() });
      }, 5),
    );
    cleanup.push(() => timers.forEach(clearInterval));

    // Enough writes old enough to be durable by the rule (sent more than 200 ms before the kill), however
    // slowly a busy machine runs the writers' timers.
    await waitFor(
      () => sent.filter(({ at }) => at < performance.now() - 250).length > 60,
      'writers to write',
      20_000,
    );
    const killedAt = performance.now();
    // The clients lose the server and cannot reach the restarted one until the check below is done.
    proxy.cut();
    expect(await relay.stop('SIGKILL')).toBeNull();
    // Some notes are written offline too; they must arrive once the writers are back.
    const offline = written.length + 20;
    await waitFor(() => written.length >= offline, 'offline writes');
    timers.forEach(clearInterval);
    await relay.start();

    const fresh = provider(relay.port, board);
    await waitFor(() => fresh.synced, 'a new client to sync');
    const stored = noteIds(fresh.doc);
    const durable = sent.filter(({ at }) => at < killedAt - 200);
    expect(durable.length).toBeGreaterThan(50);
    expect(durable.filter(({ id }) => !stored.has(id))).toEqual([]);

    // The old clients reconnect on their own and re-send what the server lacks.
    proxy.heal();
    await waitFor(() => writers.every((w) => w.synced), 'writers to resync', 10_000);
    const total = written.length;
    await waitFor(() => noteIds(fresh.doc).size === total, 'the board to hold every note', 10_000);
    expect(written.filter((id) => !noteIds(fresh.doc).has(id))).toEqual([]);
  });

  it('stores everything it applied before a SIGTERM ends it', async () => {
    // With a long batching window, only the shutdown's own flush can have written the notes.
    const relay = await server({ FLUSH_DELAY_MS: '60000' });
    const board = await relay.createBoard();
    const writer = provider(relay.port, board);
    const watcher = provider(relay.port, board);
    await waitFor(() => writer.synced && watcher.synced, 'clients to sync');
    const ids = Array.from({ length: 50 }, (_, i) =>
      addNote(writer.doc, { x: i, y: 0, text: `n${i}`, author: 'a', department: 'd' }, 'test'),
    );
    // Once the watcher has them all, the server has applied them all.
    await waitFor(() => ids.every((id) => noteIds(watcher.doc).has(id)), 'watcher to receive');
    writer.destroy();
    watcher.destroy();

    expect(await relay.stop('SIGTERM')).toBe(0);
    await relay.start();
    const fresh = provider(relay.port, board);
    await waitFor(() => fresh.synced, 'a new client to sync');
    expect(ids.filter((id) => !noteIds(fresh.doc).has(id))).toEqual([]);
  });
});
