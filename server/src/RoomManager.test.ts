import fs from 'node:fs';
import { addNote, boardMaps, CLOSE, createBoard } from '@shared';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { silentLogger } from './logger';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from './protocol';
import { Room } from './Room';
import { RoomManager, type RoomManagerOptions } from './RoomManager';
import { SqliteStorage } from './storage/SqliteStorage';
import { endOfTurn, FakeSocket, tempDir, waitFor } from './testing';

const BOARD = 'b'.repeat(32);

const dirs: string[] = [];
const managers: RoomManager[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.shutdown();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function setup(options: Partial<RoomManagerOptions> = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const storage = new SqliteStorage(dir);
  const template = new Y.Doc();
  createBoard(template, { title: 'Core' }, 'test');
  await storage.createBoard(BOARD, Y.encodeStateAsUpdate(template));
  const manager = new RoomManager(
    storage,
    {
      maxMessageBytes: 1024 * 1024,
      maxBufferedBytes: 1024 * 1024,
      maxMessagesPerSecond: 1000,
      maxMessageBurst: 1000,
      maxConnectionsPerRoom: 10,
      maxRooms: 100,
      roomUnloadDelayMs: 60_000,
      ...options,
    },
    silentLogger,
  );
  managers.push(manager);
  return { dir, storage, manager, client: cloneOf(template) };
}

function cloneOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Runs a command on a client document and returns the update message it would send. */
function edit(client: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  client.on('update', capture);
  addNote(client, { x: 0, y: 0, text, author: 'a', department: 'd' }, 'test');
  client.off('update', capture);
  return encodeUpdate(update!);
}

const texts = (doc: Y.Doc) =>
  [...boardMaps(doc).notes.values()].map((note) => String(note.get('text'))).sort();

async function storedDoc(dir: string): Promise<Y.Doc> {
  const storage = new SqliteStorage(dir);
  const stored = await storage.load(BOARD);
  await storage.close();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored!.state);
  for (const update of stored!.updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('RoomManager', () => {
  it('loads a cold room once for concurrent joins and handles early messages in order', async () => {
    const { storage, manager, client } = await setup();
    let loads = 0;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = storage.load.bind(storage);
    storage.load = async (id) => {
      loads++;
      await gate;
      return load(id);
    };
    const a = new FakeSocket();
    const b = new FakeSocket();
    const connA = manager.connect(BOARD, 'edit', a);
    manager.connect(BOARD, 'edit', b);
    connA.receive(edit(client, 'early'));
    connA.receive(encodeSyncStep1(Y.encodeStateVector(client)));
    release();

    await waitFor(() => a.sent.length === 2 && b.sent.length >= 1, 'replies');
    await endOfTurn();
    expect(loads).toBe(1);
    // a: the step 2 answering the step 1 it sent while the room loaded, then the server's step 1.
    expect(a.kinds()).toEqual([
      [0, 1],
      [0, 0],
    ]);
    expect(texts(manager.room(BOARD)!.doc)).toEqual(['early']);
    // b is greeted with the server's step 1 first; it joined in the turn the edit was applied, so the
    // end-of-turn relay may bring the edit too (harmless: applying an update twice changes nothing).
    expect(b.kinds()[0]).toEqual([0, 0]);
    expect(b.kinds().slice(1)).toEqual(b.sent.length > 1 ? [[0, 2]] : []);
  });

  it('bounds what a connection may send while its room loads', async () => {
    const { storage, manager } = await setup({ maxBufferedBytes: 10_000 });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = storage.load.bind(storage);
    storage.load = async (id) => {
      await gate;
      return load(id);
    };
    const patient = new FakeSocket();
    const pushy = new FakeSocket();
    manager.connect(BOARD, 'edit', patient).receive(new Uint8Array([3]));
    const connection = manager.connect(BOARD, 'edit', pushy);
    for (let i = 0; i < 11; i++) connection.receive(new Uint8Array(1000).fill(3));
    expect(pushy.closed?.code).toBe(CLOSE.rateLimited.code);
    release();
    await waitFor(() => patient.sent.length >= 1, 'the patient one to join');
    expect(patient.closed).toBeNull();
  });

  it('closes a connection to an unknown board with 4404', async () => {
    const { manager } = await setup();
    const socket = new FakeSocket();
    manager.connect('0'.repeat(32), 'edit', socket);
    await waitFor(() => socket.closed, 'close');
    expect(socket.closed?.code).toBe(CLOSE.unknownBoard.code);
    expect(manager.stats()).toEqual({ rooms: 0, connections: 0 });
  });

  it('answers a view connection but drops its edits', async () => {
    const { manager, client } = await setup();
    const viewer = new FakeSocket();
    const editor = new FakeSocket();
    const view = manager.connect(BOARD, 'view', viewer);
    manager.connect(BOARD, 'edit', editor);
    await waitFor(() => editor.sent.length === 1 && viewer.sent.length === 1, 'joins');
    view.receive(edit(client, 'from a viewer'));
    view.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => viewer.sent.length === 2, 'step 2');
    expect(texts(manager.room(BOARD)!.doc)).toEqual([]);
    expect(editor.sent.length).toBe(1);
    expect(viewer.closed).toBeNull();
  });

  it('refuses a join beyond the room limit with a retryable code', async () => {
    const { manager } = await setup({ maxConnectionsPerRoom: 1 });
    const first = new FakeSocket();
    const second = new FakeSocket();
    manager.connect(BOARD, 'edit', first);
    manager.connect(BOARD, 'edit', second);
    await waitFor(() => second.closed, 'refusal');
    expect(second.closed?.code).toBe(CLOSE.roomFull.code);
    expect(first.closed).toBeNull();
  });

  it('closes a slow reader instead of skipping it', async () => {
    const { manager, client } = await setup({ maxBufferedBytes: 1000 });
    const slow = new FakeSocket();
    const writer = new FakeSocket();
    manager.connect(BOARD, 'edit', slow);
    const conn = manager.connect(BOARD, 'edit', writer);
    await waitFor(() => slow.sent.length === 1 && writer.sent.length === 1, 'joins');
    slow.bufferedAmount = 5000;
    conn.receive(edit(client, 'fan-out'));
    await endOfTurn();
    expect(slow.closed?.code).toBe(CLOSE.sendBufferFull.code);
    expect(writer.closed).toBeNull();
  });

  it('closes a message over the size limit with 4413', async () => {
    const { manager } = await setup({ maxMessageBytes: 100 });
    const socket = new FakeSocket();
    manager.connect(BOARD, 'edit', socket).receive(new Uint8Array(101));
    expect(socket.closed?.code).toBe(CLOSE.tooLarge.code);
  });

  it('relays presence to everyone, the sender included, and removes it when the sender leaves', async () => {
    const { manager, client } = await setup();
    const a = new FakeSocket();
    const b = new FakeSocket();
    const connA = manager.connect(BOARD, 'view', a);
    manager.connect(BOARD, 'edit', b);
    await waitFor(() => a.sent.length === 1 && b.sent.length === 1, 'joins');
    const presence = new awarenessProtocol.Awareness(client);
    const user = { id: 'ada', name: 'Ada', department: 'Firmware', color: '#aa0000' };
    presence.setLocalState({ user, cursor: { x: 1, y: 2 } });
    connA.receive(encodeAwareness(presence, [client.clientID]));
    presence.destroy();
    await endOfTurn();
    expect(a.kinds().at(-1)).toEqual([1]);
    expect(b.kinds().at(-1)).toEqual([1]);
    // A view link speaks with a viewer's user id (see VIEWER_USER_ID_PREFIX).
    expect(manager.room(BOARD)!.awareness.getStates().get(client.clientID)).toEqual({
      user: { ...user, id: 'view-ada' },
      cursor: { x: 1, y: 2 },
    });

    connA.disconnected();
    expect(manager.room(BOARD)!.awareness.getStates().has(client.clientID)).toBe(false);
    // The removal leaves when the display frame the presence opened ends.
    await waitFor(() => !manager.room(BOARD)!.awarenessWaiting, 'the end of the frame');
    expect(b.sent.length).toBe(3);
  });

  it('compacts a long log without losing an update', async () => {
    const { dir, manager, client } = await setup({ persistence: { flushDelayMs: 1, compactAfterRows: 5 } });
    const conn = manager.connect(BOARD, 'edit', new FakeSocket());
    const expected: string[] = [];
    for (let i = 0; i < 23; i++) {
      expected.push(`note ${String(i).padStart(2, '0')}`);
      conn.receive(edit(client, expected.at(-1)!));
      await waitFor(() => !manager.room(BOARD)?.persistence.hasPending, 'flush');
    }
    await manager.room(BOARD)!.persistence.flush();
    const storage = new SqliteStorage(dir);
    expect(await storage.logLength(BOARD)).toBeLessThanOrEqual(5);
    await storage.close();
    expect(texts(await storedDoc(dir))).toEqual(expected);
  });

  it('unloads an empty room after the delay, keeping its updates', async () => {
    const { dir, manager, client } = await setup({ roomUnloadDelayMs: 0 });
    const conn = manager.connect(BOARD, 'edit', new FakeSocket());
    await waitFor(() => manager.stats().connections === 1, 'join');
    conn.receive(edit(client, 'kept'));
    conn.disconnected();
    await waitFor(() => manager.stats().rooms === 0, 'unload');
    expect(texts(await storedDoc(dir))).toEqual(['kept']);
  });

  it('keeps a room whose last connection leaves and another joins before the delay', async () => {
    const { manager } = await setup({ roomUnloadDelayMs: 20 });
    const first = manager.connect(BOARD, 'edit', new FakeSocket());
    await waitFor(() => manager.stats().connections === 1, 'join');
    const room = manager.room(BOARD);
    first.disconnected();
    manager.connect(BOARD, 'edit', new FakeSocket());
    // Asserting that something does not happen needs a wait longer than the delay.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(manager.room(BOARD)).toBe(room);
  });

  it("makes the server's own change in a board's room: sent to every connection, stored, unloaded later", async () => {
    const { dir, manager } = await setup({ roomUnloadDelayMs: 0 });
    // No one is connected: the room is loaded for the change, and unloaded after it.
    const stored = await manager.useRoom(BOARD, (room) =>
      room.changeAsServer((doc, origin) =>
        addNote(doc, { x: 0, y: 0, text: 'by the server', author: 's', department: 'd' }, origin),
      ),
    );
    expect(typeof stored).toBe('string');
    await waitFor(() => manager.stats().rooms === 0, 'unload');
    expect(texts(await storedDoc(dir))).toEqual(['by the server']);

    const viewer = new FakeSocket();
    manager.connect(BOARD, 'view', viewer);
    await waitFor(() => viewer.sent.length === 1, 'join');
    await manager.useRoom(BOARD, (room) =>
      room.changeAsServer((doc, origin) =>
        addNote(doc, { x: 0, y: 0, text: 'seen', author: 's', department: 'd' }, origin),
      ),
    );
    await waitFor(() => viewer.sent.length === 2, 'the change reaching a view connection');
    expect(await manager.useRoom('c'.repeat(32), () => ({}))).toBe('unknownBoard');
  });

  it('closes every connection with 4503 and stores everything on shutdown', async () => {
    const { dir, manager, client } = await setup();
    const socket = new FakeSocket();
    const conn = manager.connect(BOARD, 'edit', socket);
    await waitFor(() => manager.stats().connections === 1, 'join');
    conn.receive(edit(client, 'before shutdown'));
    await manager.shutdown();
    expect(socket.closed?.code).toBe(CLOSE.shuttingDown.code);
    expect(texts(await storedDoc(dir))).toEqual(['before shutdown']);
    const late = new FakeSocket();
    manager.connect(BOARD, 'edit', late);
    expect(late.closed?.code).toBe(CLOSE.shuttingDown.code);
  });
});

describe('greeting a connection', () => {
  /** A connection to a loaded room, made after the room has greeted everyone before it. */
  async function joined(manager: RoomManager) {
    const socket = new FakeSocket();
    const connection = manager.connect(BOARD, 'edit', socket);
    await waitFor(() => manager.room(BOARD)?.connections.has(connection) === true, 'join');
    return { socket, connection };
  }

  it('answers the client’s step 1 before asking, and asks only a client with something to offer', async () => {
    const { manager, client } = await setup();
    await joined(manager);
    const { socket: fresh, connection: freshConnection } = await joined(manager);
    const { socket: returning, connection: returningConnection } = await joined(manager);
    // Greeted, but not yet asked: each client's own step 1 is on its way.
    expect(fresh.sent).toEqual([]);
    expect(returning.sent).toEqual([]);

    freshConnection.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    returningConnection.receive(encodeSyncStep1(Y.encodeStateVector(client)));
    expect(fresh.kinds()).toEqual([[0, 1]]);
    expect(returning.kinds()).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });

  it('asks a client that starts with anything else before handling it', async () => {
    const { manager, client } = await setup();
    const { socket, connection } = await joined(manager);
    const presence = new awarenessProtocol.Awareness(client);
    presence.setLocalState({ name: 'Ada' });
    connection.receive(encodeAwareness(presence, [client.clientID]));
    presence.destroy();
    await endOfTurn();
    expect(socket.kinds()).toEqual([[0, 0], [1]]);
  });

  it('asks a client that sends nothing once the wait is over, and never a closed one', async () => {
    const { manager } = await setup();
    const { socket: silent } = await joined(manager);
    const { socket: gone, connection: goneConnection } = await joined(manager);
    goneConnection.close('badRequest');
    await new Promise((resolve) => setTimeout(resolve, Room.STEP_ONE_WAIT_MS / 2));
    expect(silent.sent).toEqual([]);
    await waitFor(() => silent.sent.length === 1, 'the server’s step 1', Room.STEP_ONE_WAIT_MS * 2);
    expect(silent.kinds()).toEqual([[0, 0]]);
    expect(gone.sent).toEqual([]);
  });
});

describe('a room before its document is built', () => {
  /** The document updates (sync step 2 or update) sent to a socket, applied to `doc`. */
  function applySent(socket: FakeSocket, doc: Y.Doc): void {
    for (const message of socket.sent) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) === 0) continue;
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    }
  }

  /** A board stored with a compacted state holding `compacted` notes and a log holding `logged` more. */
  async function storedBoard(compacted: string[], logged: string[]) {
    const setupResult = await setup();
    const { storage, client } = setupResult;
    for (const text of compacted) edit(client, text);
    await storage.compact(BOARD, Y.encodeStateAsUpdate(client), 0);
    const before = Y.encodeStateVector(client);
    for (const text of logged) {
      const sv = Y.encodeStateVector(client);
      edit(client, text);
      await storage.appendUpdates(BOARD, [Y.encodeStateAsUpdate(client, sv)]);
    }
    return { ...setupResult, before };
  }

  it('serves a new reader the whole stored board without building a document', async () => {
    const { manager } = await storedBoard(['kept 1', 'kept 2'], ['logged']);
    const socket = new FakeSocket();
    const reader = new Y.Doc();
    manager.connect(BOARD, 'edit', socket).receive(encodeSyncStep1(Y.encodeStateVector(reader)));
    await waitFor(() => socket.kinds().some(([type, step]) => type === 0 && step === 1), 'step 2');
    applySent(socket, reader);
    expect(texts(reader)).toEqual(['kept 1', 'kept 2', 'logged']);
    // A new client has nothing the board lacks: it is not sent the server's step 1.
    expect(socket.kinds()).toEqual([[0, 1]]);
    // A client that holds something is: after the answer, with the state vector read from the bytes.
    const returning = new FakeSocket();
    const partial = new Y.Doc();
    Y.applyUpdate(partial, Y.encodeStateAsUpdate(reader));
    manager.connect(BOARD, 'edit', returning).receive(encodeSyncStep1(Y.encodeStateVector(partial)));
    await waitFor(() => returning.sent.length === 2, 'step 2 and step 1');
    expect(returning.kinds()).toEqual([
      [0, 1],
      [0, 0],
    ]);
    const decoder = decoding.createDecoder(returning.sent[1]!);
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 0]);
    expect(decoding.readVarUint8Array(decoder)).toEqual(Y.encodeStateVector(reader));
    // A client with nothing new answers with an empty update, which builds no document either.
    socket.sent = [];
    manager
      .connect(BOARD, 'edit', new FakeSocket())
      .receive(encodeUpdate(Y.encodeStateAsUpdate(reader, Y.encodeStateVector(reader))));
    await endOfTurn();
    expect(manager.room(BOARD)!.hydrated).toBe(false);
  });

  it('answers a returning client with only what it lacks, from the stored bytes', async () => {
    const { manager, before } = await storedBoard(['old'], ['new 1', 'new 2']);
    const socket = new FakeSocket();
    manager.connect(BOARD, 'edit', socket).receive(encodeSyncStep1(before));
    await waitFor(() => socket.sent.length === 2, 'step 2');
    const decoder = decoding.createDecoder(socket.sent[0]!);
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 1]);
    const diff = decoding.readVarUint8Array(decoder);
    const meta = Y.parseUpdateMeta(diff);
    // Only the two logged notes' structs: none from before `before`.
    for (const [client, clock] of meta.from)
      expect(clock).toBeGreaterThanOrEqual(Y.decodeStateVector(before).get(client) ?? 0);
    expect(manager.room(BOARD)!.hydrated).toBe(false);
  });

  it('builds the document on the first edit, relays and stores it on top of the stored board', async () => {
    const { manager, dir, client } = await storedBoard(['old'], ['logged']);
    const editor = new FakeSocket();
    const watcher = new FakeSocket();
    const conn = manager.connect(BOARD, 'edit', editor);
    manager.connect(BOARD, 'edit', watcher).receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => manager.stats().connections === 2, 'joins');
    expect(manager.room(BOARD)!.hydrated).toBe(false);
    conn.receive(edit(client, 'fresh'));
    expect(manager.room(BOARD)!.hydrated).toBe(true);
    expect(texts(manager.room(BOARD)!.doc)).toEqual(['fresh', 'logged', 'old']);
    await endOfTurn();
    const watched = new Y.Doc();
    applySent(watcher, watched);
    expect(texts(watched)).toEqual(['fresh', 'logged', 'old']);
    await manager.shutdown();
    expect(texts(await storedDoc(dir))).toEqual(['fresh', 'logged', 'old']);
  });

  it('folds a stored log into the state on unload without building a document', async () => {
    const { manager, storage, dir } = await storedBoard(['old'], ['logged 1', 'logged 2']);
    const socket = new FakeSocket();
    manager.connect(BOARD, 'edit', socket).receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => socket.sent.length === 1, 'step 2');
    expect(await storage.logLength(BOARD)).toBe(2);
    await manager.shutdown();
    const reopened = new SqliteStorage(dir);
    expect(await reopened.logLength(BOARD)).toBe(0);
    await reopened.close();
    expect(texts(await storedDoc(dir))).toEqual(['logged 1', 'logged 2', 'old']);
  });

  it('refuses a garbage state vector from a client as malformed', async () => {
    const { manager } = await storedBoard(['old'], []);
    const socket = new FakeSocket();
    manager.connect(BOARD, 'edit', socket).receive(encodeSyncStep1(new Uint8Array([5, 200])));
    await waitFor(() => socket.closed !== null, 'close');
    expect(socket.closed?.code).toBe(CLOSE.malformed.code);
  });
});

describe('unloading', () => {
  it('never compacts a board into an empty one when two unloads of a room overlap', async () => {
    const { storage, manager, client, dir } = await setup({ maxRooms: 1, roomUnloadDelayMs: 10 });
    edit(client, 'precious');
    await storage.appendUpdates(BOARD, [Y.encodeStateAsUpdate(client)]);
    const other = 'd'.repeat(32);
    await storage.createBoard(other, Y.encodeStateAsUpdate(new Y.Doc()));
    // The first compaction of BOARD is slow and fails (a passing storage hiccup).
    let compactions = 0;
    const compact = storage.compact.bind(storage);
    storage.compact = async (id, state, upTo) => {
      if (id === BOARD && compactions++ === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('transient');
      }
      return compact(id, state, upTo);
    };
    // Only looked at, so its document is never built; then left, so its unload timer starts.
    const viewer = manager.connect(BOARD, 'view', new FakeSocket());
    await waitFor(() => manager.room(BOARD)?.connections.size === 1, 'join');
    viewer.disconnected();
    await new Promise((resolve) => setTimeout(resolve, 25));
    // Another board needs the only slot while BOARD's unload is still compacting: it evicts BOARD.
    manager.connect(other, 'view', new FakeSocket());
    await waitFor(() => manager.room(other)?.connections.size === 1, 'the other board');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await manager.shutdown();
    expect(texts(await storedDoc(dir))).toEqual(['precious']);
  });
});
