import type * as Y from 'yjs';
import {
  addNote,
  CommandError,
  freeSpotInZone,
  getArea,
  getLayer,
  NOTE_HEIGHT,
  NOTE_KINDS,
  NOTE_WIDTH,
  type AreaId,
  type LayerId,
  type NoteColor,
  type NoteKind,
  type Rect,
  type Zone,
} from '@shared';

/** A cell of the 5 x 6 model: where a note written on a phone goes. */
export interface Cell {
  layer: LayerId;
  area: AreaId;
}

/** The longest note a phone may add: the same bound as a pasted paragraph on the desktop. */
export const MAX_NOTE_TEXT = 2000;

export interface NoteDraft {
  text: string;
  kind: NoteKind;
}

/** Who writes the note, as every note records them. */
export interface NoteAuthor {
  name: string;
  department: string;
  color: NoteColor;
}

/** "Devices / Hardware · Security": a cell in the product's words. */
export function cellLabel(cell: Cell): string {
  return `${getLayer(cell.layer).name} · ${getArea(cell.area).name}`;
}

/** The zone drawn for a cell, or undefined while the board's template has not arrived. */
export function zoneOfCell(zones: readonly Zone[], cell: Cell): Zone | undefined {
  return zones.find((z) => z.layer === cell.layer && z.area === cell.area);
}

/** The draft's text as it will be stored, or a CommandError a person can read. */
export function checkDraftText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new CommandError('Write something on the note first.');
  if (trimmed.length > MAX_NOTE_TEXT) {
    throw new CommandError(`Keep a note to ${MAX_NOTE_TEXT} characters (this one has ${trimmed.length}).`);
  }
  return trimmed;
}

/**
 * Adds a note written without a canvas: into the cell's zone, at the first spot free of `occupied`
 * (every note that could be in the way, the board's and the person's private ones alike), so that its
 * centre, and therefore its layer and area, is the cell chosen. `doc` is the board or the person's
 * private document; both hold notes in the same schema. Returns the new note's id.
 */
export function addNoteToCell(
  doc: Y.Doc,
  cell: Cell,
  draft: NoteDraft,
  author: NoteAuthor,
  zones: readonly Zone[],
  occupied: readonly Rect[],
  origin: unknown,
): string {
  const text = checkDraftText(draft.text);
  if (!NOTE_KINDS.includes(draft.kind)) throw new CommandError(`unknown kind: ${String(draft.kind)}`);
  const zone = zoneOfCell(zones, cell);
  if (!zone)
    throw new CommandError(`The board has no ${cellLabel(cell)} area yet: wait until it has loaded.`);
  const spot = freeSpotInZone(zone, occupied, NOTE_WIDTH, NOTE_HEIGHT);
  return addNote(
    doc,
    {
      x: spot.x,
      y: spot.y,
      text,
      kind: draft.kind,
      author: author.name,
      department: author.department,
      color: author.color,
    },
    origin,
  );
}
