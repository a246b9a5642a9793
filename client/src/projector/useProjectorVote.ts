import { useMemo } from 'react';
import type { Editor } from '../core/editor/Editor';
import { useEditorValue } from '../core/editor/useEditorValue';
import type { Identity } from '../core/identity/identity';
import { useVoting, type Voting } from '../voting/useVoting';
import type { VoteDisplay } from '../core/votes/voteDisplay';
import { resultsByNote } from '../voting/voteTally';
import { voteSize } from './voteSize';

const voteSizeOf = (editor: Editor): number => voteSize(editor.camera.scale, editor.size.height);

/** The vote as the room's screen shows it: the rail's words and what the notes draw. */
export interface ProjectorVote {
  voting: Voting;
  /** For the notes' decorations: out-of-scope notes dimmed while open, totals and ranks once revealed. */
  display: VoteDisplay | null;
}

/**
 * Dot voting on the projector, read only (its view token has no ballot and places no dots). While the
 * vote is open the notes draw no dots at all: the room sees which notes are in the vote, never anyone's
 * dots (they are sealed at the server), until the facilitator reveals the totals.
 */
export function useProjectorVote(editor: Editor, identity: Identity): ProjectorVote {
  const voting = useVoting(editor.connection, identity, true);
  const { vote, results, inScope } = voting;
  // A number in quarter steps: the screen re-renders when it changes, not on every camera frame.
  const size = useEditorValue(editor, voteSizeOf);
  const byNote = useMemo(() => (results ? resultsByNote(results) : null), [results]);
  const display = useMemo<VoteDisplay | null>(
    () =>
      vote
        ? { status: vote.status, ballot: null, color: identity.color, inScope, results: byNote, size }
        : null,
    [vote, identity.color, inScope, byNote, size],
  );
  return { voting, display };
}
