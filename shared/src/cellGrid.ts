import { AREA_TITLE_BAND, NOTE_HEIGHT, NOTE_MIN_SIZE, NOTE_WIDTH, type Rect } from './layout';

/** Space between the grid's notes, and between them and the zone's edge. */
const GAP = 16;
/** How much smaller each try makes the notes, while they do not fit. */
const SHRINK = 0.9;

/**
 * Where `count` new notes go in an empty zone: a grid under the area's name, left to right and top to
 * bottom, of full-size notes while they fit, else of notes made smaller (never below NOTE_MIN_SIZE)
 * until they do. When even the smallest do not fit, they overlap, evenly spread; every note's centre
 * stays inside the zone, so each note lies in its cell whatever the count.
 */
export function cellGrid(zone: Rect, count: number): Rect[] {
  if (count <= 0) return [];
  const left = zone.x + GAP;
  const top = zone.y + Math.max(GAP, AREA_TITLE_BAND);
  const width = Math.max(1, zone.x + zone.w - GAP - left);
  const height = Math.max(1, zone.y + zone.h - GAP - top);
  const smallest = NOTE_MIN_SIZE / Math.min(NOTE_WIDTH, NOTE_HEIGHT);
  for (let scale = 1; ; scale = Math.max(smallest, scale * SHRINK)) {
    const w = Math.round(NOTE_WIDTH * scale);
    const h = Math.round(NOTE_HEIGHT * scale);
    const columns = Math.floor((width + GAP) / (w + GAP));
    const rows = Math.floor((height + GAP) / (h + GAP));
    if (columns >= 1 && rows >= 1 && columns * rows >= count) {
      return Array.from({ length: count }, (_, i) => ({
        x: left + (i % columns) * (w + GAP),
        y: top + Math.floor(i / columns) * (h + GAP),
        w,
        h,
      }));
    }
    if (scale === smallest) return overlapping(left, top, width, height, w, h, count);
  }
}

/** `count` notes of w x h with their centres spread evenly over the area: they overlap. */
function overlapping(
  left: number,
  top: number,
  width: number,
  height: number,
  w: number,
  h: number,
  count: number,
): Rect[] {
  const columns = Math.max(1, Math.round(Math.sqrt((count * width) / height)));
  const rows = Math.ceil(count / columns);
  const stepX = width / columns;
  const stepY = height / rows;
  return Array.from({ length: count }, (_, i) => ({
    x: Math.round(left + ((i % columns) + 0.5) * stepX - w / 2),
    y: Math.round(top + (Math.floor(i / columns) + 0.5) * stepY - h / 2),
    w,
    h,
  }));
}
