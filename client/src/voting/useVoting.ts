import { useMemo } from 'react';
import {
  endVote,
  placeDot,
  removeDot,
  revealVote,
  startVote,
  type DotResult,
  type Note,
  type VoteResults,
  type VoteScope,
  type VoteState,
} from '@shared';
import type { BoardConnection } from '../board/BoardConnection';
import type { Identity } from '../identity';
import { useBoardSnapshot } from '../views/useBoardSnapshot';
import { useSession } from '../facilitation/useSession';
import { scopeFilter, tallyVote } from './voteTally';

/**
 * The origin of dot changes. Not the connection's local origin, which the undo manager tracks: Ctrl+Z must
 * never take back a dot (nor bring back the previous vote's dots that starting a vote clears).
 */
export const VOTE_ORIGIN = { vote: true } as const;

/** Dot voting on one board for one person, independent of how it is shown (canvas, phone, panel). */
export interface Voting {
  /** The vote, open or revealed; null when none runs. */
  vote: VoteState | null;
  /** Whether this person may start, reveal and end votes: the facilitator, or anyone with the edit link while no one holds that role. */
  canRun: boolean;
  /** Who runs the workshop, for "only Ana can start a vote". */
  facilitatorName: string | null;
  /** Whether this person can place dots now (edit link and an open vote). */
  canVote: boolean;
  dotsUsed: number;
  dotsLeft: number;
  /** People who placed at least one dot in the vote's scope. */
  voters: number;
  /** Ranked results: only once the vote is revealed, null before. */
  results: VoteResults | null;
  /** Whether a note takes part in the vote (its centre is in the voted layer). */
  inScope(note: Note): boolean;
  /** This person's dots on a note. */
  myDots(note: Note): number;
  place(noteId: string): DotResult;
  remove(noteId: string): DotResult;
  start(options: { scope: VoteScope; dotsPerPerson: number }): void;
  reveal(): void;
  end(): void;
}

/** The dot vote of a board as seen by `identity`. Counts follow the throttled board snapshot. */
export function useVoting(connection: BoardConnection, identity: Identity, readOnly: boolean): Voting {
  const { doc, store } = connection;
  const session = useSession(doc);
  const board = useBoardSnapshot(store);
  const { vote, facilitator } = session;
  const userId = identity.id;
  const canRun = !readOnly && (facilitator === null || facilitator.id === userId);
  const inScope = useMemo(
    () => (vote ? scopeFilter(board.zones, vote.scope) : () => false),
    [board.zones, vote],
  );
  const tally = useMemo(() => (vote ? tallyVote(board, vote, userId) : null), [board, vote, userId]);

  return useMemo<Voting>(
    () => ({
      vote,
      canRun,
      facilitatorName: facilitator?.name ?? null,
      canVote: !readOnly && vote?.status === 'open',
      dotsUsed: tally?.dotsUsed ?? 0,
      dotsLeft: tally?.dotsLeft ?? 0,
      voters: tally?.voters ?? 0,
      results: vote?.status === 'revealed' && tally ? tally.results : null,
      inScope,
      myDots: (note) => note.votes[userId] ?? 0,
      place: (noteId) => placeDot(doc, noteId, userId, VOTE_ORIGIN),
      remove: (noteId) => removeDot(doc, noteId, userId, VOTE_ORIGIN),
      start: (options) => {
        if (canRun) startVote(doc, options, userId, VOTE_ORIGIN, Date.now());
      },
      reveal: () => {
        if (canRun) revealVote(doc, VOTE_ORIGIN);
      },
      end: () => {
        if (canRun) endVote(doc, VOTE_ORIGIN);
      },
    }),
    [doc, vote, canRun, facilitator, readOnly, tally, inScope, userId],
  );
}
