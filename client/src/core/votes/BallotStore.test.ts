import { describe, expect, it } from 'vitest';
import type { Ballot, BallotAnswer, VoteState } from '@shared';
import type { BallotApi, BallotReply } from './ballotApi';
import { BallotStore } from './BallotStore';

const VOTE: VoteState = {
  id: 'v1',
  scope: 'board',
  dotsPerPerson: 2,
  status: 'open',
  startedAt: 1,
  startedBy: 'fac',
};

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A server the test answers by hand: every request waits until the test settles it. */
function fakeServer(held: Ballot = {}) {
  const gets: ReturnType<typeof deferred<BallotAnswer>>[] = [];
  const puts: { dots: Ballot; reply: ReturnType<typeof deferred<BallotReply>> }[] = [];
  const api: BallotApi = {
    get() {
      const d = deferred<BallotAnswer>();
      gets.push(d);
      return d.promise;
    },
    put(_voteId, dots) {
      const reply = deferred<BallotReply>();
      puts.push({ dots, reply });
      return reply.promise;
    },
  };
  const answer = (dots: Ballot): BallotAnswer => ({ voteId: VOTE.id, dots, dotsLeft: 2 });
  return {
    api,
    gets,
    puts,
    answerGet: (i = gets.length - 1) => gets[i]!.resolve(answer(held)),
    take: (i: number) => puts[i]!.reply.resolve({ ok: true, answer: answer(puts[i]!.dots) }),
    refuse: (i: number, reason: 'not in this vote', dots: Ballot) =>
      puts[i]!.reply.resolve({ ok: false, refusal: { ...answer(dots), error: reason, reason } }),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const everywhere = () => true;

async function openStore(held: Ballot = {}) {
  const server = fakeServer(held);
  const store = new BallotStore(server.api);
  store.follow(VOTE);
  server.answerGet();
  await flush();
  return { store, server };
}

describe('BallotStore', () => {
  it('reads the ballot back from the server when the vote opens', async () => {
    const { store } = await openStore({ n1: 1 });
    expect(store.getBallot()).toEqual({ n1: 1 });
    expect(store.dotsOn('n1')).toBe(1);
  });

  it('shows a dot at once, and sends the ballots one request at a time, the last carrying every dot', async () => {
    const { store, server } = await openStore();
    const seen: Ballot[] = [];
    store.subscribe(() => seen.push(store.getBallot()));
    const first = store.change('n1', 'place', 'in', everywhere);
    await flush();
    expect(store.dotsOn('n1')).toBe(1);
    const second = store.change('n2', 'place', 'in', everywhere);
    const third = store.change('n1', 'remove', 'in', everywhere);
    await flush();
    expect(server.puts.map((p) => p.dots)).toEqual([{ n1: 1 }]);
    server.take(0);
    await flush();
    expect(server.puts.map((p) => p.dots)).toEqual([{ n1: 1 }, { n2: 1 }]);
    server.take(1);
    expect(await first).toEqual({ ok: true, dotsLeft: 1 });
    expect(await second).toEqual({ ok: true, dotsLeft: 0 });
    expect(await third).toEqual({ ok: true, dotsLeft: 1 });
    expect(store.getBallot()).toEqual({ n2: 1 });
    expect(seen.at(-1)).toEqual({ n2: 1 });
  });

  it('refuses here what the server would refuse, without asking it', async () => {
    const { store, server } = await openStore({ n1: 2 });
    expect(await store.change('n2', 'place', 'in', everywhere)).toEqual({
      ok: false,
      reason: 'no dots left',
    });
    expect(await store.change('n3', 'place', 'out', everywhere)).toEqual({
      ok: false,
      reason: 'not in this vote',
    });
    expect(await store.change('n2', 'remove', 'in', everywhere)).toEqual({
      ok: false,
      reason: 'no dot here',
    });
    // A deleted note's dots are free again.
    const freed = store.change('n2', 'place', 'in', (id) => id !== 'n1');
    await flush();
    expect(server.puts.map((p) => p.dots)).toEqual([{ n2: 1 }]);
    server.take(0);
    expect(await freed).toEqual({ ok: true, dotsLeft: 1 });
  });

  it('falls back to what the server holds when it refuses, failing the dots queued behind', async () => {
    const { store, server } = await openStore({ n1: 1 });
    const refused = store.change('n2', 'place', 'in', everywhere);
    const queued = store.change('n1', 'remove', 'in', everywhere);
    await flush();
    server.refuse(0, 'not in this vote', { n1: 1 });
    expect(await refused).toEqual({ ok: false, reason: 'not in this vote' });
    expect(await queued).toEqual({ ok: false, reason: 'not in this vote' });
    expect(server.puts).toHaveLength(1);
    expect(store.getBallot()).toEqual({ n1: 1 });
  });

  it('takes the dot back when the server cannot be reached, and reads the ballot again on reload', async () => {
    const { store, server } = await openStore({ n1: 1 });
    const lost = store.change('n2', 'place', 'in', everywhere);
    await flush();
    server.puts[0]!.reply.reject(new TypeError('Failed to fetch'));
    expect(await lost).toEqual({ ok: false, reason: 'not saved' });
    expect(store.getBallot()).toEqual({ n1: 1 });
    store.reload();
    expect(server.gets).toHaveLength(2);
    server.gets[1]!.resolve({ voteId: VOTE.id, dots: { n1: 1, n3: 1 }, dotsLeft: 0 });
    await flush();
    expect(store.getBallot()).toEqual({ n1: 1, n3: 1 });
  });

  it('starts empty for a new vote and ignores answers about the old one', async () => {
    const { store, server } = await openStore({ n1: 1 });
    const late = store.change('n2', 'place', 'in', everywhere);
    await flush();
    store.follow({ ...VOTE, id: 'v2' });
    expect(store.getBallot()).toEqual({});
    server.take(0);
    expect(await late).toEqual({ ok: false, reason: 'no open vote' });
    expect(store.getBallot()).toEqual({});
    store.follow({ ...VOTE, id: 'v2', status: 'revealed' });
    expect(await store.change('n2', 'place', 'in', everywhere)).toEqual({
      ok: false,
      reason: 'no open vote',
    });
  });
});
