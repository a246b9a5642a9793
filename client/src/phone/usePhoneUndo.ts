import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';

/** When each undo step was made, kept on the step, to undo the latest of two documents first. */
const MADE_AT = 'phone-made-at';

const madeAt = (stack: readonly { meta: Map<unknown, unknown> }[]): number =>
  (stack.at(-1)?.meta.get(MADE_AT) as number | undefined) ?? Number.NEGATIVE_INFINITY;

export interface PhoneUndo {
  canUndo: boolean;
  canRedo: boolean;
  undo(): void;
  redo(): void;
}

/**
 * Undo and redo for a person whose changes live in two documents: the board and, while they brainstorm
 * in silence, their private notes. One button undoes whichever step came last, as Ctrl+Z does on the
 * desktop; each document's undo manager still tracks only this person's own changes.
 */
export function usePhoneUndo(board: Y.UndoManager, own: Y.UndoManager | null): PhoneUndo {
  const managers = useMemo(() => (own ? [board, own] : [board]), [board, own]);
  const read = () => ({
    canUndo: managers.some((m) => m.canUndo()),
    canRedo: managers.some((m) => m.canRedo()),
  });
  const [state, setState] = useState(read);
  useEffect(() => {
    const stamp = (event: { stackItem: { meta: Map<unknown, unknown> } }) =>
      event.stackItem.meta.set(MADE_AT, performance.now());
    const update = () =>
      setState((s) => {
        const canUndo = managers.some((m) => m.canUndo());
        const canRedo = managers.some((m) => m.canRedo());
        return s.canUndo === canUndo && s.canRedo === canRedo ? s : { canUndo, canRedo };
      });
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared', 'stack-item-updated'] as const;
    for (const m of managers) {
      m.on('stack-item-added', stamp);
      m.on('stack-item-updated', stamp);
      for (const e of events) m.on(e, update);
    }
    update();
    return () => {
      for (const m of managers) {
        m.off('stack-item-added', stamp);
        m.off('stack-item-updated', stamp);
        for (const e of events) m.off(e, update);
      }
    };
  }, [managers]);
  return useMemo(() => {
    const latest = (stack: 'undoStack' | 'redoStack') =>
      managers.reduce((a, b) => (madeAt(b[stack]) > madeAt(a[stack]) ? b : a));
    return {
      ...state,
      undo: () => latest('undoStack').undo(),
      redo: () => latest('redoStack').redo(),
    };
  }, [managers, state]);
}
