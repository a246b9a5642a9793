import { getArea, getLayer, LAYER_IDS, type LayerId, type Note, type Placement } from '@shared';

/** Notes whose tops are this close read as one row, as the eye groups them on the canvas. */
const ROW_BAND = 70;

/**
 * A cell's notes in the order a person reads them on the canvas: row by row from the top, left to right
 * within a row, so notes a team clustered together stay together in the list.
 */
export function readingOrder(notes: readonly Note[]): Note[] {
  return [...notes].sort(
    (a, b) => Math.floor(a.y / ROW_BAND) - Math.floor(b.y / ROW_BAND) || a.x - b.x || (a.id < b.id ? -1 : 1),
  );
}

/** The notes of `ids` (a cell's, say) in reading order, looked up in `notes`; ids it lacks are left out. */
export function notesInReadingOrder(ids: readonly string[], notes: ReadonlyMap<string, Note>): Note[] {
  return readingOrder(ids.map((id) => notes.get(id)).filter((n): n is Note => n !== undefined));
}

/** The layers with the focused one first: that is where the room is working. */
export function layersFocusFirst(focus: LayerId | null | undefined): LayerId[] {
  return focus ? [focus, ...LAYER_IDS.filter((l) => l !== focus)] : [...LAYER_IDS];
}

/** "1 dot" or "3 dots". */
export function dotsText(count: number): string {
  return `${count} ${count === 1 ? 'dot' : 'dots'}`;
}

/** Where a note is, in the product's words: "Cloud platform · Security". */
export function placeLabel(placement: Placement | null): string {
  if (!placement) return 'Outside the layers';
  const layer = getLayer(placement.layer).name;
  return placement.area ? `${layer} · ${getArea(placement.area).name}` : `${layer} · in no area`;
}
