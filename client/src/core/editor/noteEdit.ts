import * as Y from 'yjs';
import { boardMaps, isBlankText, removeNoteIfBlank } from '@shared';
import { TYPING_CAPTURE_MS } from '../undo/personalUndo';

/** Where the note being edited lives: the board, or the person's private notes; each with its undo. */
export interface NoteEditSurface {
  doc: Y.Doc;
  origin: unknown;
  undoManager: Y.UndoManager;
}

/** One opening of a note's text editor. */
export interface NoteEdit {
  /**
   * The editor closed (Escape, Ctrl+Enter, a click elsewhere): a note left without words is removed,
   * unless `keep` (someone else is editing it too). Once only; later calls do nothing.
   */
  close(keep?: boolean): void;
  /** The editor went away without closing (a re-mount): typing outside it undoes as usual again. */
  suspend(): void;
}

/** The undo step's meta key that names the note the step added to be written (see `noteAdded`). */
const ADDED_NOTE = 'addedNote';

/**
 * Marks this person's last undo step as the one that added a note for them to write, right after
 * adding it (in a step of its own): its editor then carries on that step, and nets it out if the note
 * is left empty.
 */
export function noteAdded(undoManager: Y.UndoManager, id: string): void {
  undoManager.undoStack.at(-1)?.meta.set(ADDED_NOTE, id);
}

/** Whether this person's last undo step is the one that added the note (and what was typed into it). */
function addedByLastStep(undoManager: Y.UndoManager, id: string): boolean {
  return undoManager.undoStack.at(-1)?.meta.get(ADDED_NOTE) === id;
}

/**
 * Begins editing a note's text as one undo step: everything typed until the editor closes undoes at
 * once. A note just added carries on the step that added it, so when it closes still empty, nothing is
 * left of it: that step is undone (the note goes) and dropped from redo, and undo and redo go on with
 * what came before, as if the double-click had not happened. A note that was there before and is left
 * empty is removed in the editing step, so one undo brings it back with its text.
 */
export function beginNoteEdit(surface: NoteEditSurface, id: string): NoteEdit {
  const { doc, origin, undoManager } = surface;
  const fresh = addedByLastStep(undoManager, id);
  // A note that was there already starts a step of its own; a new one goes on with its creation.
  if (!fresh) undoManager.stopCapturing();
  undoManager.captureTimeout = Number.POSITIVE_INFINITY;
  let closed = false;
  const endStep = () => {
    undoManager.captureTimeout = TYPING_CAPTURE_MS;
    undoManager.stopCapturing();
  };
  return {
    close(keep = false) {
      if (closed) return;
      closed = true;
      const text = boardMaps(doc).notes.get(id)?.get('text');
      const blank = text instanceof Y.Text && isBlankText(text.toString());
      if (blank && !keep) {
        if (fresh && addedByLastStep(undoManager, id)) {
          // The step that added the note, and all typed into it: undone, and not to be redone.
          undoManager.undo();
          undoManager.clear(false, true);
        } else {
          removeNoteIfBlank(doc, id, origin);
        }
      }
      endStep();
    },
    suspend() {
      if (!closed) undoManager.captureTimeout = TYPING_CAPTURE_MS;
    },
  };
}
