import { CLOSE, createBoard } from '@shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AnswerBudget } from './AnswerBudget';
import { encodeSyncStep1, MESSAGE_SYNC } from './protocol';
import type { RoomManager } from './RoomManager';
import { FakeSocket, startCore, waitFor } from './testing';

const BOARD = 'b'.repeat(32);

describe('AnswerBudget', () => {
  it('lets any one answer leave while in credit, then waits until its cost is repaid', () => {
    let now = 0;
    const budget = new AnswerBudget(1000, () => now);
    expect(budget.waitMs()).toBe(0);
    budget.spend(3000);
    expect(budget.waitMs()).toBe(2001);
    now = 2000;
    expect(budget.waitMs()).toBe(1);
    now = 2001;
    expect(budget.waitMs()).toBe(0);
    // Credit never grows past one second's worth.
    now = 1_000_000;
    budget.spend(1500);
    expect(budget.waitMs()).toBe(501);
  });
});

/** A state vector naming a client the board has never seen: its answer is the whole board. */
function foreignStateVector(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 0x7fff_ffff);
  encoding.writeVarUint(encoder, 1);
  return encoding.toUint8Array(encoder);
}

/** The updates of the sync step 2 messages sent to a socket. */
function stepTwos(socket: FakeSocket): Uint8Array[] {
  return socket.sent.flatMap((message) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== 1) return [];
    return [decoding.readVarUint8Array(decoder)];
  });
}

describe('answers to sync step 1', () => {
  let manager: RoomManager | undefined;
  afterEach(async () => {
    await manager?.shutdown();
    manager = undefined;
  });

  it('answers a repeated step 1 once per budget, with what the latest one asked for', async () => {
    // Boards made from the template are all (about) this size.
    const probe = new Y.Doc();
    createBoard(probe, { title: 'Core' }, 'test');
    const boardBytes = Y.encodeStateAsUpdate(probe).byteLength;
    // A budget of one board a second: a whole-board answer (which also reads the stored board) puts
    // the connection a second in debt.
    let board: Y.Doc;
    ({ manager, template: board } = await startCore({ maxAnswerBytesPerSecond: boardBytes }));
    const socket = new FakeSocket();
    const connection = manager.connect(BOARD, 'view', socket);
    await waitFor(() => manager!.room(BOARD)?.connections.has(connection) === true, 'the join');

    // Finding 3: step 1 after step 1, each asking for the whole board.
    connection.receive(encodeSyncStep1(foreignStateVector()));
    // The first is answered at once, whatever the board's size.
    expect(stepTwos(socket)).toHaveLength(1);
    for (let i = 0; i < 50; i++) connection.receive(encodeSyncStep1(foreignStateVector()));
    const upToDate = encodeSyncStep1(Y.encodeStateVector(board));
    connection.receive(upToDate);
    expect(stepTwos(socket)).toHaveLength(1);

    // The 51 that waited are answered once, as the last one asked: nothing is missing.
    await waitFor(() => stepTwos(socket).length === 2, 'the second answer', 5000);
    const last = stepTwos(socket)[1]!;
    expect(Y.parseUpdateMeta(last).to.size).toBe(0);
    expect(socket.closed).toBeNull();
  });

  it('refuses a garbage state vector at once, even while answers wait', async () => {
    ({ manager } = await startCore({ maxAnswerBytesPerSecond: 1024 }));
    const socket = new FakeSocket();
    const connection = manager.connect(BOARD, 'edit', socket);
    await waitFor(() => manager!.room(BOARD)?.connections.has(connection) === true, 'the join');
    connection.receive(encodeSyncStep1(foreignStateVector()));
    connection.receive(encodeSyncStep1(foreignStateVector()));
    connection.receive(encodeSyncStep1(new Uint8Array([5, 200])));
    expect(socket.closed?.code).toBe(CLOSE.malformed.code);
  });
});
