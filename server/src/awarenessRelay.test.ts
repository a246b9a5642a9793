import { CLOSE, MAX_VALUE_DEPTH } from '@shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DEFAULT_AWARENESS_FRAME_MS, Outbox } from './Outbox';
import { encodeSyncStep1, MESSAGE_AWARENESS } from './protocol';
import type { RoomManager } from './RoomManager';
import { endOfTurn, FakeSocket, startCore, waitFor } from './testing';

const BOARD = 'b'.repeat(32);

interface Entry {
  client: number;
  clock: number;
  state: unknown;
}

/**
 * An awareness message as a client sends it: [type, update], the update being the client entries. A
 * string state is written as it is (JSON of the client's own spelling), anything else as JSON.stringify.
 */
function awarenessFrame(entries: readonly Entry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(update, client);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, typeof state === 'string' ? state : JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

function entriesOf(message: Uint8Array): Entry[] {
  const outer = decoding.createDecoder(message);
  expect(decoding.readVarUint(outer)).toBe(MESSAGE_AWARENESS);
  const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer));
  const entries: Entry[] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ client, clock, state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return entries;
}

const awarenessSent = (socket: FakeSocket) => socket.sent.filter((m) => m[0] === MESSAGE_AWARENESS);

describe('awareness relay', () => {
  let manager: RoomManager | undefined;
  afterEach(async () => {
    await manager?.shutdown();
    manager = undefined;
  });

  async function twoPeople() {
    ({ manager } = await startCore());
    const a = new FakeSocket();
    const b = new FakeSocket();
    const connA = manager.connect(BOARD, 'edit', a);
    const connB = manager.connect(BOARD, 'edit', b);
    await waitFor(() => manager!.room(BOARD) !== undefined, 'the room');
    await endOfTurn();
    a.sent = [];
    b.sent = [];
    return { a, b, connA, connB };
  }

  /**
   * Past the room's quiet time and its awareness frame, and what was sent forgotten: the next message
   * leaves at once again.
   */
  async function quiet(...sockets: FakeSocket[]) {
    await waitFor(() => !manager!.room(BOARD)!.awarenessWaiting, 'the end of the frame');
    await endOfTurn();
    await new Promise((r) => setTimeout(r, DEFAULT_AWARENESS_FRAME_MS * Outbox.QUIET_FRAMES + 5));
    for (const socket of sockets) socket.sent = [];
  }

  it('announces a connection’s own presence above any clock it had, then relays its frames as they came', async () => {
    const { a, b, connA } = await twoPeople();
    connA.receive(awarenessFrame([{ client: 7, clock: 3, state: { name: 'Ana' } }]));
    await waitFor(() => awarenessSent(b).length === 1 && awarenessSent(a).length === 1, 'the announcement');
    // Whoever saw Ana leave before keeps the clock she left at, and takes only a higher one; she takes
    // it too, as her own.
    const [announced] = entriesOf(awarenessSent(b)[0]!);
    expect(announced!.clock).toBeGreaterThan(3);
    expect(entriesOf(awarenessSent(a)[0]!)).toEqual([announced]);
    await quiet(a, b);

    // Not JSON.stringify's spelling: a state parsed and encoded again would come out different.
    const frame = awarenessFrame([
      { client: 7, clock: announced!.clock + 1, state: '{ "cursor": { "x": 1, "y": 2 }, "name": "Ana" }' },
    ]);
    connA.receive(frame);
    await waitFor(() => awarenessSent(b).length === 1 && awarenessSent(a).length === 1, 'the relay');
    expect(awarenessSent(b)[0]).toEqual(frame);
    expect(awarenessSent(a)[0]).toEqual(frame);
  });

  it('sends only what applied when a frame also holds an echo of someone who left', async () => {
    const { a, connA, connB } = await twoPeople();
    connB.receive(awarenessFrame([{ client: 7, clock: 5, state: { name: 'Ana' } }]));
    await waitFor(() => awarenessSent(a).length === 1, 'the first state');
    const [ana] = entriesOf(awarenessSent(a)[0]!);
    connB.disconnected();
    await quiet(a);

    // The stock client sends back what it hears: Ana's state, heard before she left, comes back late.
    connA.receive(
      awarenessFrame([
        { client: 7, clock: ana!.clock, state: { name: 'Ana' } },
        { client: 8, clock: 1, state: { name: 'Ben' } },
      ]),
    );
    await waitFor(() => awarenessSent(a).length === 1, 'the relay');
    expect(entriesOf(awarenessSent(a)[0]!)).toEqual([{ client: 8, clock: 1, state: { name: 'Ben' } }]);
    expect(manager!.room(BOARD)!.awareness.getStates().has(7)).toBe(false);
  });
});

/** JSON text of an object holding arrays nested `depth` levels deep inside it (depth + 1 in all). */
const deepState = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

const presence = (id: string) => ({
  user: { id, name: `Person ${id}`, department: 'Firmware', color: '#aa0000' },
  cursor: { x: 10, y: 20 },
  selection: ['n1', 'n2'],
  editing: 'n1',
  viewport: { x: 0, y: 0, w: 800, h: 600 },
  active: 1_700_000_000_000,
  idle: false,
  following: 'someone',
  privateNotes: 3,
  summon: { id: 's1', at: 1_700_000_000_000 },
});

describe('awareness from a hostile connection', () => {
  let manager: RoomManager | undefined;
  afterEach(async () => {
    await manager?.shutdown();
    manager = undefined;
  });

  /** An editor, already in the room, and a connection of `role` joining it. */
  async function roomWith(role: 'edit' | 'view', options: Parameters<typeof startCore>[0] = {}) {
    ({ manager } = await startCore(options));
    const editor = new FakeSocket();
    const socket = new FakeSocket();
    const editorConnection = manager.connect(BOARD, 'edit', editor);
    const connection = manager.connect(BOARD, role, socket);
    await waitFor(() => manager!.room(BOARD)?.connections.size === 2, 'the joins');
    await endOfTurn();
    editor.sent = [];
    socket.sent = [];
    return { room: manager.room(BOARD)!, editor, editorConnection, socket, connection };
  }

  /** A newcomer's join, as the stock client's: answered and greeted, not closed. */
  async function newcomerJoins(): Promise<FakeSocket> {
    const newcomer = new FakeSocket();
    manager!.connect(BOARD, 'view', newcomer).receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => newcomer.sent.length > 0 || newcomer.closed, 'the answer');
    await endOfTurn();
    expect(newcomer.closed).toBeNull();
    return newcomer;
  }

  it('closes a view connection that sends states nested 6,000 deep, and the room carries on', async () => {
    // Room enough for the states' size, so that their depth is what stops them.
    const { editor, editorConnection, socket, connection } = await roomWith('view', {
      maxAwarenessStateBytes: 64 * 1024,
    });
    // Finding 1: one write holding `{}` and then four deep states; the flush that encoded them again
    // threw in setImmediate and ended the process.
    connection.receive(awarenessFrame([{ client: 1, clock: 1, state: {} }]));
    for (let client = 2; client <= 5; client++) {
      connection.receive(awarenessFrame([{ client, clock: 1, state: deepState(6000) }]));
    }
    await endOfTurn();
    await endOfTurn();
    expect(socket.closed?.code).toBe(CLOSE.malformed.code);
    expect(editor.closed).toBeNull();
    const held = manager!.room(BOARD)!.awareness.getStates();
    expect([...held.keys()].filter((id) => id <= 5)).toEqual([]);
    // The editor still hears the others.
    editorConnection.receive(awarenessFrame([{ client: 9, clock: 1, state: { name: 'Ana' } }]));
    await waitFor(() => awarenessSent(editor).some((m) => entriesOf(m).some((e) => e.client === 9)), 'relay');
    await newcomerJoins();
  });

  it('refuses a single deep state, so that later joins are never closed with 4500', async () => {
    const { socket, connection } = await roomWith('view', { maxAwarenessStateBytes: 64 * 1024 });
    // Finding 1, second half: one such state, relayed as it came, failed every later greeting.
    connection.receive(awarenessFrame([{ client: 1, clock: 1, state: deepState(6000) }]));
    await endOfTurn();
    await newcomerJoins();
    expect(socket.closed?.code).toBe(CLOSE.malformed.code);
  });

  it('refuses a state one level deeper than MAX_VALUE_DEPTH and keeps one at it', async () => {
    const { socket, connection } = await roomWith('edit');
    connection.receive(awarenessFrame([{ client: 1, clock: 1, state: deepState(MAX_VALUE_DEPTH - 1) }]));
    expect(socket.closed).toBeNull();
    expect(manager!.room(BOARD)!.awareness.getStates().has(1)).toBe(true);
    connection.receive(awarenessFrame([{ client: 1, clock: 2, state: deepState(MAX_VALUE_DEPTH) }]));
    expect(socket.closed?.code).toBe(CLOSE.malformed.code);
  });

  it('drops a state that cannot be encoded without stopping the others or failing a join', async () => {
    const { room, editor, editorConnection } = await roomWith('edit');
    // Past the checks on arrival, as only a bug (or another node) could let it: the room must still
    // send everyone else's presence and greet newcomers.
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, 66);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, deepState(20_000));
    awarenessProtocol.applyAwarenessUpdate(room.awareness, encoding.toUint8Array(update), 'elsewhere');
    editorConnection.receive(awarenessFrame([{ client: 9, clock: 1, state: { name: 'Ana' } }]));
    await endOfTurn();
    await waitFor(() => awarenessSent(editor).some((m) => entriesOf(m).some((e) => e.client === 9)), 'relay');
    expect(room.awareness.getStates().has(66)).toBe(false);
    // And one slipped in without a word to the outbox: a join that would carry it leaves it out.
    room.awareness.states.set(67, JSON.parse(deepState(20_000)) as Record<string, unknown>);
    const newcomer = await newcomerJoins();
    const greeting = awarenessSent(newcomer).flatMap(entriesOf);
    expect(greeting.map((e) => e.client)).toContain(9);
    expect(greeting.find((e) => e.client === 67)).toBeUndefined();
    expect(room.awareness.getStates().has(67)).toBe(false);
  });

  it('lets one connection speak for a few client ids, freeing the slot of one removed', async () => {
    const { socket, connection } = await roomWith('view', { maxAwarenessClientsPerConnection: 4 });
    for (let client = 1; client <= 4; client++) {
      connection.receive(awarenessFrame([{ client, clock: 1, state: { name: `tab ${client}` } }]));
    }
    connection.receive(awarenessFrame([{ client: 1, clock: 2, state: null }]));
    connection.receive(awarenessFrame([{ client: 5, clock: 1, state: { name: 'tab 5' } }]));
    expect(socket.closed).toBeNull();
    // Finding 4: any number of ids from one socket.
    connection.receive(awarenessFrame([{ client: 6, clock: 1, state: { name: 'one too many' } }]));
    expect(socket.closed?.code).toBe(CLOSE.malformed.code);
    expect(manager!.room(BOARD)!.awareness.getStates().has(6)).toBe(false);
  });

  it('closes a connection whose state is over the size limit with 4413', async () => {
    const { socket, connection } = await roomWith('view', { maxAwarenessStateBytes: 8192 });
    const state = (bytes: number) => JSON.stringify({ name: 'x'.repeat(bytes - '{"name":""}'.length) });
    connection.receive(awarenessFrame([{ client: 1, clock: 1, state: state(8192) }]));
    expect(socket.closed).toBeNull();
    connection.receive(awarenessFrame([{ client: 1, clock: 2, state: state(8193) }]));
    expect(socket.closed?.code).toBe(CLOSE.tooLarge.code);
    expect(manager!.room(BOARD)!.awareness.getStates().has(1)).toBe(false);
  });

  it('relays only what a viewer needs from a view connection, under a viewer’s user id', async () => {
    const { editor, connection } = await roomWith('view');
    connection.receive(awarenessFrame([{ client: 1, clock: 1, state: presence('facilitator') }]));
    await waitFor(() => awarenessSent(editor).length === 1, 'the relay');
    const { user, cursor, viewport, active, idle } = presence('facilitator');
    const expected = { user: { ...user, id: 'view-facilitator' }, cursor, viewport, active, idle };
    expect(entriesOf(awarenessSent(editor)[0]!)).toEqual([
      { client: 1, clock: expect.any(Number) as number, state: expected },
    ]);
    expect(manager!.room(BOARD)!.awareness.getStates().get(1)).toEqual(expected);
  });

  it('relays an edit connection’s presence whole', async () => {
    const { editor, connection } = await roomWith('edit');
    connection.receive(awarenessFrame([{ client: 1, clock: 1, state: presence('facilitator') }]));
    await waitFor(() => awarenessSent(editor).length === 1, 'the relay');
    expect(entriesOf(awarenessSent(editor)[0]!)[0]!.state).toEqual(presence('facilitator'));
  });

  it('never lets a connection overwrite or remove the presence of a client id another one speaks for', async () => {
    const { room, editorConnection, socket, connection } = await roomWith('view');
    editorConnection.receive(awarenessFrame([{ client: 1, clock: 1, state: presence('facilitator') }]));
    connection.receive(awarenessFrame([{ client: 1, clock: 2, state: { ...presence('facilitator') } }]));
    connection.receive(awarenessFrame([{ client: 1, clock: 3, state: null }]));
    expect(socket.closed).toBeNull();
    expect(room.awareness.getStates().get(1)).toEqual(presence('facilitator'));
    connection.disconnected();
    expect(room.awareness.getStates().get(1)).toEqual(presence('facilitator'));
  });

  it('accepts the stock client’s echo of everyone’s presence, however many people', async () => {
    const { room, editorConnection, socket, connection } = await roomWith('edit', {
      maxAwarenessClientsPerConnection: 4,
    });
    for (let client = 1; client <= 4; client++) {
      editorConnection.receive(awarenessFrame([{ client, clock: 1, state: { name: `p${client}` } }]));
    }
    // y-websocket sends back every awareness change it hears, with the clocks it heard.
    const echo = [1, 2, 3, 4].map((client) => ({ client, clock: 1, state: { name: `p${client}` } }));
    connection.receive(awarenessFrame([...echo, { client: 10, clock: 1, state: { name: 'me' } }]));
    expect(socket.closed).toBeNull();
    expect(room.awareness.getStates().get(10)).toEqual({ name: 'me' });
  });

  it('parses an echoed state only when its bytes differ from what the room last had of that client', async () => {
    const { room, editorConnection, connection } = await roomWith('edit');
    editorConnection.receive(awarenessFrame([{ client: 1, clock: 1, state: { name: 'Ana', x: 1 } }]));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      // Ana's state as everyone heard it, echoed back: checked and parsed before, taken as it was.
      connection.receive(awarenessFrame([{ client: 1, clock: 1, state: { name: 'Ana', x: 1 } }]));
      expect(parse).not.toHaveBeenCalled();
      // Her next move has other bytes: checked and parsed again, and applied.
      editorConnection.receive(awarenessFrame([{ client: 1, clock: 2, state: { name: 'Ana', x: 2 } }]));
      expect(parse).toHaveBeenCalledTimes(1);
      expect(room.awareness.getStates().get(1)).toEqual({ name: 'Ana', x: 2 });
      // An echo over the size limit is refused all the same.
      connection.receive(awarenessFrame([{ client: 1, clock: 2, state: { name: 'A'.repeat(9000) } }]));
      expect(room.connections.has(connection)).toBe(false);
    } finally {
      parse.mockRestore();
    }
  });
});
