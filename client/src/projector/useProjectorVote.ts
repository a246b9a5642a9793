import { useMemo } from 'react';
import type { BoardConnection } from '../board/BoardConnection';
import type { Identity } from '../identity';
import { useVoting, type Voting } from '../voting/useVoting';
import type { VoteDisplay } from '../voting/voteDisplay';
import { voteSize } from './voteSize';

/** The vote as the room's screen shows it: the rail's words and what the notes draw. */
export interface ProjectorVote {
  voting: Voting;
  /** For the notes' decorations: out-of-scope notes dimmed while open, totals and ranks once revealed. */
  display: VoteDisplay | null;
}

/**
 * Dot voting on the projector, read only (its view token places no dots). While the vote is open the
 * notes draw the projector's own dots, which are always none: the room sees which notes are in the
 * vote, never anyone's dots, until the facilitator reveals the totals.
 */
export function useProjectorVote(
  connection: BoardConnection,
  identity: Identity,
  viewScale: number,
  screenHeight: number,
): ProjectorVote {
  const voting = useVoting(connection, identity, true);
  const { vote, results, inScope } = voting;
  const size = voteSize(viewScale, screenHeight);
  const ranks = useMemo(
    () => (results ? new Map(results.notes.map((n) => [n.note.id, n.rank])) : null),
    [results],
  );
  const display = useMemo<VoteDisplay | null>(
    () =>
      vote ? { status: vote.status, userId: identity.id, color: identity.color, inScope, ranks, size } : null,
    [vote, identity.id, identity.color, inScope, ranks, size],
  );
  return { voting, display };
}
