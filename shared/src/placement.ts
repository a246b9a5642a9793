import { AREA_TITLE_BAND, type Rect } from './layout';

/** Space kept between a placed note, the zone's edge and its neighbours, in board units. */
const MARGIN = 16;
/** How finely the zone is searched, in board units. */
const STEP = 10;

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return (
    a.x < b.x + b.w + margin &&
    b.x < a.x + a.w + margin &&
    a.y < b.y + b.h + margin &&
    b.y < a.y + a.h + margin
  );
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** From `min` to `max` every STEP, and `max` itself. */
function steps(min: number, max: number): number[] {
  const values: number[] = [];
  for (let v = min; v < max; v += STEP) values.push(v);
  values.push(max);
  return values;
}

/**
 * Where to put a note of size `w` x `h` inside `zone` so that it overlaps none of `notes`: the first
 * free spot reading the zone left to right, top to bottom (below the area's name), a margin away from
 * the edge and the other notes. When the zone is full, the spot that covers the least of the other notes (still inside the zone,
 * so the note's centre, and therefore its cell, is right): a corner over a margin rather than a note
 * square on top of another. Pass the other notes only, not the one being placed.
 */
export function freeSpotInZone(
  zone: Rect,
  notes: readonly Rect[],
  w: number,
  h: number,
): { x: number; y: number } {
  const minX = zone.x + MARGIN;
  // Below the area's name, which a note must not hide.
  const minY = zone.y + Math.max(MARGIN, AREA_TITLE_BAND);
  const maxX = zone.x + zone.w - w - MARGIN;
  const maxY = zone.y + zone.h - h - MARGIN;
  if (maxX < minX || maxY < minY) {
    // Larger than the zone: centre it, so that its centre still lies in the zone.
    return { x: Math.round(zone.x + (zone.w - w) / 2), y: Math.round(zone.y + (zone.h - h) / 2) };
  }
  const nearby = notes.filter((n) => overlaps(n, zone, 0));
  let best = { x: minX, y: minY };
  let leastCovered = Infinity;
  // The last column and row are tried too, so a full zone's corners are candidates.
  const xs = steps(minX, maxX);
  const ys = steps(minY, maxY);
  for (const y of ys) {
    for (const x of xs) {
      const spot = { x, y, w, h };
      let covered = 0;
      let clear = true;
      for (const n of nearby) {
        if (!overlaps(spot, n, MARGIN)) continue;
        clear = false;
        covered += overlapArea(spot, n);
      }
      if (clear) return { x: Math.round(x), y: Math.round(y) };
      if (covered < leastCovered) {
        leastCovered = covered;
        best = { x, y };
      }
    }
  }
  return { x: Math.round(best.x), y: Math.round(best.y) };
}
