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
import { noteColorOf, type Identity } from '../identity/identity';
import type { BoardConnection } from '../connection/BoardConnection';
import { readClipboard, writeClipboard } from './clipboardIo';
import { clampIntoZone, cellForNewNote, cellName, newNoteSpot } from './keyboardNavigation';
import { noteAdded } from './noteEdit';
import type { Point } from '../viewport/viewport';
import type { Rect } from '@shared';

export type BoardActions = ReturnType<typeof createCommands>;

/** The board's connection, or another surface of notes with its own undo (a person's private notes). */
export type NoteSurface = Pick<BoardConnection, 'doc' | 'origin' | 'store' | 'undoManager'>;

/** What the commands read and change besides the document: the Editor. */
export interface CommandHost {
  /** Who runs the commands, read when one runs (a rename applies to the next note). */
  readonly identity: Identity;
  readonly selection: ReadonlySet<string>;
  readonly selectedLinkId: string | null;
  readonly readOnly: boolean;
  readonly pointer: Point | null;
  viewCentre(): Point;
  placeNote(at: Point, explicit: boolean): Point;
  select(ids: Iterable<string>): void;
  selectLink(id: string | null): void;
  startEditing(id: string): void;
  stopEditing(): void;
  zoomAt(factor: number, anchor?: Point): void;
  fit(rect: Rect | null): void;
  fitBoard(): void;
  /** Says a sentence in the board's live region (where a new note landed, say). */
  announce(sentence: string): void;
}

const DUPLICATE_OFFSET = 24;

const authorOf = (identity: Identity) => ({
  author: identity.name,
  department: identity.department,
  color: noteColorOf(identity),
});
const NUDGE = 10;

/**
 * The board's editing commands on a surface of notes, reading and changing the editor's selection,
 * camera and editing state when they run.
 */
export function createCommands(connection: NoteSurface, editor: CommandHost) {
  const { doc, origin, store, undoManager } = connection;
  const selected = () => [...editor.selection].filter((id) => store.getNote(id));
  const editable = () => !editor.readOnly;
  const select = (ids: string[]) => editor.select(ids);

  return {
    /** Adds a note centred on a board point, selects it and opens its editor. */
    addNoteAt(p: Point, explicit = true) {
      if (!editable()) return;
      const at = editor.placeNote(p, explicit);
      this.addNoteWithCorner({ x: Math.round(at.x - NOTE_WIDTH / 2), y: Math.round(at.y - NOTE_HEIGHT / 2) });
    },
    /** Adds a note with its top-left corner at a board point, and says in which cell it landed. */
    addNoteWithCorner(corner: Point) {
      // A step of its own, which the editor carries on and nets out if the note is left empty.
      undoManager.stopCapturing();
      const id = addNote(
        doc,
        {
          ...corner,
          ...authorOf(editor.identity),
        },
        origin,
      );
      noteAdded(undoManager, id);
      const note = store.getNote(id);
      if (note)
        editor.announce(`Note added in ${cellName(createProjector(store.getZones()).placeNote(note))}`);
      select([id]);
      editor.startEditing(id);
    },
    /**
     * Adds a note inside one cell, never across two: at a free spot of the cell that holds `anchor` (or
     * the view's centre), after the facilitator's focus has had its say.
     */
    addNoteInCell(anchor: Point | null) {
      if (!editable()) return;
      const p = anchor ?? editor.viewCentre();
      const at = editor.placeNote(p, false);
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
      const pointer = editor.pointer;
      if (!pointer) return this.addNoteInCell(null);
      const at = editor.placeNote(pointer, false);
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
      const { selectedLinkId } = editor;
      if (selectedLinkId) {
        deleteLinks(doc, [selectedLinkId], origin);
        editor.selectLink(null);
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
      if (editable() && ids.length === 1) editor.startEditing(ids[0]!);
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
      editor.stopEditing();
    },
    redo() {
      if (!editable()) return;
      undoManager.redo();
      editor.stopEditing();
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
      const at = editor.pointer ?? editor.viewCentre();
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
                ...authorOf(editor.identity),
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
      editor.zoomAt(factor);
    },
    fitLayer(index: number) {
      editor.fit(layerFrame(index));
    },
    fitBoard() {
      editor.fitBoard();
    },
    /** Zooms to the selected notes, or to the whole board when nothing is selected. */
    fitSelection() {
      const notes = selected().map((id) => store.getNote(id)!);
      if (notes.length === 0) editor.fitBoard();
      else editor.fit(boundsOf(notes.map((n) => ({ x: n.x - 60, y: n.y - 60, w: n.w + 120, h: n.h + 120 }))));
    },
  };
}
