import { useLayoutEffect, useMemo, useRef, type Dispatch, type RefObject, type SetStateAction } from 'react';
import {
  addNote,
  boundsOf,
  bringToFront,
  createProjector,
  copyNotes,
  deleteLinks,
  deleteNotes,
  duplicateNotes,
  layerFrame,
  moveNotes,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  pasteNotes,
  recolorNote,
  sendToBack,
  setLinkLabel,
  setNoteKind,
  type NoteColor,
  type NoteKind,
} from '@shared';
import { noteColorOf, type Identity } from '../identity';
import type { BoardConnection } from './BoardConnection';
import { readClipboard, writeClipboard } from './clipboardIo';
import { clampIntoZone, cellForNewNote, cellName, newNoteSpot } from './keyboardNavigation';
import { noteAdded } from './noteEdit';
import { fitRect, zoomAt, type Point, type Viewport } from './viewport';

export interface EditorState {
  view: Viewport;
  size: { width: number; height: number };
  selection: ReadonlySet<string>;
  selectedLinkId: string | null;
  readOnly: boolean;
  /** The last pointer position on the board, where N and paste put notes. */
  pointer: RefObject<Point | null>;
  /**
   * Where a new note asked for at `at` is centred: the facilitator's focus may send it to the focused
   * layer; `explicit` when the person picked the spot (a double-click). Without it, where asked.
   */
  placeNote?: (at: Point, explicit: boolean) => Point;
  /** Says something in the board's live region (a11y wiring, issue 16). */
  announce?: (sentence: string) => void;
}

export interface EditorSetters {
  setView: Dispatch<SetStateAction<Viewport>>;
  setSelection: Dispatch<SetStateAction<ReadonlySet<string>>>;
  setSelectedLinkId: (id: string | null) => void;
  setEditingId: (id: string | null) => void;
}

export type BoardActions = ReturnType<typeof createActions>;

/** The board's connection, or another surface of notes with its own undo (a person's private notes). */
export type NoteSurface = Pick<BoardConnection, 'doc' | 'origin' | 'store' | 'undoManager'>;

const DUPLICATE_OFFSET = 24;
const NUDGE = 10;

function createActions(
  connection: NoteSurface,
  identity: Identity,
  state: () => EditorState,
  set: EditorSetters,
) {
  const { doc, origin, store, undoManager } = connection;
  const selected = () => [...state().selection].filter((id) => store.getNote(id));
  const editable = () => !state().readOnly;
  const viewCentre = (): Point => {
    const { view, size } = state();
    return { x: (size.width / 2 - view.x) / view.scale, y: (size.height / 2 - view.y) / view.scale };
  };
  const select = (ids: string[]) => {
    set.setSelection(new Set(ids));
    set.setSelectedLinkId(null);
  };
  const fit = (rect: Parameters<typeof fitRect>[0] | null) => {
    const { size } = state();
    if (rect && size.width > 0) set.setView(fitRect(rect, size.width, size.height));
  };

  return {
    /** Adds a note centred on a board point, selects it and opens its editor. */
    addNoteAt(p: Point, explicit = true) {
      if (!editable()) return;
      const at = state().placeNote?.(p, explicit) ?? p;
      this.addNoteWithCorner({ x: Math.round(at.x - NOTE_WIDTH / 2), y: Math.round(at.y - NOTE_HEIGHT / 2) });
    },
    // a11y wiring (issue 16): adding says where the note landed; N puts it inside a cell.
    addNoteWithCorner(corner: Point) {
      // A step of its own, which the editor carries on and nets out if the note is left empty.
      undoManager.stopCapturing();
      const id = addNote(
        doc,
        {
          ...corner,
          author: identity.name,
          department: identity.department,
          color: noteColorOf(identity),
        },
        origin,
      );
      noteAdded(undoManager, id);
      const note = store.getNote(id);
      if (note)
        state().announce?.(`Note added in ${cellName(createProjector(store.getZones()).placeNote(note))}`);
      select([id]);
      set.setEditingId(id);
    },
    /**
     * Adds a note inside one cell, never across two: at a free spot of the cell that holds `anchor` (or
     * the view's centre), after the facilitator's focus has had its say.
     */
    addNoteInCell(anchor: Point | null) {
      if (!editable()) return;
      const p = anchor ?? viewCentre();
      const at = state().placeNote?.(p, false) ?? p;
      const spot = newNoteSpot(store.getZones(), store.allNotes(), at, NOTE_WIDTH, NOTE_HEIGHT);
      this.addNoteWithCorner(
        spot ?? { x: Math.round(at.x - NOTE_WIDTH / 2), y: Math.round(at.y - NOTE_HEIGHT / 2) },
      );
    },
    /**
     * Adds a note at the pointer when it is on the board (pulled inside the cell under it), else at a
     * free spot of the cell in the middle of the view.
     */
    addNoteHere() {
      if (!editable()) return;
      const pointer = state().pointer.current;
      if (!pointer) return this.addNoteInCell(null);
      const at = state().placeNote?.(pointer, false) ?? pointer;
      const zone = cellForNewNote(store.getZones(), at);
      const inside =
        zone?.x !== undefined &&
        at.x >= zone.x &&
        at.x < zone.x + zone.w &&
        at.y >= zone.y &&
        at.y < zone.y + zone.h;
      this.addNoteWithCorner(
        zone && inside
          ? clampIntoZone(zone, at, NOTE_WIDTH, NOTE_HEIGHT)
          : { x: Math.round(at.x - NOTE_WIDTH / 2), y: Math.round(at.y - NOTE_HEIGHT / 2) },
      );
    },
    deleteSelection() {
      if (!editable()) return;
      const { selectedLinkId } = state();
      if (selectedLinkId) {
        deleteLinks(doc, [selectedLinkId], origin);
        set.setSelectedLinkId(null);
        return;
      }
      const ids = selected();
      if (ids.length === 0) return;
      deleteNotes(doc, ids, origin);
      select([]);
    },
    duplicate() {
      const ids = selected();
      if (!editable() || ids.length === 0) return;
      select(duplicateNotes(doc, ids, DUPLICATE_OFFSET, origin));
    },
    nudge(dx: number, dy: number, large: boolean) {
      const ids = selected();
      if (!editable() || ids.length === 0) return;
      const step = large ? NUDGE * 5 : NUDGE;
      moveNotes(
        doc,
        ids.map((id) => {
          const note = store.getNote(id)!;
          return { id, x: note.x + dx * step, y: note.y + dy * step };
        }),
        origin,
      );
    },
    recolor(color: NoteColor) {
      if (editable()) recolorNote(doc, selected(), color, origin);
    },
    setKind(kind: NoteKind) {
      if (editable()) setNoteKind(doc, selected(), kind, origin);
    },
    bringToFront() {
      if (editable()) bringToFront(doc, selected(), origin);
    },
    sendToBack() {
      if (editable()) sendToBack(doc, selected(), origin);
    },
    editSelected() {
      const ids = selected();
      if (editable() && ids.length === 1) set.setEditingId(ids[0]!);
    },
    editLinkLabel(id: string, label: string) {
      if (editable()) setLinkLabel(doc, id, label, origin);
    },
    selectAll() {
      select([...store.getNoteOrder()]);
    },
    clearSelection() {
      select([]);
    },
    undo() {
      if (!editable()) return;
      undoManager.undo();
      set.setEditingId(null);
    },
    redo() {
      if (!editable()) return;
      undoManager.redo();
      set.setEditingId(null);
    },
    /** Fills a copy (or cut) event with the selected notes; false when nothing is selected. */
    copy(data: DataTransfer, cut: boolean): boolean {
      const ids = selected();
      if (ids.length === 0) return false;
      writeClipboard(data, copyNotes(doc, ids));
      if (cut && editable()) {
        deleteNotes(doc, ids, origin);
        select([]);
      }
      return true;
    },
    /** Adds what a paste event brings at the pointer; false when it brings nothing we can use. */
    paste(data: DataTransfer): boolean {
      if (!editable()) return false;
      const content = readClipboard(data);
      if (!content) return false;
      const at = state().pointer.current ?? viewCentre();
      if (content.kind === 'notes') {
        const bounds = boundsOf(content.payload.notes) ?? { w: 0, h: 0 };
        select(pasteNotes(doc, content.payload, { x: at.x - bounds.w / 2, y: at.y - bounds.h / 2 }, origin));
        return true;
      }
      const ids: string[] = [];
      doc.transact(() => {
        content.paragraphs.forEach((text, i) => {
          ids.push(
            addNote(
              doc,
              {
                x: Math.round(at.x - NOTE_WIDTH / 2 + (i % 5) * (NOTE_WIDTH + 16)),
                y: Math.round(at.y - NOTE_HEIGHT / 2 + Math.floor(i / 5) * (NOTE_HEIGHT + 16)),
                text: text.slice(0, 2000),
                author: identity.name,
                department: identity.department,
                color: noteColorOf(identity),
              },
              origin,
            ),
          );
        });
      }, origin);
      select(ids);
      return true;
    },
    zoomBy(factor: number) {
      const { size } = state();
      set.setView((v) => zoomAt(v, { x: size.width / 2, y: size.height / 2 }, factor));
    },
    fitLayer(index: number) {
      fit(layerFrame(index));
    },
    fitBoard() {
      fit(boundsOf([...store.getZones(), ...store.allNotes()]));
    },
    /** Zooms to the selected notes, or to the whole board when nothing is selected. */
    fitSelection() {
      const notes = selected().map((id) => store.getNote(id)!);
      if (notes.length === 0) this.fitBoard();
      else fit(boundsOf(notes.map((n) => ({ x: n.x - 60, y: n.y - 60, w: n.w + 120, h: n.h + 120 }))));
    },
  };
}

/**
 * The board's editing actions, stable for the life of the connection. They run in event handlers and
 * read the editor state of the latest render through a ref; the setters are React's, hence stable.
 */
export function useBoardActions(
  connection: NoteSurface,
  identity: Identity,
  state: EditorState,
  set: EditorSetters,
): BoardActions {
  const latest = useRef(state);
  useLayoutEffect(() => {
    latest.current = state;
  });
  const { setView, setSelection, setSelectedLinkId, setEditingId } = set;
  // The ref is read only when an action runs (in an event handler), never during render.
  /* eslint-disable react-hooks/refs */
  return useMemo(
    () =>
      createActions(connection, identity, () => latest.current, {
        setView,
        setSelection,
        setSelectedLinkId,
        setEditingId,
      }),
    [connection, identity, setView, setSelection, setSelectedLinkId, setEditingId],
  );
  /* eslint-enable react-hooks/refs */
}
