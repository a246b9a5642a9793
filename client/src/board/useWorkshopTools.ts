import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Rect } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { BoardActions, EditorSetters, EditorState } from '../core/editor/useBoardActions';
import { useUndoState } from '../core/undo/useUndoState';
import { fitRect } from '../core/viewport/viewport';
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
  /** The board's actions with private notes routed to their own document. */
  actions: BoardActions;
  /** Whether Undo and Redo have something to do, on the board or in the private notes. */
  undo: { canUndo: boolean; canRedo: boolean };
  /** Whether the canvas is read-only for editing (view link, refused link, or voting). */
  canvasReadOnly: boolean;
  /** Which panel of the workshop toolbar is open. */
  panel: WorkshopPanel | null;
  togglePanel(panel: WorkshopPanel): void;
  /** Brings a board rectangle into view. */
  flyTo(rect: Rect): void;
  /** Selects a note and brings it into view when it is off screen. */
  showNote(id: string): void;
}

/** Room kept round a note brought into view, in board units. */
const NOTE_MARGIN = 240;

export function useWorkshopTools(
  connection: BoardConnection,
  identity: Identity,
  boardActions: BoardActions,
  state: EditorState,
  set: EditorSetters,
): WorkshopTools {
  const { readOnly } = state;
  const { setView, setSelection, setSelectedLinkId } = set;
  const [panel, setPanel] = useState<WorkshopPanel | null>(null);
  const latest = useRef(state);
  useLayoutEffect(() => {
    latest.current = state;
  });

  const flyTo = useCallback(
    (rect: Rect) => {
      const { size } = latest.current;
      if (size.width > 0) setView(fitRect(rect, size.width, size.height));
    },
    [setView],
  );
  const showNote = useCallback(
    (id: string) => {
      const note = connection.store.getNote(id);
      if (!note) return;
      setSelection(new Set([id]));
      setSelectedLinkId(null);
      const { view, size } = latest.current;
      const left = (note.x * view.scale + view.x) / size.width;
      const top = (note.y * view.scale + view.y) / size.height;
      const right = ((note.x + note.w) * view.scale + view.x) / size.width;
      const bottom = ((note.y + note.h) * view.scale + view.y) / size.height;
      const onScreen = left >= 0 && top >= 0 && right <= 1 && bottom <= 1 && note.w * view.scale >= 60;
      if (!onScreen) {
        flyTo({
          x: note.x - NOTE_MARGIN,
          y: note.y - NOTE_MARGIN,
          w: note.w + 2 * NOTE_MARGIN,
          h: note.h + 2 * NOTE_MARGIN,
        });
      }
    },
    [connection, setSelection, setSelectedLinkId, flyTo],
  );

  const voting = useVoting(connection, identity, readOnly);
  const voteMode = useVoteMode(voting, identity, connection.store, state.selection, showNote);
  const brainstorm = usePrivateNotes(connection, identity, readOnly);
  const iterations = useIterations(connection, identity, readOnly, panel === 'iterations');
  const participants = useParticipants(connection.presence);
  const actions = usePrivateActions(boardActions, connection, identity, brainstorm, state, set);
  const boardUndo = useUndoState(connection);
  const privateUndo = useUndoState(brainstorm.notes ?? connection);

  useEffect(() => exposeWorkshopTestApi(brainstorm.notes), [brainstorm.notes]);

  // Revealing a vote shows everyone the ranking.
  const status = voting.vote?.status;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (status === 'revealed') setPanel('vote');
  }, [status]);

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
    actions,
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
