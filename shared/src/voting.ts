import * as Y from 'yjs';
import { CommandError } from './commands';
import { randomId } from './ids';
import { createProjector } from './projection';
import { boardMaps, readNote, readZones, type BoardSnapshot, type Note } from './schema';
import {
  isDotsPerPerson,
  isVoteScope,
  MAX_DOTS_PER_PERSON,
  readSession,
  type VoteScope,
  type VoteState,
} from './session';
import { checkPersonId, checkTime, writeSessionKey } from './sessionWrite';

/**
 * Dot voting. The vote itself is the session's `vote` value; the dots live on the notes, in each note's
 * `votes` map (person id -> dots that person put on the note), so results survive the end of the vote
 * until the next one starts.
 */

/** Why a dot could not be placed or removed, in words the UI can show as they are. */
export type DotRefusal =
  'no open vote' | 'unknown note' | 'not in this vote' | 'no dots left' | 'no dot here';

export type DotResult = { ok: true; dotsLeft: number } | { ok: false; reason: DotRefusal };

/**
 * Starts a dot vote on one layer's notes or on the whole board, replacing any vote. Every dot on the
 * board is cleared in the same transaction: a new vote starts fresh.
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
    boardMaps(doc).notes.forEach((note) => {
      const votes = note.get('votes');
      if (votes instanceof Y.Map && votes.size > 0) votes.clear();
    });
    writeSessionKey(doc, 'vote', vote, origin);
  }, origin);
  return vote;
}

/** Closes the open vote and shows its results; returns false when no vote was open. */
export function revealVote(doc: Y.Doc, origin: unknown): boolean {
  const vote = readSession(doc).vote;
  if (vote?.status !== 'open') return false;
  writeSessionKey(doc, 'vote', { ...vote, status: 'revealed' } satisfies VoteState, origin);
  return true;
}

/** Removes the vote; the dots stay on the notes until the next vote starts. Returns whether there was one. */
export function endVote(doc: Y.Doc, origin: unknown): boolean {
  if (!readSession(doc).vote) return false;
  writeSessionKey(doc, 'vote', null, origin);
  return true;
}

function dotsOf(votes: unknown, userId: string): number {
  if (!(votes instanceof Y.Map)) return 0;
  const dots: unknown = votes.get(userId);
  return typeof dots === 'number' && Number.isInteger(dots) && dots > 0 ? dots : 0;
}

function dotsUsedInDoc(doc: Y.Doc, userId: string): number {
  let used = 0;
  boardMaps(doc).notes.forEach((note) => (used += dotsOf(note.get('votes'), userId)));
  return used;
}

/**
 * Puts one of `userId`'s dots on a note. Several dots on one note are allowed. Refuses (with a reason)
 * when no vote is open, the note is gone or outside the vote's layer, or the person has no dots left.
 */
export function placeDot(doc: Y.Doc, noteId: string, userId: string, origin: unknown): DotResult {
  const voter = checkPersonId(userId, 'userId');
  const vote = readSession(doc).vote;
  if (vote?.status !== 'open') return { ok: false, reason: 'no open vote' };
  const note = boardMaps(doc).notes.get(noteId);
  if (!(note instanceof Y.Map)) return { ok: false, reason: 'unknown note' };
  if (vote.scope !== 'board') {
    const placement = createProjector(readZones(doc)).placeNote(readNote(noteId, note));
    if (placement?.layer !== vote.scope) return { ok: false, reason: 'not in this vote' };
  }
  const used = dotsUsedInDoc(doc, voter);
  if (used >= vote.dotsPerPerson) return { ok: false, reason: 'no dots left' };
  doc.transact(() => {
    let votes = note.get('votes');
    if (!(votes instanceof Y.Map)) {
      // Only a faulty client leaves a note without its votes map; give it one rather than refuse.
      votes = new Y.Map<number>();
      note.set('votes', votes);
    }
    (votes as Y.Map<number>).set(voter, dotsOf(votes, voter) + 1);
  }, origin);
  return { ok: true, dotsLeft: vote.dotsPerPerson - used - 1 };
}

/**
 * Takes one of `userId`'s dots back from a note while the vote is open, wherever the note has moved
 * meanwhile (a dot must never get stuck).
 */
export function removeDot(doc: Y.Doc, noteId: string, userId: string, origin: unknown): DotResult {
  const voter = checkPersonId(userId, 'userId');
  const vote = readSession(doc).vote;
  if (vote?.status !== 'open') return { ok: false, reason: 'no open vote' };
  const note = boardMaps(doc).notes.get(noteId);
  if (!(note instanceof Y.Map)) return { ok: false, reason: 'unknown note' };
  const votes = note.get('votes');
  const dots = dotsOf(votes, voter);
  if (dots === 0 || !(votes instanceof Y.Map)) return { ok: false, reason: 'no dot here' };
  doc.transact(() => {
    if (dots === 1) votes.delete(voter);
    else votes.set(voter, dots - 1);
  }, origin);
  return { ok: true, dotsLeft: Math.max(0, vote.dotsPerPerson - dotsUsedInDoc(doc, voter)) };
}

/** All the dots on a note, every voter's together. */
export function noteDots(note: Pick<Note, 'votes'>): number {
  let dots = 0;
  for (const voter in note.votes) dots += note.votes[voter]!;
  return dots;
}

/** How many dots `userId` has placed on the board's notes. */
export function dotsUsed(snapshot: Pick<BoardSnapshot, 'notes'>, userId: string): number {
  let used = 0;
  for (const note of snapshot.notes) used += note.votes[userId] ?? 0;
  return used;
}

/** How many dots `userId` may still place in this vote. */
export function dotsLeft(snapshot: Pick<BoardSnapshot, 'notes'>, vote: VoteState, userId: string): number {
  return Math.max(0, vote.dotsPerPerson - dotsUsed(snapshot, userId));
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
  /** Dotted notes, most dots first; equal dots: more voters first, then painting order. */
  notes: VotedNote[];
  /** People who placed at least one dot. */
  voters: number;
  dotsCast: number;
}

/**
 * The results of a vote: every dotted note in the vote's scope, ranked. With `vote` null (the vote was
 * ended; its dots stay until the next one) every dotted note counts. A note moved out of the voted layer
 * leaves that layer's results, as it left the layer.
 */
export function voteResults(snapshot: BoardSnapshot, vote: Pick<VoteState, 'scope'> | null): VoteResults {
  const projector = vote && vote.scope !== 'board' ? createProjector(snapshot.zones) : null;
  const people = new Set<string>();
  const dotted: VotedNote[] = [];
  let dotsCast = 0;
  for (const note of snapshot.notes) {
    const voters = Object.keys(note.votes);
    if (voters.length === 0) continue;
    if (projector && projector.placeNote(note)?.layer !== vote!.scope) continue;
    let dots = 0;
    for (const voter of voters) {
      dots += note.votes[voter]!;
      people.add(voter);
    }
    dotsCast += dots;
    dotted.push({ note, dots, voters: voters.length, rank: 0 });
  }
  // Array.prototype.sort is stable, so equal notes keep the snapshot's painting order on every replica.
  dotted.sort((a, b) => b.dots - a.dots || b.voters - a.voters);
  dotted.forEach((entry, i) => {
    const previous = dotted[i - 1];
    entry.rank = previous && previous.dots === entry.dots ? previous.rank : i + 1;
  });
  return { notes: dotted, voters: people.size, dotsCast };
}
