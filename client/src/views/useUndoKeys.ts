import { useEffect } from 'react';
import type { BoardConnection } from '../core/connection/BoardConnection';

/**
 * Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redoes this person's changes while a structured
 * view is shown. The canvas's own shortcuts are off there (their arrows and space would act on the
 * hidden canvas's selection), but undoing a move made in the grid must still be one key away.
 */
export function useUndoKeys(connection: BoardConnection, readOnly: boolean): void {
  useEffect(() => {
    if (readOnly) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const target = e.target;
      if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]'))
        return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) connection.undoManager.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') connection.undoManager.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [connection, readOnly]);
}
