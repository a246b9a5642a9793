import type Konva from 'konva';
import { useMemo, useRef, type RefObject } from 'react';
import { moveNotes, type NotePosition } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { Editor } from '../core/editor/Editor';
import type { NoteHandlers } from './NoteNode';
import type { LongPress } from './useLongPress';
import type { Point } from '../core/viewport/viewport';

export interface NoteGestureOptions {
  /** The board's connection, or another surface of notes (a person's private notes). */
  connection: Pick<BoardConnection, 'store' | 'doc' | 'origin' | 'beginGesture'>;
  /** The board's editor: selection, editing, the menu and the space key live there. */
  editor: Editor;
  /** Whether notes may be edited here, read when a gesture asks (a view link, or a vote in progress). */
  readOnly: () => boolean;
  notesLayerRef: RefObject<Konva.Layer | null>;
  longPress: LongPress;
  /** Whether the stage runs a gesture of its own (pan, pinch): a note must not start a drag then. */
  stageGestureRunning: () => boolean;
}

interface DragState {
  ids: string[];
  start: Map<string, Point>;
  frame: number | null;
  latest: NotePosition[];
  endGesture: () => void;
}

/**
 * The handlers of each note drawn as a node of its own: a press selects it (a long one on touch opens
 * its menu), Konva drags it and every other selected note with it, a double-click edits it. They stay
 * the same object for the life of the document, so the memoised notes never re-render for them.
 */
export function useNoteGestures(options: NoteGestureOptions): NoteHandlers {
  const { connection, editor, readOnly, notesLayerRef, longPress, stageGestureRunning } = options;
  const { store, doc, origin } = connection;
  const drag = useRef<DragState | null>(null);

  return useMemo<NoteHandlers>(() => {
    const writePositions = () => {
      const state = drag.current;
      if (!state) return;
      state.frame = null;
      moveNotes(doc, state.latest, origin);
    };
    return {
      onPointerDown(id, event) {
        if (event.evt.button === 2) {
          // Right-click keeps a multi-selection that holds the note, else selects the note alone.
          editor.setSelection((current) => (current.has(id) ? current : new Set([id])));
          return;
        }
        if (event.evt.button !== 0 || editor.spaceHeld) return;
        editor.selectLink(null);
        const additive = event.evt.shiftKey;
        editor.setSelection((current) => {
          if (additive) {
            const next = new Set(current);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          }
          return current.has(id) ? current : new Set([id]);
        });
        if (event.evt.pointerType === 'touch') {
          const at = { x: event.evt.offsetX, y: event.evt.offsetY };
          longPress.start(() => {
            event.target.stopDrag();
            editor.openMenu(at);
          });
        }
      },
      onDragStart(id, event) {
        longPress.cancel();
        if (stageGestureRunning()) {
          // Panning (space, middle button) or pinching: the note stays where it is.
          event.target.stopDrag();
          return;
        }
        const current = editor.selection;
        const ids = current.has(id) ? [...current] : [id];
        const start = new Map<string, Point>();
        for (const noteId of ids) {
          const note = store.getNote(noteId);
          if (note) start.set(noteId, { x: note.x, y: note.y });
        }
        const endGesture = connection.beginGesture();
        drag.current = { ids: [...start.keys()], start, frame: null, latest: [], endGesture };
      },
      onDragMove(id, event) {
        const state = drag.current;
        const from = state?.start.get(id);
        if (!state || !from) return;
        const dx = event.target.x() - from.x;
        const dy = event.target.y() - from.y;
        state.latest = state.ids.map((noteId) => {
          const p = state.start.get(noteId)!;
          const position = { id: noteId, x: Math.round(p.x + dx), y: Math.round(p.y + dy) };
          if (noteId !== id) notesLayerRef.current?.findOne(`#${noteId}`)?.position(position);
          return position;
        });
        // The document is written at most once per frame; Konva moves the nodes in between.
        if (state.frame === null) state.frame = requestAnimationFrame(writePositions);
      },
      onDragEnd() {
        const state = drag.current;
        if (!state) return;
        if (state.frame !== null) cancelAnimationFrame(state.frame);
        if (state.latest.length > 0) moveNotes(doc, state.latest, origin);
        state.endGesture();
        drag.current = null;
      },
      onEdit(id) {
        if (readOnly()) return;
        editor.select([id]);
        editor.startEditing(id);
      },
      onContextMenu(_id, event) {
        event.evt.preventDefault();
        const p = event.target.getStage()?.getPointerPosition();
        if (p) editor.openMenu(p);
      },
    };
  }, [connection, editor, readOnly, doc, origin, store, notesLayerRef, longPress, stageGestureRunning]);
}
