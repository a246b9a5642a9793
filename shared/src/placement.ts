import type { Rect } from './layout';

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

/**
 * Where to put a note of size `w` x `h` inside `zone` so that it overlaps none of `notes`: the first
 * free spot reading the zone left to right, top to bottom, a margin away from the edge and the other
 * notes. When the zone is full, the spot that overlaps the fewest notes (still inside the zone, so the
 * note's centre, and therefore its cell, is right). Pass the other notes only, not the one being placed.
 */
export function freeSpotInZone(
  zone: Rect,
  notes: readonly Rect[],
  w: number,
  h: number,
): { x: number; y: number } {
  const minX = zone.x + MARGIN;
  const minY = zone.y + MARGIN;
  const maxX = zone.x + zone.w - w - MARGIN;
  const maxY = zone.y + zone.h - h - MARGIN;
  if (maxX < minX || maxY < minY) {
    // Larger than the zone: centre it, so that its centre still lies in the zone.
    return { x: Math.round(zone.x + (zone.w - w) / 2), y: Math.round(zone.y + (zone.h - h) / 2) };
  }
  const nearby = notes.filter((n) => overlaps(n, zone, 0));
  let best = { x: minX, y: minY };
  let fewest = Infinity;
  for (let y = minY; y <= maxY; y += STEP) {
    for (let x = minX; x <= maxX; x += STEP) {
      const spot = { x, y, w, h };
      let count = 0;
      for (const n of nearby) if (overlaps(spot, n, MARGIN)) count++;
      if (count === 0) return { x: Math.round(x), y: Math.round(y) };
      if (count < fewest) {
        fewest = count;
        best = { x, y };
      }
    }
  }
  return { x: Math.round(best.x), y: Math.round(best.y) };
}
