import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import {
  ballotDots,
  EMPTY_BALLOT,
  endVote,
  pruneBallot,
  roundOf,
  startVote,
  type Note,
  type VoteResults,
  type VoteRound,
  type VoteScope,
  type VoteState,
} from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { useConnectionState } from '../core/connection/useBoardConnection';
import type { Identity } from '../core/identity/identity';
import { useBoardSnapshot } from '../core/store/useBoardSnapshot';
import { useSession } from '../core/store/useSession';
import { requestReveal } from '../core/votes/ballotApi';
import { ballotOf } from './ballotOf';
import type { BallotResult, BallotStore } from '../core/votes/BallotStore';
import { roundResults, scopeFilter } from './voteTally';

/**
 * The origin of vote changes (start, end). Not the connection's local origin, which the undo manager
 * tracks: Ctrl+Z must never end or restart a vote.
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
  /** This person's sealed ballot (null on a view link): their own dots, the only ones this device knows. */
  ballot: BallotStore | null;
  dotsUsed: number;
  dotsLeft: number;
  /** How many people voted: known once the vote is revealed (ballots are sealed until then), else null. */
  voters: number | null;
  /** Ranked results: only once the vote is revealed, null before. */
  results: VoteResults | null;
  /** Every revealed round kept in the board, oldest first, the current vote's once revealed among them. */
  rounds: readonly VoteRound[];
  /** The revealed round of the current vote; null while it is open or when none runs. */
  currentRound: VoteRound | null;
  /** A round's ranking over the board's notes as they are now. */
  resultsOf(round: VoteRound): VoteResults;
  /** Whether a note takes part in the vote (its centre is in the voted layer). */
  inScope(note: Note): boolean;
  /** This person's dots on a note. */
  myDots(note: Note): number;
  /** Puts one of this person's dots on a note; resolves once the server took it (or why not). */
  place(noteId: string): Promise<BallotResult>;
  /** Takes one of this person's dots back from a note. */
  remove(noteId: string): Promise<BallotResult>;
  start(options: { scope: VoteScope; dotsPerPerson: number }): void;
  /** Asks the server to count the ballots and show the totals to everyone; rejects with why not. */
  reveal(): Promise<void>;
  end(): void;
}

const noSubscription = () => () => {};
const noBallot = () => EMPTY_BALLOT;

/** The dot vote of a board as seen by `identity`. Counts follow the throttled board snapshot. */
export function useVoting(connection: BoardConnection, identity: Identity, readOnly: boolean): Voting {
  const { doc, store } = connection;
  const session = useSession(doc);
  const board = useBoardSnapshot(store);
  const { vote, facilitator, voteRounds } = session;
  const userId = identity.id;
  const canRun = !readOnly && (facilitator === null || facilitator.id === userId);
  // A view link has no ballot: it never asks the server for one (it would be refused).
  const ballotStore = connection.access.role === 'edit' ? ballotOf(connection) : null;
  const online = useConnectionState(connection).kind === 'online';

  useEffect(() => ballotStore?.follow(vote), [ballotStore, vote]);
  // Back online (the server may have restarted, or another tab voted): read the ballot back.
  useEffect(() => {
    if (online) ballotStore?.reload();
  }, [ballotStore, online]);

  const ballot = useSyncExternalStore(
    ballotStore?.subscribe ?? noSubscription,
    ballotStore?.getBallot ?? noBallot,
  );
  // Dots on notes deleted since are free again (the server drops them too).
  const noteIds = useMemo(() => new Set(board.notes.map((n) => n.id)), [board.notes]);
  const dotsUsed = useMemo(() => ballotDots(pruneBallot(ballot, (id) => noteIds.has(id))), [ballot, noteIds]);
  const inScope = useMemo(
    () => (vote ? scopeFilter(board.zones, vote.scope) : () => false),
    [board.zones, vote],
  );
  const round = vote?.status === 'revealed' ? roundOf(voteRounds, vote.id) : null;
  const results = useMemo(() => (round ? roundResults(board.notes, round) : null), [board.notes, round]);

  const change = useCallback(
    (noteId: string, action: 'place' | 'remove'): Promise<BallotResult> => {
      if (!ballotStore || readOnly || vote?.status !== 'open') {
        return Promise.resolve({ ok: false, reason: 'no open vote' });
      }
      const note = store.getNote(noteId);
      const target = !note ? 'gone' : inScope(note) ? 'in' : 'out';
      return ballotStore.change(noteId, action, target, (id) => store.getNote(id) !== undefined);
    },
    [ballotStore, readOnly, vote, store, inScope],
  );

  return useMemo<Voting>(
    () => ({
      vote,
      canRun,
      facilitatorName: facilitator?.name ?? null,
      canVote: !readOnly && ballotStore !== null && vote?.status === 'open',
      ballot: ballotStore,
      dotsUsed,
      dotsLeft: vote ? Math.max(0, vote.dotsPerPerson - dotsUsed) : 0,
      voters: round?.voters ?? null,
      results,
      rounds: voteRounds,
      currentRound: round,
      resultsOf: (r) => roundResults(board.notes, r),
      inScope,
      myDots: (note) => ballot[note.id] ?? 0,
      place: (noteId) => change(noteId, 'place'),
      remove: (noteId) => change(noteId, 'remove'),
      start: (options) => {
        if (canRun) startVote(doc, options, userId, VOTE_ORIGIN, Date.now());
      },
      reveal: async () => {
        if (!canRun || vote?.status !== 'open') return;
        await requestReveal(connection.boardId, connection.access.token, vote.id);
      },
      end: () => {
        if (canRun) endVote(doc, VOTE_ORIGIN);
      },
    }),
    [
      connection,
      doc,
      vote,
      canRun,
      facilitator,
      readOnly,
      ballotStore,
      ballot,
      dotsUsed,
      round,
      results,
      voteRounds,
      board.notes,
      inScope,
      change,
      userId,
    ],
  );
}
