import { randomBytes } from 'node:crypto';
import {
  addNote,
  boardBallotPath,
  readSession,
  startVote,
  VOTER_KEY_HEADER,
  voteRevealPath,
  type BallotAnswer,
  type RevealAnswer,
} from '@shared';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { postgresTestSchemas, TestBench, waitFor } from './testing';

/**
 * Sealed ballots on relay nodes sharing PostgreSQL (DATABASE_URL) and Redis (REDIS_URL): a person's
 * requests may reach any node. Without both the suite is reported as skipped.
 */
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const schemas = postgresTestSchemas(databaseUrl);
const benches: TestBench[] = [];
afterEach(async () => {
  for (const bench of benches.splice(0)) await bench.dispose();
});
afterAll(() => schemas.dropAll());

describe.skipIf(!databaseUrl || !redisUrl)(
  'sealed ballots on several nodes (needs DATABASE_URL and REDIS_URL)',
  () => {
    it('counts ballots cast on any node when another node reveals the vote', async () => {
      const env = {
        DATABASE_URL: databaseUrl!,
        DATABASE_SCHEMA: schemas.next(),
        REDIS_URL: redisUrl!,
        AUTH_SECRET: randomBytes(24).toString('hex'),
      };
      const [one, two] = [new TestBench(env), new TestBench(env)];
      benches.push(await one.start(), await two.start());
      const board = await one.createBoard('Two nodes vote');
      const facilitator = (await one.syncedProvider(board.id, board.editToken)).doc;
      const viewer = (await two.syncedProvider(board.id, board.viewToken)).doc;
      addNote(facilitator, { id: 'n1', x: 100, y: 300, author: 'a', department: 'd' }, 't');
      const vote = startVote(facilitator, { scope: 'board', dotsPerPerson: 3 }, 'u-a', 't', Date.now());

      const request = (bench: TestBench, path: string, init: RequestInit = {}, voter?: string) =>
        fetch(`${bench.url}${path}`, {
          ...init,
          headers: {
            authorization: `Bearer ${board.editToken}`,
            'content-type': 'application/json',
            ...(voter ? { [VOTER_KEY_HEADER]: voter } : {}),
          },
        });
      const cast = (bench: TestBench, voter: string, dots: Record<string, number>) =>
        request(
          bench,
          boardBallotPath(board.id),
          { method: 'PUT', body: JSON.stringify({ voteId: vote.id, dots }) },
          voter,
        );

      const ana = randomBytes(16).toString('base64url');
      const ben = randomBytes(16).toString('base64url');
      await waitFor(async () => (await cast(two, ana, { n1: 2 })).status === 200, 'the vote on node two');
      expect((await cast(one, ben, { n1: 1 })).status).toBe(200);
      // Ana's ballot, cast on node two, reads back on node one.
      const back = (await (await request(one, boardBallotPath(board.id), {}, ana)).json()) as BallotAnswer;
      expect(back.dots).toEqual({ n1: 2 });

      const res = await request(one, voteRevealPath(board.id), {
        method: 'POST',
        body: JSON.stringify({ voteId: vote.id }),
      });
      expect(res.status).toBe(200);
      const { round } = (await res.json()) as RevealAnswer;
      expect(round).toMatchObject({ voters: 2, totals: { n1: { dots: 3, voters: 2 } } });
      await waitFor(() => readSession(viewer).voteRounds.length === 1, 'the totals at a client of node two');
      expect(readSession(viewer).voteRounds[0]).toEqual(round);
      // Node two now refuses a late ballot: the vote is closed.
      await waitFor(async () => (await cast(two, ben, { n1: 2 })).status === 409, 'the reveal at node two');
    });
  },
);
