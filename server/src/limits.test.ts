import { addNote, boardMaps, boardTokensPath, CLOSE, type BoardTokens } from '@shared';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type { Env } from './config';
import { TestBench, waitFor } from './testing';

let bench: TestBench;
afterEach(async () => {
  await bench.dispose();
});

async function start(env: Env = {}): Promise<TestBench> {
  bench = await new TestBench(env).start();
  return bench;
}

const queryAwareness = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 3);
  return encoding.toUint8Array(encoder);
})();

/** The value of one sample of the server's /metrics, or 0 when absent. */
async function metric(name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${bench.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

function terminalClose(provider: WebsocketProvider): Promise<number> {
  return new Promise((resolve) => provider.once('closed', ({ code }: { code: number }) => resolve(code)));
}

describe('message rate', () => {
  it('closes a connection that sends past its burst with 4530, and only that one', async () => {
    await start({ MAX_MESSAGES_PER_SECOND: '5', MAX_MESSAGE_BURST: '20' });
    const board = await bench.createBoard();
    const alice = await bench.syncedProvider(board.id, board.editToken);
    const flood = bench.raw(board.id, board.editToken);
    await flood.opened;
    for (let i = 0; i < 100; i++) flood.ws.send(queryAwareness);
    expect((await flood.closed).code).toBe(CLOSE.rateLimited.code);
    expect(await metric('board_refusals_total', 'reason="rateLimited"')).toBe(1);
    expect(alice.wsconnected).toBe(true);
  });
});

describe('rooms in memory', () => {
  it('evicts an idle room to make space, and refuses with 4507 when every room is busy', async () => {
    await start({ MAX_ROOMS: '1' });
    const [a, b] = [await bench.createBoard(), await bench.createBoard()];
    const alice = await bench.syncedProvider(a.id, a.editToken);
    const refused = bench.raw(b.id, b.editToken);
    expect((await refused.closed).code).toBe(CLOSE.serverFull.code);
    expect(await metric('board_refusals_total', 'reason="serverFull"')).toBe(1);

    addNote(alice.doc, { x: 0, y: 0, text: 'kept', author: 'a', department: 'd' }, 'test');
    await waitFor(() => bench.running.manager.room(a.id)?.doc.getMap('notes').size === 1, 'edit');
    alice.destroy();
    await waitFor(() => bench.running.manager.stats().connections === 0, 'alice to leave');
    // Board a is idle but still loaded (the unload delay is 30 s): b's join unloads it at once.
    const bob = await bench.syncedProvider(b.id, b.editToken);
    expect(bench.running.manager.room(a.id)).toBeUndefined();
    bob.destroy();
    await waitFor(() => bench.running.manager.stats().connections === 0, 'bob to leave');
    const again = await bench.syncedProvider(a.id, a.editToken);
    expect([...boardMaps(again.doc).notes.values()].map((n) => String(n.get('text')))).toEqual(['kept']);
  });
});

describe('connections per address', () => {
  const from = (address: string) => ({ headers: { 'X-Forwarded-For': address } });

  it('refuses one address past MAX_CONNECTIONS_PER_ADDRESS with 4531 while others join', async () => {
    await start({ MAX_CONNECTIONS_PER_ADDRESS: '3', TRUST_PROXY: '1' });
    const board = await bench.createBoard();
    const held = [1, 2, 3].map(() => bench.raw(board.id, board.editToken, from('203.0.113.7')));
    await Promise.all(held.map((client) => client.opened));
    const refused = bench.raw(board.id, board.editToken, from('203.0.113.7'));
    expect(await refused.closed).toEqual({
      code: CLOSE.connectionsPerAddress.code,
      reason: CLOSE.connectionsPerAddress.reason,
    });
    expect(await metric('board_refusals_total', 'reason="connectionsPerAddress"')).toBe(1);

    // Another address behind the same proxy joins the same board.
    const other = bench.raw(board.id, board.editToken, from('198.51.100.2'));
    await other.opened;
    await waitFor(() => bench.running.manager.stats().connections === 4, 'the other address to join');

    // The limit is retryable: once one of the address's connections closes, the next join gets in.
    held[0]!.ws.close();
    await waitFor(() => bench.running.manager.stats().connections === 3, 'the close');
    await bench.raw(board.id, board.editToken, from('203.0.113.7')).opened;
    await waitFor(() => bench.running.manager.stats().connections === 4, 'the retry to join');
  });

  it('lets the stock client retry past a full address and get in once a place frees', async () => {
    await start({ MAX_CONNECTIONS_PER_ADDRESS: '1' });
    const board = await bench.createBoard();
    const first = await bench.syncedProvider(board.id, board.editToken);
    const second = bench.provider(board.id, board.editToken);
    const refused = await new Promise<number>((resolve) =>
      second.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)),
    );
    expect(refused).toBe(CLOSE.connectionsPerAddress.code);
    expect(second.shouldConnect).toBe(true);
    first.destroy();
    await waitFor(() => second.synced, 'the second client to get in');
  });

  it('refuses one address a board past MAX_ROOMS_PER_ADDRESS with 4532, not a board it has open', async () => {
    await start({ MAX_ROOMS_PER_ADDRESS: '2', TRUST_PROXY: '1' });
    const [a, b, c] = [await bench.createBoard(), await bench.createBoard(), await bench.createBoard()];
    const open = [a, b, a].map((board) => bench.raw(board.id, board.editToken, from('203.0.113.7')));
    await Promise.all(open.map((client) => client.opened));
    expect((await bench.raw(c.id, c.editToken, from('203.0.113.7')).closed).code).toBe(
      CLOSE.boardsPerAddress.code,
    );
    expect(await metric('board_refusals_total', 'reason="boardsPerAddress"')).toBe(1);
    // A board it already has open takes more connections; another address opens the third board.
    await bench.raw(b.id, b.editToken, from('203.0.113.7')).opened;
    await bench.raw(c.id, c.editToken, from('198.51.100.2')).opened;
    await waitFor(() => bench.running.manager.stats().connections === 5, 'the joins');
    // Leaving a board frees its place.
    for (const client of open.filter((_, i) => i !== 1)) client.ws.close();
    await waitFor(() => bench.running.manager.stats().connections === 3, 'board a to be left');
    await bench.raw(c.id, c.editToken, from('203.0.113.7')).opened;
  });

  it('counts an IPv6 client by its /64, so fresh addresses from one network buy no more', async () => {
    await start({ MAX_CONNECTIONS_PER_ADDRESS: '1', TRUST_PROXY: '1' });
    const board = await bench.createBoard();
    await bench.raw(board.id, board.editToken, from('2001:db8:0:1::1')).opened;
    const sameNetwork = bench.raw(board.id, board.editToken, from('2001:db8:0:1::2'));
    expect((await sameNetwork.closed).code).toBe(CLOSE.connectionsPerAddress.code);
    await bench.raw(board.id, board.editToken, from('2001:db8:0:2::1')).opened;
  });

  it('without TRUST_PROXY, counts the connecting address and ignores X-Forwarded-For', async () => {
    await start({ MAX_CONNECTIONS_PER_ADDRESS: '1' });
    const board = await bench.createBoard();
    await bench.raw(board.id, board.editToken, from('203.0.113.7')).opened;
    const refused = bench.raw(board.id, board.editToken, from('198.51.100.2'));
    expect((await refused.closed).code).toBe(CLOSE.connectionsPerAddress.code);
  });
});

describe('board creation', () => {
  it('answers 429 with Retry-After past the per-address limit', async () => {
    await start({ MAX_BOARDS_PER_MINUTE: '2' });
    await bench.createBoard();
    await bench.createBoard();
    const res = await fetch(`${bench.url}/api/boards`, { method: 'POST' });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await res.json()).toEqual({ error: expect.any(String) });
    expect(await metric('board_refusals_total', 'reason="boardCreationRate"')).toBe(1);
  });

  it('behind a trusted proxy, limits each client address the proxy names, not the proxy', async () => {
    await start({ MAX_BOARDS_PER_MINUTE: '1', TRUST_PROXY: '1' });
    const create = (forwardedFor: string) =>
      fetch(`${bench.url}/api/boards`, { method: 'POST', headers: { 'X-Forwarded-For': forwardedFor } });
    expect((await create('203.0.113.7')).status).toBe(201);
    // Another client behind the same proxy has its own allowance...
    expect((await create('198.51.100.2')).status).toBe(201);
    // ...and a forged first entry does not buy the first client a new one: the proxy's entry counts.
    expect((await create('192.0.2.99, 203.0.113.7')).status).toBe(429);
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For', async () => {
    await start({ MAX_BOARDS_PER_MINUTE: '1' });
    const create = (forwardedFor: string) =>
      fetch(`${bench.url}/api/boards`, { method: 'POST', headers: { 'X-Forwarded-For': forwardedFor } });
    expect((await create('203.0.113.7')).status).toBe(201);
    expect((await create('198.51.100.2')).status).toBe(429);
  });
});

describe('token revocation', () => {
  const tokensOf = (id: string, token: string, method = 'GET') =>
    fetch(`${bench.url}${boardTokensPath(id)}`, { method, headers: { Authorization: `Bearer ${token}` } });

  it('issues new tokens, refuses the old ones everywhere and closes their connections with 4410', async () => {
    await start();
    const board = await bench.createBoard();
    const editor = await bench.syncedProvider(board.id, board.editToken);
    const viewer = await bench.syncedProvider(board.id, board.viewToken);
    addNote(editor.doc, { x: 0, y: 0, text: 'before', author: 'a', department: 'd' }, 'test');
    const closes = [terminalClose(editor), terminalClose(viewer)];

    expect((await tokensOf(board.id, board.viewToken, 'POST')).status).toBe(403);
    const res = await tokensOf(board.id, board.editToken, 'POST');
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as BoardTokens;
    expect(fresh.editToken).not.toBe(board.editToken);
    expect(fresh.viewToken).not.toBe(board.viewToken);
    expect(await Promise.all(closes)).toEqual([CLOSE.tokenRevoked.code, CLOSE.tokenRevoked.code]);

    expect((await tokensOf(board.id, board.editToken)).status).toBe(403);
    expect(await (await tokensOf(board.id, fresh.editToken)).json()).toEqual(fresh);
    expect((await bench.raw(board.id, board.viewToken).closed).code).toBe(CLOSE.tokenRevoked.code);
    const again = await bench.syncedProvider(board.id, fresh.viewToken);
    expect(boardMaps(again.doc).notes.size).toBe(1);

    // The generation survives a restart (and the room being loaded again from storage).
    await bench.restart();
    expect((await bench.raw(board.id, board.editToken).closed).code).toBe(CLOSE.tokenRevoked.code);
    await bench.syncedProvider(board.id, fresh.editToken);
    expect(await metric('board_refusals_total', 'reason="tokenRevoked"')).toBe(1);
  });
});
