import * as Y from 'yjs';

/** Keystrokes closer together than this undo as one step. */
export const TYPING_CAPTURE_MS = 500;

/**
 * Undo and redo of one person's own changes to `types`: only transactions with `origin` are tracked, so
 * undo never takes back what someone else did. Keystrokes closer together than TYPING_CAPTURE_MS undo
 * as one step.
 */
export function personalUndoManager(
  types: ConstructorParameters<typeof Y.UndoManager>[0],
  origin: unknown,
): Y.UndoManager {
  return new Y.UndoManager(types, {
    trackedOrigins: new Set([origin]),
    captureTimeout: TYPING_CAPTURE_MS,
  });
}

/**
 * Runs a gesture (a drag, a resize) so that all its writes undo as one step, however long it lasts, and
 * apart from what came before and after. Call it when the gesture starts and the returned function when
 * it ends.
 */
export function beginUndoGesture(undoManager: Y.UndoManager): () => void {
  undoManager.stopCapturing();
  undoManager.captureTimeout = Number.POSITIVE_INFINITY;
  return () => {
    undoManager.captureTimeout = TYPING_CAPTURE_MS;
    undoManager.stopCapturing();
  };
}
