import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  API_BOARDS_PATH,
  ballotDots,
  checkBallot,
  dotTargets,
  EMPTY_BALLOT,
  isVoterKey,
  parseBallot,
  pruneBallot,
  readSession,
  revealVote,
  VOTER_KEY_HEADER,
  type Ballot,
  type BallotAnswer,
  type BallotRefusal,
  type DotRefusal,
  type RevealAnswer,
  type VoteState,
} from '@shared';
import type { ApiContext, authorize } from './api';
import { allowMethods, clientAddress, HttpError, readBody, sendJson } from './httpUtil';
import type { Room } from './Room';
import type { RoomManager } from './RoomManager';

/**
 * Sealed dot voting over HTTP. While a vote is open each person's dots are their ballot, held here and
 * in storage, never in the document, so no client can read anyone else's; a person reaches their own
 * ballot with an edit token and the voter key their device keeps. The reveal counts the ballots and
 * writes only the totals into the board, as a change of the server's own (see shared's voting.ts).
 */

const BALLOT_PATH = new RegExp(`^${API_BOARDS_PATH}/([^/]+)/ballot$`);
const REVEAL_PATH = new RegExp(`^${API_BOARDS_PATH}/([^/]+)/vote/reveal$`);
/** A ballot names at most 20 notes of 64-character ids: far below this. */
const MAX_BODY_BYTES = 4 * 1024;

/** Handles the ballot and reveal routes; false for any other path. Throws HttpError for refusals. */
export async function handleBallots(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: ApiContext,
  /** api.ts's token check (passed in, so that this module does not import api.ts back). */
  authorized: typeof authorize,
): Promise<boolean> {
  const ballot = BALLOT_PATH.exec(url.pathname);
  if (ballot) {
    allowMethods(req, ['GET', 'HEAD', 'PUT']);
    if (req.method === 'PUT') limitBallotWrites(req, context);
    const id = ballot[1]!;
    await authorized(req, url, id, 'edit', context);
    const voter = voterOf(req, id);
    if (req.method === 'PUT') await putBallot(req, res, id, voter, context);
    else sendJson(res, 200, await ownBallot(id, voter, context));
    return true;
  }
  const reveal = REVEAL_PATH.exec(url.pathname);
  if (reveal) {
    allowMethods(req, ['POST']);
    limitBallotWrites(req, context);
    const id = reveal[1]!;
    await authorized(req, url, id, 'edit', context);
    await revealBallots(req, res, id, context);
    return true;
  }
  return false;
}

/**
 * Each ballot change is a storage write, and anyone with the edit link may send them under any number
 * of voter keys: an address may send `MAX_BALLOT_WRITES_PER_MINUTE` (429 past it), counted before the
 * token is checked or the body read, so that a flood costs next to nothing.
 */
function limitBallotWrites(req: IncomingMessage, context: ApiContext): void {
  const retryAfter = context.ballotLimits.writes.take(clientAddress(req, context.trustProxy));
  if (retryAfter > 0) {
    context.telemetry.refused('ballotWriteRate');
    throw new HttpError(429, 'too many ballot changes from this address; retry later', {
      'Retry-After': String(retryAfter),
    });
  }
}

/**
 * Whose ballot: a hash of the board and the voter key, so the key is never stored and one device's
 * ballots on two boards cannot be linked.
 */
function voterOf(req: IncomingMessage, boardId: string): string {
  const key = req.headers[VOTER_KEY_HEADER];
  if (!isVoterKey(key)) {
    throw new HttpError(
      400,
      `a voter key is required in ${VOTER_KEY_HEADER} (22 to 128 URL-safe characters)`,
    );
  }
  return createHash('sha256').update(`${boardId}:${key}`).digest('hex');
}

/** The person's ballot in the open vote, without notes that are gone from the board. */
async function ownBallot(boardId: string, voter: string, context: ApiContext): Promise<BallotAnswer> {
  const vote = await inRoom(context, boardId, (room) => ({ vote: openVote(room) }));
  if (!vote.vote) return { voteId: null, dots: EMPTY_BALLOT, dotsLeft: 0 };
  const voteId = vote.vote.id;
  const stored = (await context.storage.loadBallot(boardId, voteId, voter)) ?? EMPTY_BALLOT;
  const now = await inRoom(context, boardId, (room) => {
    const open = openVote(room);
    if (open?.id !== voteId) return null;
    const targetOf = dotTargets(room.document(), open.scope);
    return answer(
      open,
      pruneBallot(stored, (noteId) => targetOf(noteId) !== 'gone'),
    );
  });
  return now ?? { voteId: null, dots: EMPTY_BALLOT, dotsLeft: 0 };
}

type Checked =
  | { ok: true; ballot: Ballot; vote: VoteState }
  | { ok: false; refusal: DotRefusal; held: Ballot; vote: VoteState | null };

/** Replaces the person's ballot with the one sent, once shared's checkBallot took it. */
async function putBallot(
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  voter: string,
  context: ApiContext,
): Promise<void> {
  const body = await readJsonObject(req);
  const voteId = voteIdOf(body);
  const dots = parseBallot(body.dots);
  if (!dots) {
    throw new HttpError(400, 'dots must map at most 20 note ids to whole numbers of dots from 0 to 20');
  }
  await oneAtATime(context, boardId, async () => {
    const stored = (await context.storage.loadBallot(boardId, voteId, voter)) ?? EMPTY_BALLOT;
    const checked = await inRoom(context, boardId, (room): Checked => {
      const vote = openVote(room);
      if (vote?.id !== voteId) return { ok: false, refusal: 'no open vote', held: EMPTY_BALLOT, vote };
      const targetOf = dotTargets(room.document(), vote.scope);
      const held = pruneBallot(stored, (noteId) => targetOf(noteId) !== 'gone');
      const check = checkBallot(held, dots, vote.dotsPerPerson, targetOf);
      return check.ok
        ? { ok: true, ballot: check.ballot, vote }
        : { ok: false, refusal: check.reason, held, vote };
    });
    if (!checked.ok) {
      refuse(res, checked.refusal, checked.vote, checked.held);
      return;
    }
    const limit = context.ballotLimits.perVote;
    if (!(await context.storage.saveBallot(boardId, voteId, voter, checked.ballot, limit))) {
      // Every new voter key is a new ballot: without a cap, one edit link could fill storage with them.
      // Refused only to a person without a ballot, so what the server holds for them is none.
      context.telemetry.refused('ballotsPerVote');
      const error = `this vote already holds ${limit} ballots, the most a vote may hold; your dot was not counted`;
      refuse(res, 'vote full', checked.vote, EMPTY_BALLOT, error);
      return;
    }
    // Another node may have revealed the vote meanwhile: the person must not believe this dot counts.
    const open = await inRoom(context, boardId, (room) => ({ still: openVote(room)?.id === voteId }));
    if (!open.still) {
      refuse(res, 'no open vote', null, EMPTY_BALLOT);
      return;
    }
    sendJson(res, 200, answer(checked.vote, checked.ballot));
  });
}

/** Counts the open vote's ballots into the board, then forgets them. */
async function revealBallots(
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  context: ApiContext,
): Promise<void> {
  const body = await readJsonObject(req);
  const voteId = voteIdOf(body);
  await oneAtATime(context, boardId, async () => {
    const open = await inRoom(context, boardId, (room) => ({ vote: openVote(room) }));
    if (open.vote?.id !== voteId) throw new HttpError(409, 'that vote is not open');
    const ballots = await context.storage.listBallots(boardId, voteId);
    const revealed = await inRoom(context, boardId, (room) => ({
      room,
      round: room.changeAsServer((doc, origin) => revealVote(doc, voteId, ballots, origin, Date.now())),
    }));
    if (!revealed.round) throw new HttpError(409, 'that vote is not open');
    // The totals are stored before the ballots they came from go.
    await revealed.room.persistence.flush();
    await context.storage.deleteBallots(boardId);
    sendJson(res, 200, { round: revealed.round } satisfies RevealAnswer);
  });
}

/** The vote a request names; 400 unless it names one. */
function voteIdOf(body: Record<string, unknown>): string {
  if (typeof body.voteId !== 'string' || body.voteId === '')
    throw new HttpError(400, 'voteId must be a string');
  return body.voteId;
}

function openVote(room: Room): VoteState | null {
  const vote = readSession(room.document()).vote;
  return vote?.status === 'open' ? vote : null;
}

function answer(vote: VoteState, dots: Ballot): BallotAnswer {
  return { voteId: vote.id, dots, dotsLeft: Math.max(0, vote.dotsPerPerson - ballotDots(dots)) };
}

function refuse(
  res: ServerResponse,
  reason: DotRefusal,
  vote: VoteState | null,
  held: Ballot,
  error = `dot refused: ${reason}`,
): void {
  const body: BallotRefusal = vote
    ? { ...answer(vote, held), error, reason }
    : { voteId: null, dots: EMPTY_BALLOT, dotsLeft: 0, error, reason };
  sendJson(res, 409, body);
}

/** Runs `read` on the board's room (loading it when needed); 404 for an unknown board, 503 when full. */
async function inRoom<T extends object | null>(
  context: ApiContext,
  boardId: string,
  read: (room: Room) => T,
): Promise<T> {
  const result = await context.manager.useRoom(boardId, read);
  if (result === 'unknownBoard') throw new HttpError(404, 'unknown board');
  if (result === 'serverFull')
    throw new HttpError(503, 'too many boards open; retry later', { 'Retry-After': '5' });
  return result;
}

/**
 * Ballot changes and reveals of one board run one after another on this node, so that a reveal counts
 * every ballot taken before it and none is taken after it.
 */
const queues = new WeakMap<RoomManager, Map<string, Promise<void>>>();

async function oneAtATime(context: ApiContext, boardId: string, work: () => Promise<void>): Promise<void> {
  let boards = queues.get(context.manager);
  if (!boards) queues.set(context.manager, (boards = new Map()));
  const run = (boards.get(boardId) ?? Promise.resolve()).then(work);
  const settled = run.catch(() => {});
  boards.set(boardId, settled);
  try {
    await run;
  } finally {
    if (boards.get(boardId) === settled) boards.delete(boardId);
  }
}

/** The request's body as one JSON object; 400 otherwise, 413 past the limit. */
async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
