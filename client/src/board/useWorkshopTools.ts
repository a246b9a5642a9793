import { useCallback, useEffect, useState } from 'react';
import type { Rect } from '@shared';
import type { Editor } from '../core/editor/Editor';
import { readOnlyOf, selectionOf, useEditorValue } from '../core/editor/useEditorValue';
import { useUndoState } from '../core/undo/useUndoState';
import type { Identity } from '../core/identity/identity';
import { useIterations, type Iterations } from '../iterations/useIterations';
import { useParticipants } from '../core/presence/useParticipants';
import type { Participant } from '../core/presence/participants';
import { usePrivateActions } from '../private/usePrivateActions';
import { usePrivateNotes, type PrivateBrainstorm } from '../core/private/usePrivateNotes';
import { useVoteMode, type VoteMode } from '../voting/useVoteMode';
import { useVoting, type Voting } from '../voting/useVoting';
import { exposeWorkshopTestApi } from './workshopTestApi';

export type WorkshopPanel = 'vote' | 'private' | 'iterations';

/** Dot voting, private brainstorming and iterations, wired into one board page. */
export interface WorkshopTools {
  voting: Voting;
  voteMode: VoteMode;
  brainstorm: PrivateBrainstorm;
  iterations: Iterations;
  participants: readonly Participant[];
  /** Whether Undo and Redo have something to do, on the board or in the private notes. */
  undo: { canUndo: boolean; canRedo: boolean };
  /** Whether the canvas is read-only for editing (view link, refused link, or voting). */
  canvasReadOnly: boolean;
  /** Which panel of the workshop toolbar is open. */
  panel: WorkshopPanel | null;
  togglePanel(panel: WorkshopPanel): void;
  /** Brings a board rectangle into view (the editor's). */
  flyTo(rect: Rect): void;
  /** Selects a note and brings it into view when it is off screen (the editor's). */
  showNote(id: string): void;
}

/**
 * The workshop tools of the board the editor has open; private notes' edits are routed through the
 * editor's commands (see usePrivateActions).
 */
export function useWorkshopTools(editor: Editor, identity: Identity): WorkshopTools {
  const { connection } = editor;
  const readOnly = useEditorValue(editor, readOnlyOf);
  const selection = useEditorValue(editor, selectionOf);
  const [panel, setPanel] = useState<WorkshopPanel | null>(null);
  const showNote = useCallback((id: string) => editor.showNote(id), [editor]);
  const flyTo = useCallback((rect: Rect) => editor.flyTo(rect), [editor]);

  const voting = useVoting(connection, identity, readOnly);
  const voteMode = useVoteMode(voting, identity, connection.store, selection, showNote);
  const brainstorm = usePrivateNotes(connection, identity, readOnly);
  const iterations = useIterations(connection, identity, readOnly, panel === 'iterations');
  const participants = useParticipants(connection.presence);
  usePrivateActions(editor, brainstorm);
  const boardUndo = useUndoState(connection);
  const privateUndo = useUndoState(brainstorm.notes ?? connection);

  useEffect(() => exposeWorkshopTestApi(brainstorm.notes), [brainstorm.notes]);

  // Revealing a vote shows everyone the ranking: the panel opens in the render that sees the reveal.
  const status = voting.vote?.status;
  const [seenStatus, setSeenStatus] = useState<typeof status>(undefined);
  if (status !== seenStatus) {
    setSeenStatus(status);
    if (status === 'revealed') setPanel('vote');
  }

  // The comparison is drawn on the board only while its panel explains it.
  const { stopComparing } = iterations;
  useEffect(() => {
    if (panel !== 'iterations') stopComparing();
  }, [panel, stopComparing]);
  const togglePanel = useCallback(
    (next: WorkshopPanel) => setPanel((current) => (current === next ? null : next)),
    [],
  );

  return {
    voting,
    voteMode,
    brainstorm,
    iterations,
    participants,
    undo: {
      canUndo: boardUndo.canUndo || privateUndo.canUndo,
      canRedo: boardUndo.canRedo || privateUndo.canRedo,
    },
    canvasReadOnly: readOnly || voteMode.on,
    panel,
    togglePanel,
    flyTo,
    showNote,
  };
}
