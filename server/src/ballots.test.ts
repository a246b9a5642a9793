import { randomBytes } from 'node:crypto';
import {
  addNote,
  boardBallotPath,
  boardExportPath,
  LAYER_GAP,
  LAYER_HEIGHT,
  readBoard,
  readSession,
  startVote,
  VOTER_KEY_HEADER,
  voteRevealPath,
  type BallotAnswer,
  type BallotRefusal,
  type CreatedBoard,
  type RevealAnswer,
  type VoteState,
} from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { Env } from './config';
import { SqliteStorage } from './storage/SqliteStorage';
import { TestBench, waitFor } from './testing';

let bench: TestBench;
let board: CreatedBoard;
let facilitator: Y.Doc;
let vote: VoteState;

const ANA = randomBytes(16).toString('base64url');
const BEN = randomBytes(16).toString('base64url');
const CLEO = randomBytes(16).toString('base64url');

/** y of a point inside layer `index`'s first area. */
const inLayer = (index: number) => index * (LAYER_HEIGHT + LAYER_GAP) + 300;

/**
 * A board with two notes in Devices (d1, d2) and one in Communications (c1), and a vote on Devices with
 * two dots each that the facilitator's client started, as the app does.
 */
beforeEach(() => setUp());
afterEach(async () => {
  await bench.dispose();
});

async function setUp(env: Env = {}): Promise<void> {
  bench = await new TestBench(env).start();
  board = await bench.createBoard('Cold chain');
  facilitator = (await bench.syncedProvider(board.id, board.editToken)).doc;
  const note = { author: 'Ana', department: 'business' };
  addNote(facilitator, { ...note, id: 'd1', x: 100, y: inLayer(0) }, 'test');
  addNote(facilitator, { ...note, id: 'd2', x: 400, y: inLayer(0) }, 'test');
  addNote(facilitator, { ...note, id: 'c1', x: 100, y: inLayer(2) }, 'test');
  vote = startVote(facilitator, { scope: 'devices', dotsPerPerson: 2 }, 'u-ana', 'test', Date.now());
  await waitFor(async () => (await ballot(ANA)).voteId === vote.id, 'the vote at the server');
}

/** The server again, with `env`, and the same board and open vote as every test starts with. */
async function restart(env: Env): Promise<void> {
  await bench.dispose();
  await setUp(env);
}

async function refusals(reason: string): Promise<number> {
  const text = await (await fetch(`${bench.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`board_refusals_total{reason="${reason}"} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

function request(path: string, token: string, init: RequestInit & { voter?: string; from?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.voter) headers[VOTER_KEY_HEADER] = init.voter;
  if (init.from) headers['x-forwarded-for'] = init.from;
  if (init.body) headers['content-type'] = 'application/json';
  return fetch(`${bench.url}${path}`, { ...init, headers });
}

async function ballot(voter: string): Promise<BallotAnswer> {
  const res = await request(boardBallotPath(board.id), board.editToken, { voter });
  expect(res.status).toBe(200);
  return (await res.json()) as BallotAnswer;
}

function put(voter: string, dots: unknown, voteId: string = vote.id, token = board.editToken, from?: string) {
  return request(boardBallotPath(board.id), token, {
    method: 'PUT',
    voter,
    from,
    body: JSON.stringify({ voteId, dots }),
  });
}

async function cast(voter: string, dots: Record<string, number>): Promise<BallotAnswer> {
  const res = await put(voter, dots);
  expect(res.status).toBe(200);
  return (await res.json()) as BallotAnswer;
}

function reveal(voteId: string = vote.id, token = board.editToken) {
  return request(voteRevealPath(board.id), token, { method: 'POST', body: JSON.stringify({ voteId }) });
}

describe('casting a ballot', () => {
  it("keeps each person's dots to themselves: their voter key reads their own ballot, nobody else's", async () => {
    expect(await cast(ANA, { d1: 2 })).toEqual({ voteId: vote.id, dots: { d1: 2 }, dotsLeft: 0 });
    await cast(BEN, { d1: 1, d2: 1 });
    expect(await ballot(ANA)).toEqual({ voteId: vote.id, dots: { d1: 2 }, dotsLeft: 0 });
    expect(await ballot(CLEO)).toEqual({ voteId: vote.id, dots: {}, dotsLeft: 2 });
    // Taking dots back is replacing the ballot with fewer.
    expect(await cast(ANA, { d1: 1 })).toEqual({ voteId: vote.id, dots: { d1: 1 }, dotsLeft: 1 });
    expect(await cast(ANA, {})).toEqual({ voteId: vote.id, dots: {}, dotsLeft: 2 });
  });

  it('refuses more dots than the vote gives, notes outside its layer, unknown notes, and a vote not open', async () => {
    await cast(ANA, { d1: 1 });
    const refusals: [unknown, string][] = [
      [{ d1: 2, d2: 1 }, 'no dots left'],
      [{ d1: 1, c1: 1 }, 'not in this vote'],
      [{ d1: 1, nowhere: 1 }, 'unknown note'],
    ];
    for (const [dots, reason] of refusals) {
      const res = await put(ANA, dots);
      expect(res.status).toBe(409);
      const body = (await res.json()) as BallotRefusal;
      // What the server still holds comes back, for the client to show.
      expect(body).toMatchObject({ reason, voteId: vote.id, dots: { d1: 1 }, dotsLeft: 1 });
    }
    const stale = await put(ANA, { d2: 1 }, 'an-old-vote');
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ reason: 'no open vote', voteId: vote.id });
    expect(await ballot(ANA)).toMatchObject({ dots: { d1: 1 } });
  });

  it('refuses malformed ballots and a missing voter key with 400', async () => {
    for (const dots of [[1], { d1: -1 }, { d1: 1.5 }, 'd1', null])
      expect((await put(ANA, dots)).status).toBe(400);
    expect((await put('short', { d1: 1 })).status).toBe(400);
    const noKey = await request(boardBallotPath(board.id), board.editToken);
    expect(noKey.status).toBe(400);
    const notJson = await request(boardBallotPath(board.id), board.editToken, {
      method: 'PUT',
      voter: ANA,
      body: '{"voteId":',
    });
    expect(notJson.status).toBe(400);
  });

  it('lets a view token neither cast, nor read a ballot, nor reveal (403)', async () => {
    await cast(ANA, { d1: 2 });
    const read = await request(boardBallotPath(board.id), board.viewToken, { voter: ANA });
    expect(read.status).toBe(403);
    expect(await read.text()).not.toContain('d1');
    expect((await put(BEN, { d2: 1 }, vote.id, board.viewToken)).status).toBe(403);
    expect((await reveal(vote.id, board.viewToken)).status).toBe(403);
    expect((await request(boardBallotPath(board.id), 'garbage', { voter: ANA })).status).toBe(403);
    expect((await request(boardBallotPath('0'.repeat(32)), board.editToken, { voter: ANA })).status).toBe(
      404,
    );
    expect(await ballot(BEN)).toMatchObject({ dots: {} });
  });

  it('keeps ballots out of the document and the exports while the vote is open', async () => {
    await cast(ANA, { d1: 2 });
    await cast(BEN, { d2: 1 });
    const viewer = (await bench.syncedProvider(board.id, board.viewToken)).doc;
    const seen = JSON.stringify(viewer.toJSON());
    expect(seen).not.toMatch(/"d1":\s*2|"dots"|totals/);
    expect(readSession(viewer).vote?.status).toBe('open');
    for (const format of ['json', 'csv', 'md'] as const) {
      const res = await request(boardExportPath(board.id, format), board.viewToken);
      const text = await res.text();
      expect(text).not.toContain(ANA);
      if (format === 'json') expect(JSON.parse(text).voteRounds).toEqual([]);
      if (format === 'csv')
        for (const row of text.trimEnd().split('\r\n').slice(1)) expect(row).toMatch(/,0,yellow,/);
    }
  });

  it('keeps ballots across a restart of the server', async () => {
    await cast(ANA, { d1: 1, d2: 1 });
    await bench.restart();
    expect(await ballot(ANA)).toEqual({ voteId: vote.id, dots: { d1: 1, d2: 1 }, dotsLeft: 0 });
    const res = await reveal();
    expect(res.status).toBe(200);
    expect(((await res.json()) as RevealAnswer).round.totals).toEqual({
      d1: { dots: 1, voters: 1 },
      d2: { dots: 1, voters: 1 },
    });
  });
});

describe('revealing a vote', () => {
  it('writes the totals and how many voted into the board for everyone, and nothing about who gave which dot', async () => {
    const viewer = (await bench.syncedProvider(board.id, board.viewToken)).doc;
    await cast(ANA, { d1: 2 });
    await cast(BEN, { d1: 1, d2: 1 });
    await ballot(CLEO);
    const res = await reveal();
    expect(res.status).toBe(200);
    const { round } = (await res.json()) as RevealAnswer;
    expect(round).toMatchObject({
      voteId: vote.id,
      scope: 'devices',
      voters: 2,
      totals: { d1: { dots: 3, voters: 2 }, d2: { dots: 1, voters: 1 } },
    });
    for (const doc of [viewer, facilitator]) {
      await waitFor(() => readSession(doc).vote?.status === 'revealed', 'the reveal at a client');
      expect(readSession(doc).voteRounds).toEqual([round]);
      expect(JSON.stringify(doc.toJSON())).not.toContain(ANA);
    }
    const json = await request(boardExportPath(board.id, 'json'), board.viewToken);
    expect(((await json.json()) as { voteRounds: unknown }).voteRounds).toEqual([round]);
    // The ballots are gone from the server once the totals are stored.
    expect(await ballot(ANA)).toEqual({ voteId: null, dots: {}, dotsLeft: 0 });
    const peek = new SqliteStorage(bench.dataDir);
    expect(await peek.listBallots(board.id, vote.id)).toEqual([]);
    expect(await peek.loadBallot(board.id, vote.id, ANA)).toBeNull();
    await peek.close();
  });

  it('reveals only the open vote, once; no ballot is taken after it', async () => {
    await cast(ANA, { d1: 1 });
    expect((await reveal('another-vote')).status).toBe(409);
    expect((await reveal()).status).toBe(200);
    expect((await reveal()).status).toBe(409);
    const late = await put(BEN, { d1: 1 });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ reason: 'no open vote', voteId: null });
    await waitFor(() => readBoard(facilitator).voteRounds.length === 1, 'the round at the facilitator');
    expect(readBoard(facilitator).voteRounds[0]!.totals).toEqual({ d1: { dots: 1, voters: 1 } });
  });
});

describe('bounds on ballots', () => {
  it('answers 429 with Retry-After past MAX_BALLOT_WRITES_PER_MINUTE from one address, reads and others unaffected', async () => {
    await restart({ MAX_BALLOT_WRITES_PER_MINUTE: '5', TRUST_PROXY: '1' });
    const office = '203.0.113.7';
    // Fresh voter keys, as a flood would mint them: each write counts, whoever it is for.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        put(randomBytes(16).toString('base64url'), { d1: i % 2 }, vote.id, board.editToken, office),
      ),
    );
    expect(answers.filter((res) => res.status === 200)).toHaveLength(5);
    const refused = answers.filter((res) => res.status !== 200);
    expect(refused.map((res) => res.status)).toEqual([429, 429, 429]);
    const retryAfter = Number(refused[0]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused[0]!.json()) as { error: string }).error).toMatch(/too many ballot changes/);
    const revealFromOffice = await request(voteRevealPath(board.id), board.editToken, {
      method: 'POST',
      from: office,
      body: JSON.stringify({ voteId: vote.id }),
    });
    expect(revealFromOffice.status).toBe(429);
    expect(await refusals('ballotWriteRate')).toBe(4);
    // Reading one's ballot is not a write; another address has its own allowance.
    const read = await request(boardBallotPath(board.id), board.editToken, { voter: ANA, from: office });
    expect(read.status).toBe(200);
    expect((await put(ANA, { d1: 1 }, vote.id, board.editToken, '198.51.100.9')).status).toBe(200);
  });

  it('refuses a new voter past MAX_BALLOTS_PER_VOTE with 409 and a clear message; those in may change and leave', async () => {
    await restart({ MAX_BALLOTS_PER_VOTE: '2' });
    await cast(ANA, { d1: 1 });
    await cast(BEN, { d2: 1 });
    const full = await put(CLEO, { d1: 1 });
    expect(full.status).toBe(409);
    const body = (await full.json()) as BallotRefusal;
    expect(body).toMatchObject({ reason: 'vote full', voteId: vote.id, dots: {}, dotsLeft: 2 });
    expect(body.error).toMatch(/2 ballots/);
    expect(await refusals('ballotsPerVote')).toBe(1);
    // A voter already in changes their ballot; one who takes every dot back frees a place.
    expect(await cast(ANA, { d1: 2 })).toMatchObject({ dots: { d1: 2 } });
    await cast(BEN, {});
    expect(await cast(CLEO, { d1: 1 })).toMatchObject({ dots: { d1: 1 } });
    const peek = new SqliteStorage(bench.dataDir);
    expect(await peek.listBallots(board.id, vote.id)).toHaveLength(2);
    await peek.close();
  });
});
