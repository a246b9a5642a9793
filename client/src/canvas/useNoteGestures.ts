import type Konva from 'konva';
import { useEffect, useMemo, useRef, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { moveNotes, type NotePosition } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { NoteHandlers } from './NoteNode';
import type { LongPress } from './useLongPress';
import type { Point } from '../core/viewport/viewport';

export interface NoteGestureOptions {
  /** The board's connection, or another surface of notes (a person's private notes). */
  connection: Pick<BoardConnection, 'store' | 'doc' | 'origin' | 'beginGesture'>;
  readOnly: boolean;
  stageRef: RefObject<Konva.Stage | null>;
  notesLayerRef: RefObject<Konva.Layer | null>;
  selection: ReadonlySet<string>;
  setSelection: Dispatch<SetStateAction<ReadonlySet<string>>>;
  setSelectedLinkId: (id: string | null) => void;
  setEditingId: (id: string | null) => void;
  spaceHeld: RefObject<boolean>;
  /** Opens the context menu of a note at a screen point (relative to the canvas). */
  onContextMenu: (noteId: string, at: Point) => void;
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
  const { connection, stageRef, notesLayerRef, longPress, stageGestureRunning } = options;
  const { store, doc, origin } = connection;
  const drag = useRef<DragState | null>(null);

  // Handlers read the latest options through a ref, so they stay stable and notes stay memoised.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  return useMemo<NoteHandlers>(() => {
    const writePositions = () => {
      const state = drag.current;
      if (!state) return;
      state.frame = null;
      moveNotes(doc, state.latest, origin);
    };
    return {
      onPointerDown(id, event) {
        const { setSelection, setSelectedLinkId } = latest.current;
        if (event.evt.button === 2) {
          // Right-click keeps a multi-selection that holds the note, else selects the note alone.
          setSelection((current) => (current.has(id) ? current : new Set([id])));
          return;
        }
        if (event.evt.button !== 0 || latest.current.spaceHeld.current) return;
        setSelectedLinkId(null);
        const additive = event.evt.shiftKey;
        setSelection((current) => {
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
            latest.current.onContextMenu(id, at);
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
        const current = latest.current.selection;
        const ids = current.has(id) ? [...current] : [id];
        const start = new Map<string, Point>();
        for (const noteId of ids) {
          const note = store.getNote(noteId);
          if (note) start.set(noteId, { x: note.x, y: note.y });
        }
        const endGesture = latest.current.connection.beginGesture();
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
        if (latest.current.readOnly) return;
        latest.current.setSelection(new Set([id]));
        latest.current.setEditingId(id);
      },
      onContextMenu(id, event) {
        event.evt.preventDefault();
        const stage = stageRef.current;
        const p = stage?.getPointerPosition();
        if (p) latest.current.onContextMenu(id, p);
      },
    };
  }, [doc, origin, store, stageRef, notesLayerRef, longPress, stageGestureRunning]);
}
