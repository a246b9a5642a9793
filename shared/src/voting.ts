import * as Y from 'yjs';
import { CommandError } from './commands';
import { randomId } from './ids';
import { createProjector } from './projection';
import { boardMaps, readNote, readZones, type Note } from './schema';
import { readSession, type VoteState } from './session';
import { checkPersonId, checkTime, writeSessionKey } from './sessionWrite';
import {
  isDotsPerPerson,
  isVoteScope,
  MAX_DOTS_PER_PERSON,
  MAX_VOTE_ROUNDS,
  parseVoteRounds,
  type NoteTotal,
  type VoteRound,
  type VoteScope,
} from './voteRounds';

/**
 * Sealed dot voting. The vote itself is the session's `vote` value. While it is open each person's dots
 * are their ballot, which the server holds (never the document, so no one can read anyone else's); the
 * client shows its own ballot and changes it through the server, which checks every change with
 * `checkBallot`. On the reveal the server counts the ballots (`revealVote`) and writes only the totals
 * into the document, as a round of the session's `voteRounds`, which later votes never erase.
 *
 * Boards from before sealed voting hold each person's dots in a `votes` map on every note. Nothing reads
 * those maps; starting or revealing a vote deletes them.
 */

/**
 * Why a dot could not be placed or removed, in words the UI can show as they are. `vote full` is the
 * server's alone: the vote holds as many ballots as it may, and this person has none.
 */
export type DotRefusal =
  'no open vote' | 'unknown note' | 'not in this vote' | 'no dots left' | 'no dot here' | 'vote full';

export type DotResult = { ok: true; dotsLeft: number } | { ok: false; reason: DotRefusal };

/** One person's dots in one vote: note id -> dots (each above 0). */
export type Ballot = Readonly<Record<string, number>>;

export const EMPTY_BALLOT: Ballot = Object.freeze({});

/** Where a note stands in a vote: in its scope, outside it (another layer), or gone from the board. */
export type DotTarget = 'in' | 'out' | 'gone';

/** The longest note id a ballot may name (ids are random strings made on the client). */
const MAX_NOTE_ID = 64;

/** Deletes what boards from before sealed voting kept on their notes: every person's dots. */
function deleteLegacyDots(doc: Y.Doc): void {
  boardMaps(doc).notes.forEach((note) => {
    if (note instanceof Y.Map && note.has('votes')) note.delete('votes');
  });
}

/**
 * Starts a dot vote on one layer's notes or on the whole board, replacing any vote. Earlier rounds'
 * results stay in the session; an old board's per-person dots are deleted in the same transaction.
 */
export function startVote(
  doc: Y.Doc,
  options: { scope: VoteScope; dotsPerPerson: number },
  by: string,
  origin: unknown,
  now: number,
): VoteState {
  if (!isVoteScope(options.scope)) throw new CommandError(`unknown vote scope: ${String(options.scope)}`);
  if (!isDotsPerPerson(options.dotsPerPerson)) {
    throw new CommandError(`dotsPerPerson must be a whole number from 1 to ${MAX_DOTS_PER_PERSON}`);
  }
  const vote: VoteState = {
    id: randomId(),
    scope: options.scope,
    dotsPerPerson: options.dotsPerPerson,
    status: 'open',
    startedAt: checkTime(now, 'now'),
    startedBy: checkPersonId(by, 'by'),
  };
  doc.transact(() => {
    deleteLegacyDots(doc);
    writeSessionKey(doc, 'vote', vote, origin);
  }, origin);
  return vote;
}

/** Removes the vote; the revealed rounds stay. Returns whether there was one. */
export function endVote(doc: Y.Doc, origin: unknown): boolean {
  if (!readSession(doc).vote) return false;
  writeSessionKey(doc, 'vote', null, origin);
  return true;
}

/**
 * Tells where notes stand in a vote, for many lookups on one state of the board. A note moved out of
 * the voted layer is out, whatever layer it started in.
 */
export function dotTargets(doc: Y.Doc, scope: VoteScope): (noteId: string) => DotTarget {
  const { notes } = boardMaps(doc);
  const projector = scope === 'board' ? null : createProjector(readZones(doc));
  return (noteId) => {
    const map = notes.get(noteId);
    if (!(map instanceof Y.Map)) return 'gone';
    if (!projector) return 'in';
    return projector.placeNote(readNote(noteId, map))?.layer === scope ? 'in' : 'out';
  };
}

/** All the dots of a ballot. */
export function ballotDots(ballot: Ballot): number {
  let dots = 0;
  for (const noteId in ballot) dots += ballot[noteId]!;
  return dots;
}

/**
 * A ballot without the notes that are gone from the board: their dots are free again, as they were when
 * dots lived on the notes. Returns the same object when nothing is dropped.
 */
export function pruneBallot(ballot: Ballot, exists: (noteId: string) => boolean): Ballot {
  let pruned: Record<string, number> | null = null;
  for (const noteId in ballot) {
    if (exists(noteId)) continue;
    pruned ??= { ...ballot };
    delete pruned[noteId];
  }
  return pruned ?? ballot;
}

/**
 * Reads a ballot sent over the wire: an object of note ids (1 to 64 characters) to whole numbers of
 * dots from 0 to 20, naming at most 20 notes with dots. Notes with 0 dots are dropped. Null otherwise.
 */
export function parseBallot(value: unknown): Ballot | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const ballot: Record<string, number> = {};
  let named = 0;
  for (const [noteId, dots] of Object.entries(value as Record<string, unknown>)) {
    if (noteId === '' || noteId.length > MAX_NOTE_ID) return null;
    if (!Number.isInteger(dots) || (dots as number) < 0 || (dots as number) > MAX_DOTS_PER_PERSON)
      return null;
    if (dots === 0) continue;
    if (++named > MAX_DOTS_PER_PERSON) return null;
    ballot[noteId] = dots as number;
  }
  return ballot;
}

export type BallotChange = { ok: true; ballot: Ballot; dotsLeft: number } | { ok: false; reason: DotRefusal };

/**
 * Puts one more dot on a note, or takes one back, in a ballot (pruned of gone notes by the caller).
 * Several dots on one note are allowed; a dot is placed only on a note in the vote's scope, and taken
 * back from anywhere, wherever the note has moved meanwhile (a dot must never get stuck).
 */
export function changeBallot(
  ballot: Ballot,
  noteId: string,
  action: 'place' | 'remove',
  dotsPerPerson: number,
  target: DotTarget,
): BallotChange {
  const dots = ballot[noteId] ?? 0;
  const next: Record<string, number> = { ...ballot };
  if (action === 'place') {
    if (target === 'gone') return { ok: false, reason: 'unknown note' };
    if (target === 'out') return { ok: false, reason: 'not in this vote' };
    if (ballotDots(ballot) >= dotsPerPerson) return { ok: false, reason: 'no dots left' };
    next[noteId] = dots + 1;
  } else {
    if (dots === 0) return { ok: false, reason: 'no dot here' };
    if (dots === 1) delete next[noteId];
    else next[noteId] = dots - 1;
  }
  return { ok: true, ballot: next, dotsLeft: Math.max(0, dotsPerPerson - ballotDots(next)) };
}

export type BallotCheck = { ok: true; ballot: Ballot } | { ok: false; reason: DotRefusal };

/**
 * The server's check of a ballot a person sends to replace their stored one: every note that gets more
 * dots than before must be on the board and in the vote's scope, and all the dots together within the
 * allowance. Fewer dots are always fine. Resolves to the ballot to store, without notes that are gone.
 */
export function checkBallot(
  stored: Ballot,
  next: Ballot,
  dotsPerPerson: number,
  targetOf: (noteId: string) => DotTarget,
): BallotCheck {
  for (const noteId in next) {
    if (next[noteId]! <= (stored[noteId] ?? 0)) continue;
    const target = targetOf(noteId);
    if (target !== 'in')
      return { ok: false, reason: target === 'gone' ? 'unknown note' : 'not in this vote' };
  }
  const ballot = pruneBallot(next, (noteId) => targetOf(noteId) !== 'gone');
  if (ballotDots(ballot) > dotsPerPerson) return { ok: false, reason: 'no dots left' };
  return { ok: true, ballot };
}

/**
 * Counts ballots: per note in the vote's scope, its dots and how many people gave it one; and how many
 * people placed a dot that counted. Dots on notes that left the scope or the board do not count.
 */
export function tallyBallots(
  ballots: Iterable<Ballot>,
  targetOf: (noteId: string) => DotTarget,
): { voters: number; totals: Record<string, NoteTotal> } {
  const totals: Record<string, NoteTotal> = {};
  const targets = new Map<string, DotTarget>();
  let voters = 0;
  for (const ballot of ballots) {
    let counted = false;
    for (const noteId in ballot) {
      const dots = ballot[noteId]!;
      if (!(dots > 0)) continue;
      let target = targets.get(noteId);
      if (target === undefined) targets.set(noteId, (target = targetOf(noteId)));
      if (target !== 'in') continue;
      const total = (totals[noteId] ??= { dots: 0, voters: 0 });
      total.dots += dots;
      total.voters += 1;
      counted = true;
    }
    if (counted) voters += 1;
  }
  return { voters, totals };
}

/**
 * Reveals the open vote `voteId` (the server does, once it holds every ballot): counts the ballots and
 * writes, in one transaction, the totals as a new round of `voteRounds` (the oldest giving way past
 * MAX_VOTE_ROUNDS) and the vote's status `revealed`, and deletes an old board's per-person dots. Nothing
 * about who gave which dot enters the document. Null, changing nothing, when that vote is not open.
 */
export function revealVote(
  doc: Y.Doc,
  voteId: string,
  ballots: Iterable<Ballot>,
  origin: unknown,
  now: number,
): VoteRound | null {
  checkTime(now, 'now');
  const vote = readSession(doc).vote;
  if (vote?.status !== 'open' || vote.id !== voteId) return null;
  const { voters, totals } = tallyBallots(ballots, dotTargets(doc, vote.scope));
  const round: VoteRound = {
    voteId: vote.id,
    scope: vote.scope,
    dotsPerPerson: vote.dotsPerPerson,
    startedAt: vote.startedAt,
    revealedAt: now,
    voters,
    totals,
  };
  const earlier = parseVoteRounds(boardMaps(doc).session.get('voteRounds')).filter(
    (r) => r.voteId !== voteId,
  );
  doc.transact(() => {
    deleteLegacyDots(doc);
    writeSessionKey(doc, 'voteRounds', [...earlier, round].slice(-MAX_VOTE_ROUNDS), origin);
    writeSessionKey(doc, 'vote', { ...vote, status: 'revealed' } satisfies VoteState, origin);
  }, origin);
  return round;
}

/** The revealed round of a vote, or null before its reveal. */
export function roundOf(rounds: readonly VoteRound[], voteId: string): VoteRound | null {
  for (let i = rounds.length - 1; i >= 0; i--) if (rounds[i]!.voteId === voteId) return rounds[i]!;
  return null;
}

/**
 * The results the board shows outside the vote's own views (the phone's list, the CSV's dots): the
 * current vote's once revealed, the last revealed round once the vote ended, none while a vote is open.
 */
export function shownRound(session: {
  vote: VoteState | null;
  voteRounds: readonly VoteRound[];
}): VoteRound | null {
  const { vote, voteRounds } = session;
  if (!vote) return voteRounds[voteRounds.length - 1] ?? null;
  return vote.status === 'revealed' ? roundOf(voteRounds, vote.id) : null;
}

/** One note in the results of a vote. */
export interface VotedNote {
  note: Note;
  /** All dots on the note. */
  dots: number;
  /** How many people put at least one dot on it. */
  voters: number;
  /** 1 for the most dots; notes with as many dots share a rank (1, 2, 2, 4). */
  rank: number;
}

export interface VoteResults {
  /** Dotted notes still on the board, most dots first; equal dots: more voters first, then painting order. */
  notes: VotedNote[];
  /** People who placed at least one dot. */
  voters: number;
  dotsCast: number;
}

/**
 * The ranking of a revealed round over the board's notes (in painting order). The totals are what the
 * server counted at the reveal: a note moved since keeps its result; a deleted one leaves the ranking.
 */
export function voteResults(notes: readonly Note[], round: VoteRound): VoteResults {
  const dotted: VotedNote[] = [];
  let dotsCast = 0;
  for (const noteId in round.totals) dotsCast += round.totals[noteId]!.dots;
  for (const note of notes) {
    const total = round.totals[note.id];
    if (total) dotted.push({ note, dots: total.dots, voters: total.voters, rank: 0 });
  }
  // Array.prototype.sort is stable, so equal notes keep the painting order on every replica.
  dotted.sort((a, b) => b.dots - a.dots || b.voters - a.voters);
  dotted.forEach((entry, i) => {
    const previous = dotted[i - 1];
    entry.rank = previous && previous.dots === entry.dots ? previous.rank : i + 1;
  });
  return { notes: dotted, voters: round.voters, dotsCast };
}
