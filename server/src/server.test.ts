import { addNote, boardMaps, CLOSE, editNoteText, SYNC_PROTOCOL, syncProtocols } from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SqliteStorage } from './storage/SqliteStorage';
import { TestBench, waitFor } from './testing';

let bench: TestBench;
beforeEach(async () => {
  bench = await new TestBench().start();
});
afterEach(async () => {
  await bench.dispose();
});

const note = (doc: Y.Doc, text: string) =>
  addNote(doc, { x: 100, y: 100, text, author: 'Ada', department: 'firmware' }, 'test');
const noteText = (doc: Y.Doc, id: string) => boardMaps(doc).notes.get(id)?.get('text')?.toString();
const noteTexts = (doc: Y.Doc) =>
  [...boardMaps(doc).notes.values()].map((map) => String(map.get('text'))).sort();

/** Resolves once `watcher` sees `provider`'s awareness state carry `marker`. */
function awarenessSeen(watcher: WebsocketProvider, provider: WebsocketProvider, marker: string) {
  return waitFor(
    () => watcher.awareness.getStates().get(provider.doc.clientID)?.marker === marker,
    `awareness marker ${marker}`,
  );
}

describe('sync through the stock y-websocket provider', () => {
  it('gives every participant the board template and carries a note edit across', async () => {
    const board = await bench.createBoard('Smart meter');
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const bob = await bench.syncedProvider(board.id, board.editToken);
    for (const { doc } of [alice, bob]) {
      expect(boardMaps(doc).meta.get('schema')).toBe(1);
      expect(boardMaps(doc).meta.get('title')).toBe('Smart meter');
      expect(boardMaps(doc).zones.size).toBe(35);
    }

    const id = note(alice.doc, 'LoRaWAN or NB-IoT?');
    await waitFor(() => noteText(bob.doc, id) === 'LoRaWAN or NB-IoT?', 'note to reach bob');
    editNoteText(bob.doc, id, 'NB-IoT: battery lasts 10 years?', 'test');
    await waitFor(() => noteText(alice.doc, id) === 'NB-IoT: battery lasts 10 years?', 'edit to reach alice');
  });

  it('shows presence to others and removes it when a participant drops off', async () => {
    const board = await bench.createBoard();
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const bob = await bench.syncedProvider(board.id, board.editToken);
    alice.awareness.setLocalStateField('marker', 'alice-cursor');
    await awarenessSeen(bob, alice, 'alice-cursor');
    // The sender hears its own state back, which keeps the stock client's 30 s watchdog quiet.
    expect(bench.running.manager.room(board.id)?.awareness.getStates().has(alice.doc.clientID)).toBe(true);

    // Drop the socket without the goodbye message the provider sends on a clean disconnect.
    alice.shouldConnect = false;
    (alice.ws as unknown as { terminate(): void }).terminate();
    await waitFor(() => !bob.awareness.getStates().has(alice.doc.clientID), 'ghost cursor to disappear');
  });

  it('drops document changes from a view token but still sends it every edit', async () => {
    const board = await bench.createBoard();
    const editor = await bench.syncedProvider(board.id, board.editToken);
    const viewer = await bench.syncedProvider(board.id, board.viewToken);

    note(viewer.doc, 'written by a viewer');
    // Frames of one connection are handled in order, so once the viewer's later awareness reaches
    // the editor, its earlier document change has been handled (and must have been dropped).
    // (A view link's presence carries only what a viewer needs: a cursor, not a `marker`.)
    viewer.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await waitFor(
      () => editor.awareness.getStates().get(viewer.doc.clientID)?.cursor?.x === 1,
      'the viewer’s cursor after its change',
    );
    expect(noteTexts(editor.doc)).toEqual([]);

    const id = note(editor.doc, 'written by an editor');
    await waitFor(() => noteText(viewer.doc, id) === 'written by an editor', 'edit to reach the viewer');

    const fresh = await bench.syncedProvider(board.id, board.editToken);
    expect(noteTexts(fresh.doc)).toEqual(['written by an editor']);
    await bench.restart();
    const afterRestart = await bench.syncedProvider(board.id, board.editToken);
    expect(noteTexts(afterRestart.doc)).toEqual(['written by an editor']);
  });

  it('keeps the board across a restart on the same data directory', async () => {
    const board = await bench.createBoard('Persisted');
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const id = note(alice.doc, 'survives restarts');
    await waitFor(() => bench.running.manager.room(board.id)?.doc.getMap('notes').has(id), 'server to apply');
    alice.destroy();

    await bench.restart();
    const bob = await bench.syncedProvider(board.id, board.editToken);
    expect(noteText(bob.doc, id)).toBe('survives restarts');
    expect(boardMaps(bob.doc).meta.get('title')).toBe('Persisted');
  });

  it('writes an edit to storage shortly after it arrives, without waiting for a shutdown', async () => {
    const board = await bench.createBoard();
    const alice = await bench.syncedProvider(board.id, board.editToken);
    // A second SQLite connection reads what the server committed (WAL allows it beside the writer).
    const peek = new SqliteStorage(bench.dataDir);
    try {
      note(alice.doc, 'durable');
      await waitFor(async () => (await peek.logLength(board.id)) > 0, 'update to be stored', 2000);
    } finally {
      await peek.close();
    }
  });

  it('unloads an idle room and loads it again with everything in it', async () => {
    await bench.dispose();
    bench = await new TestBench({ ROOM_UNLOAD_DELAY_MS: '0' }).start();
    const board = await bench.createBoard();
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const id = note(alice.doc, 'still here');
    await waitFor(() => bench.running.manager.room(board.id)?.doc.getMap('notes').has(id), 'server to apply');
    alice.destroy();
    await waitFor(() => bench.running.manager.stats().rooms === 0, 'room to unload');

    const bob = await bench.syncedProvider(board.id, board.editToken);
    expect(noteText(bob.doc, id)).toBe('still here');
  });

  it('brings a reconnecting client up to date with what it missed', async () => {
    const board = await bench.createBoard();
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const bob = await bench.syncedProvider(board.id, board.editToken);
    bob.disconnect();
    const id = note(alice.doc, 'while bob was away');
    const bobsOwn = note(bob.doc, 'bob offline');
    await waitFor(() => bench.running.manager.room(board.id)?.doc.getMap('notes').has(id), 'server to apply');
    bob.connect();
    await waitFor(() => noteText(bob.doc, id) === 'while bob was away', 'bob to catch up');
    await waitFor(() => noteText(alice.doc, bobsOwn) === 'bob offline', 'alice to get bob’s offline note');
  });
});

describe('the token in the Sec-WebSocket-Protocol header', () => {
  it('syncs the stock provider that offers it as a subprotocol, with no token in the URL', async () => {
    const board = await bench.createBoard();
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const doc = new Y.Doc();
    const bob = new WebsocketProvider(bench.syncUrl, board.id, doc, {
      protocols: syncProtocols(board.editToken),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    try {
      expect(bob.url).not.toContain(board.editToken);
      await waitFor(() => bob.synced, 'the header client to sync');
      // The server picked the board protocol, never the one carrying the token.
      expect(bob.ws?.protocol).toBe(SYNC_PROTOCOL);
      const id = note(doc, 'sent by bob');
      await waitFor(() => noteText(alice.doc, id) === 'sent by bob', 'bob’s note to reach alice');
    } finally {
      bob.destroy();
    }
  });

  it('never echoes the token in the handshake answer, and refuses a forged one with 4401', async () => {
    const board = await bench.createBoard();
    const client = bench.raw(board.id, undefined, { protocols: syncProtocols(board.editToken) });
    const answer = await new Promise<string>((resolve) =>
      client.ws.once('upgrade', (res) => resolve(JSON.stringify(res.headers))),
    );
    await client.opened;
    expect(answer).not.toContain(board.editToken);
    expect(client.ws.protocol).toBe(SYNC_PROTOCOL);

    const forged = bench.raw(board.id, undefined, { protocols: syncProtocols('forged') });
    expect((await forged.closed).code).toBe(CLOSE.unauthorized.code);
    // A view token is read from the header too.
    const viewer = bench.raw(board.id, undefined, { protocols: syncProtocols(board.viewToken) });
    await viewer.opened;
    await waitFor(() => bench.running.manager.stats().connections === 2, 'both to join');
  });
});
