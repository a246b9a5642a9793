import { useEffect, useState } from 'react';
import type { BoardConnection } from '../connection/BoardConnection';

/** Whether this person has something to undo or redo; follows the undo manager's stacks. */
export function useUndoState(connection: Pick<BoardConnection, 'undoManager'>): {
  canUndo: boolean;
  canRedo: boolean;
} {
  const { undoManager } = connection;
  const read = () => ({ canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() });
  const [state, setState] = useState(read);
  useEffect(() => {
    const update = () =>
      setState((s) => {
        const next = { canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() };
        return next.canUndo === s.canUndo && next.canRedo === s.canRedo ? s : next;
      });
    undoManager.on('stack-item-added', update);
    undoManager.on('stack-item-popped', update);
    undoManager.on('stack-cleared', update);
    return () => {
      undoManager.off('stack-item-added', update);
      undoManager.off('stack-item-popped', update);
      undoManager.off('stack-cleared', update);
    };
  }, [undoManager]);
  return state;
}
