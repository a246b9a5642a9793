import { randomBytes } from 'node:crypto';
import { addNote, boardMaps, CLOSE, type CreatedBoard } from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { issueToken } from './auth';
import { TestBench, waitFor } from './testing';

let bench: TestBench;
let board: CreatedBoard;
beforeEach(async () => {
  bench = await new TestBench({ MAX_MESSAGE_BYTES: '4096' }).start();
  board = await bench.createBoard();
});
afterEach(async () => {
  await bench.dispose();
});

const frame = (...parts: (number | Uint8Array)[]) => {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
};

type Target = () => [boardPath: string, token: string | undefined];

describe('refusing a sync connection', () => {
  it.each<[string, Target, number]>([
    ['no token', () => [board.id, undefined], CLOSE.unauthorized.code],
    ['a garbage token', () => [board.id, 'not-a-token'], CLOSE.unauthorized.code],
    [
      'a token signed by another secret',
      () => [board.id, issueToken('x'.repeat(32), board.id, 'edit')],
      CLOSE.unauthorized.code,
    ],
    [
      'another board’s token',
      () => [board.id, issueToken(bench.config.authSecret, 'f'.repeat(32), 'edit')],
      CLOSE.forbidden.code,
    ],
    ['a malformed board id', () => ['not-a-board', board.editToken], CLOSE.badRequest.code],
    [
      'an unknown board',
      () => ['e'.repeat(32), issueToken(bench.config.authSecret, 'e'.repeat(32), 'edit')],
      CLOSE.unknownBoard.code,
    ],
  ])('closes a connection with %s', async (_, target, code) => {
    const [boardPath, token] = target();
    const client = bench.raw(boardPath, token);
    expect((await client.closed).code).toBe(code);
  });

  it('stops the stock provider from retrying a refused token', async () => {
    const provider = bench.provider(board.id, 'forged');
    const closed = new Promise<{ code: number }>((resolve) => provider.once('closed', resolve));
    expect((await closed).code).toBe(CLOSE.unauthorized.code);
    expect(provider.shouldConnect).toBe(false);
    expect(bench.running.manager.stats().connections).toBe(0);
  });

  it('answers an upgrade outside /sync with 404', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${bench.running.port}/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(status).toBe(404);
  });
});

describe('bad input closes only the connection that sent it', () => {
  const garbage = randomBytes(64);
  garbage[0] = 0xfe; // a varUint far beyond any message type
  it.each([
    ['random bytes', garbage],
    ['an empty frame', new Uint8Array(0)],
    ['an unknown message type', frame(9)],
    ['a truncated sync message', frame(0, 0)],
    ['an unknown sync step', frame(0, 7, new Uint8Array([0]))],
    ['a corrupt update', frame(0, 2, new Uint8Array([1, 2, 3, 4, 5]))],
    ['a corrupt awareness update', frame(1, new Uint8Array([1, 2, 3]))],
  ])('closes on %s with 4422 while the room carries on', async (_, bytes) => {
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const bob = await bench.syncedProvider(board.id, board.editToken);
    const alicesSocket = alice.ws;

    const bad = bench.raw(board.id, board.editToken);
    await bad.opened;
    bad.ws.send(bytes);
    expect((await bad.closed).code).toBe(CLOSE.malformed.code);

    const id = addNote(alice.doc, { x: 0, y: 0, text: 'still fine', author: 'a', department: 'd' }, 'test');
    await waitFor(() => boardMaps(bob.doc).notes.has(id), 'edit to reach bob');
    expect(alice.ws).toBe(alicesSocket);
  });

  it('closes a message over the size limit with 4413', async () => {
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const bad = bench.raw(board.id, board.editToken);
    await bad.opened;
    bad.ws.send(frame(0, 2, new Uint8Array(5000)));
    expect((await bad.closed).code).toBe(CLOSE.tooLarge.code);
    expect(alice.wsconnected).toBe(true);
  });

  it('accepts a message right at the size limit', async () => {
    const client = bench.raw(board.id, board.editToken);
    await client.opened;
    // A query-awareness message padded to exactly the limit: trailing bytes are ignored.
    const message = new Uint8Array(4096);
    message[0] = 3;
    client.ws.send(message);
    client.ws.send(frame(0, 0, new Uint8Array([0])));
    // The answer to the sync step 1 sent after it proves the connection survived the big one.
    await waitFor(() => client.messages.some((m) => m[0] === 0 && m[1] === 1), 'sync step 2');
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });
});

describe('keepalive', () => {
  it('ends a connection whose peer stops answering pings', async () => {
    await bench.dispose();
    bench = await new TestBench({ PING_INTERVAL_MS: '100' }).start();
    board = await bench.createBoard();
    const alive = await bench.syncedProvider(board.id, board.editToken);
    const silent = new WebSocket(`${bench.syncUrl}/${board.id}?token=${board.editToken}`, {
      autoPong: false,
    });
    silent.on('error', () => {});
    await new Promise((resolve) => silent.once('open', resolve));
    await waitFor(() => bench.running.manager.stats().connections === 2, 'both to join');
    const code = await new Promise<number>((resolve) => silent.once('close', resolve));
    expect(code).toBe(1006);
    await waitFor(() => bench.running.manager.stats().connections === 1, 'the server to drop it');
    expect(alive.wsconnected).toBe(true);
  });
});
