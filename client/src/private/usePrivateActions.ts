import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { BoardConnection } from '../core/connection/BoardConnection';
import {
  useBoardActions,
  type BoardActions,
  type EditorSetters,
  type EditorState,
} from '../core/editor/useBoardActions';
import type { Identity } from '../core/identity/identity';
import { routeActions, stampSteps } from './routeActions';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';

/**
 * The board's actions with private brainstorming in them: while private mode is on, N, double-click,
 * "+ Note" and paste add private notes; a selected private note is deleted, recoloured, moved with the
 * keys and edited in its own document; Ctrl+Z undoes the latest step of either.
 */
export function usePrivateActions(
  boardActions: BoardActions,
  connection: BoardConnection,
  identity: Identity,
  brainstorm: PrivateBrainstorm,
  state: EditorState,
  set: EditorSetters,
): BoardActions {
  const notes = brainstorm.notes;
  const own = useBoardActions(notes ?? connection, identity, state, set);
  const latest = useRef({ brainstorm, selection: state.selection });
  useLayoutEffect(() => {
    latest.current = { brainstorm, selection: state.selection };
  });
  useEffect(() => {
    const stops = [stampSteps(connection.undoManager), ...(notes ? [stampSteps(notes.undoManager)] : [])];
    return () => stops.forEach((stop) => stop());
  }, [connection, notes]);
  // The route reads the latest state through the ref only when an action runs, never during render.
  /* eslint-disable react-hooks/refs */
  return useMemo(
    () =>
      notes
        ? routeActions(
            boardActions,
            own,
            { board: connection.undoManager, own: notes.undoManager },
            {
              privateMode: () => latest.current.brainstorm.active,
              isPrivate: (id) => notes.has(id),
              selection: () => latest.current.selection,
            },
          )
        : boardActions,
    [boardActions, own, connection, notes],
  );
  /* eslint-enable react-hooks/refs */
}
