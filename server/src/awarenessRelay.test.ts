import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_AWARENESS } from './protocol';
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
    manager.connect(BOARD, 'edit', b);
    await waitFor(() => manager!.room(BOARD) !== undefined, 'the room');
    await endOfTurn();
    a.sent = [];
    b.sent = [];
    return { a, b, connA };
  }

  it('relays a frame whose every entry applies as it came, to the others and back to its sender', async () => {
    const { a, b, connA } = await twoPeople();
    // Not JSON.stringify's spelling: a state parsed and encoded again would come out different.
    const frame = awarenessFrame([
      { client: 7, clock: 1, state: '{ "cursor": { "x": 1, "y": 2 }, "name": "Ana" }' },
    ]);
    connA.receive(frame);
    await waitFor(() => awarenessSent(b).length === 1 && awarenessSent(a).length === 1, 'the relay');
    expect(awarenessSent(b)[0]).toEqual(frame);
    expect(awarenessSent(a)[0]).toEqual(frame);
  });

  it('sends only what applied when a frame also holds an entry older than the room has', async () => {
    const { a, b, connA } = await twoPeople();
    connA.receive(awarenessFrame([{ client: 7, clock: 5, state: { name: 'Ana, clock 5' } }]));
    await waitFor(() => awarenessSent(b).length === 1, 'the first state');
    await endOfTurn();
    await new Promise((r) => setTimeout(r, 5)); // past the room's quiet time: sent at once again
    a.sent = [];
    b.sent = [];

    connA.receive(
      awarenessFrame([
        { client: 7, clock: 4, state: { name: 'Ana, stale' } },
        { client: 8, clock: 1, state: { name: 'Ben' } },
      ]),
    );
    await waitFor(() => awarenessSent(b).length === 1, 'the relay');
    expect(entriesOf(awarenessSent(b)[0]!)).toEqual([{ client: 8, clock: 1, state: { name: 'Ben' } }]);
    expect(manager!.room(BOARD)!.awareness.getStates().get(7)).toEqual({ name: 'Ana, clock 5' });
  });
});
