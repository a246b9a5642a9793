import {
  AREA_IDS,
  freeSpotInZone,
  getArea,
  getLayer,
  LAYER_IDS,
  type Note,
  type Placement,
  type Projector,
  type Rect,
  type Zone,
} from '@shared';
import { clampScale, type Point, type Viewport } from '../viewport/viewport';

/**
 * The board as a keyboard and a screen reader walk it: the notes in reading order (layer by layer, area
 * by area, and inside a cell row by row, left to right), the neighbours of a note, and the sentence
 * that says a note. Pure: it takes snapshots and a projector, so the canvas, the announcer and the
 * tests share one order.
 */

type NotePlace = Pick<Note, 'id' | 'x' | 'y' | 'w' | 'h'>;

/** A cell's name as people say it: "Communications · Technology", or the layer's alone outside its areas. */
export function cellName(placement: Placement | null): string {
  if (!placement) return 'outside the layers';
  const layer = getLayer(placement.layer).name;
  return placement.area ? `${layer} · ${getArea(placement.area).name}` : layer;
}

/** Where a placement comes in reading order: layers in framework order, areas in theirs, a layer's own frame after its areas, unplaced notes last. */
function cellRank(placement: Placement | null): number {
  if (!placement) return Number.MAX_SAFE_INTEGER;
  const layer = LAYER_IDS.indexOf(placement.layer);
  const area = placement.area ? AREA_IDS.indexOf(placement.area) : AREA_IDS.length;
  return layer * (AREA_IDS.length + 1) + area;
}

const centreX = (n: NotePlace) => n.x + n.w / 2;
const centreY = (n: NotePlace) => n.y + n.h / 2;

/**
 * Orders the notes of one cell as text is read: rows top to bottom, each row left to right. A note
 * joins the current row while its centre lies above the bottom of the row's first note: notes placed
 * by hand are never exactly level, and a few pixels must not send the eye back to the left edge.
 */
function readCell<T extends NotePlace>(notes: T[]): T[] {
  const byTop = [...notes].sort(
    (a, b) => centreY(a) - centreY(b) || centreX(a) - centreX(b) || cmp(a.id, b.id),
  );
  const rows: T[][] = [];
  let rowBottom = -Infinity;
  for (const note of byTop) {
    if (rows.length > 0 && centreY(note) < rowBottom) rows[rows.length - 1]!.push(note);
    else {
      rows.push([note]);
      rowBottom = note.y + note.h;
    }
  }
  return rows.flatMap((row) => row.sort((a, b) => centreX(a) - centreX(b) || cmp(a.id, b.id)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every note in reading order (see the module's comment), with the cell each lies in. */
export function readingOrder<T extends NotePlace>(
  notes: readonly T[],
  projector: Projector,
): { note: T; placement: Placement | null }[] {
  const cells = new Map<number, { placement: Placement | null; notes: T[] }>();
  for (const note of notes) {
    const placement = projector.placeNote(note);
    const rank = cellRank(placement);
    let cell = cells.get(rank);
    if (!cell) cells.set(rank, (cell = { placement, notes: [] }));
    cell.notes.push(note);
  }
  return [...cells.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([, cell]) => readCell(cell.notes).map((note) => ({ note, placement: cell.placement })));
}

export type Direction = 'next' | 'previous' | 'up' | 'down' | 'first' | 'last';

/**
 * The note a key moves to from `current` (an id in `order`, or null when none is active yet):
 * next and previous in reading order, stopping at the ends; up and down to the nearest note whose
 * centre lies above or below, the sideways distance counting double so that a column is followed
 * before a far neighbour. Null when there is nowhere to go.
 */
export function neighbour<T extends NotePlace>(
  order: readonly T[],
  current: string | null,
  direction: Direction,
): T | null {
  if (order.length === 0) return null;
  if (direction === 'first') return order[0]!;
  if (direction === 'last') return order[order.length - 1]!;
  const index = current === null ? -1 : order.findIndex((n) => n.id === current);
  if (index < 0) return direction === 'previous' || direction === 'up' ? order[order.length - 1]! : order[0]!;
  if (direction === 'next') return order[index + 1] ?? null;
  if (direction === 'previous') return order[index - 1] ?? null;
  const from = order[index]!;
  const sign = direction === 'down' ? 1 : -1;
  let best: T | null = null;
  let bestScore = Infinity;
  for (const note of order) {
    if (note.id === from.id) continue;
    const dy = (centreY(note) - centreY(from)) * sign;
    // A note level with this one (its centre within half a height) is beside it, not above or below.
    if (dy < from.h / 2) continue;
    const score = dy + 2 * Math.abs(centreX(note) - centreX(from));
    if (score < bestScore) {
      bestScore = score;
      best = note;
    }
  }
  return best;
}

/** What a screen reader says for a note: "Decision: Use LoRaWAN, by Ana, Communications · Technology". */
export function describeNote(
  note: Pick<Note, 'kind' | 'text' | 'author'>,
  placement: Placement | null,
): string {
  const kind = note.kind.charAt(0).toUpperCase() + note.kind.slice(1);
  const text = note.text.trim().replace(/\s+/g, ' ') || 'empty note';
  const author = note.author.trim() ? `, by ${note.author.trim()}` : '';
  return `${kind}: ${text}${author}, ${cellName(placement)}`;
}

/**
 * The cell a new note goes into when it is asked for at `anchor` (the centre of the view, or the note
 * that has the keyboard's focus): the area that holds the point, else the nearest area (a point on a
 * layer's title or between layers belongs to no area, and a note put there straddles cells).
 */
export function cellForNewNote(zones: readonly Zone[], anchor: Point): Zone | null {
  const areas = zones.filter((z) => z.area !== null);
  let best: Zone | null = null;
  let bestDistance = Infinity;
  for (const zone of areas) {
    const dx = Math.max(zone.x - anchor.x, 0, anchor.x - (zone.x + zone.w));
    const dy = Math.max(zone.y - anchor.y, 0, anchor.y - (zone.y + zone.h));
    const distance = Math.hypot(dx, dy);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = zone;
    }
  }
  return best;
}

/**
 * Where a note of `w` x `h` asked for at `anchor` lands: a free spot inside the cell of
 * `cellForNewNote`, clear of the notes already there; null on a board without areas.
 */
export function newNoteSpot(
  zones: readonly Zone[],
  notes: readonly Rect[],
  anchor: Point,
  w: number,
  h: number,
): { x: number; y: number; zone: Zone } | null {
  const zone = cellForNewNote(zones, anchor);
  if (!zone) return null;
  return { ...freeSpotInZone(zone, notes, w, h), zone };
}

/** Where a note lands when the pointer says where: centred on it, pulled wholly inside the cell under it. */
export function clampIntoZone(zone: Rect, at: Point, w: number, h: number): { x: number; y: number } {
  const inside = (v: number, min: number, size: number, zoneSize: number) =>
    size >= zoneSize
      ? Math.round(min + (zoneSize - size) / 2)
      : Math.round(Math.min(Math.max(v, min), min + zoneSize - size));
  return { x: inside(at.x - w / 2, zone.x, w, zone.w), y: inside(at.y - h / 2, zone.y, h, zone.h) };
}

/** Notes narrower than this on screen are zoomed to when the keyboard reaches them: their text must be readable. */
const READABLE_NOTE_PX = 140;
/** Room kept between a note the keyboard reached and the canvas's edge, in screen pixels. */
const VIEW_MARGIN = 48;

/**
 * The view that shows `rect` to a keyboard user: the same view when the note is already wholly in
 * sight and readable; panned to centre it when it is off screen or cut by an edge; zoomed to a readable
 * size (around it) when it is too small to read.
 */
export function viewShowing(view: Viewport, size: { width: number; height: number }, rect: Rect): Viewport {
  if (size.width <= 0 || size.height <= 0) return view;
  let scale = view.scale;
  if (rect.w * scale < READABLE_NOTE_PX) {
    scale = clampScale(Math.min((READABLE_NOTE_PX * 1.6) / rect.w, (size.height - 2 * VIEW_MARGIN) / rect.h));
  }
  const left = rect.x * scale + view.x;
  const top = rect.y * scale + view.y;
  const inSight =
    scale === view.scale &&
    left >= VIEW_MARGIN &&
    top >= VIEW_MARGIN &&
    left + rect.w * scale <= size.width - VIEW_MARGIN &&
    top + rect.h * scale <= size.height - VIEW_MARGIN;
  if (inSight) return view;
  return {
    scale,
    x: size.width / 2 - (rect.x + rect.w / 2) * scale,
    y: size.height / 2 - (rect.y + rect.h / 2) * scale,
  };
}
