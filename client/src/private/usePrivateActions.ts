import { useEffect, useLayoutEffect } from 'react';
import type { Editor } from '../core/editor/Editor';
import { routeActions, stampSteps } from './routeActions';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';

/**
 * Puts private brainstorming into the editor's commands: while private mode is on, N, double-click,
 * "+ Note" and paste add private notes; a selected private note is deleted, recoloured, moved with the
 * keys and edited in its own document; Ctrl+Z undoes the latest step of either.
 */
export function usePrivateActions(editor: Editor, brainstorm: PrivateBrainstorm): void {
  const { notes, active } = brainstorm;
  const { connection } = editor;
  useEffect(() => {
    const stops = [stampSteps(connection.undoManager), ...(notes ? [stampSteps(notes.undoManager)] : [])];
    return () => stops.forEach((stop) => stop());
  }, [connection, notes]);
  // Installed before the browser paints, so no key reaches the commands of the mode just left.
  useLayoutEffect(() => {
    if (!notes) return;
    editor.setActions(
      routeActions(
        editor.boardActions,
        editor.commandsFor(notes),
        { board: connection.undoManager, own: notes.undoManager },
        {
          privateMode: () => active,
          isPrivate: (id) => notes.has(id),
          selection: () => editor.selection,
        },
      ),
    );
    return () => editor.setActions(null);
  }, [editor, connection, notes, active]);
}
