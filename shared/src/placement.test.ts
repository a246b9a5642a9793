import { describe, expect, it } from 'vitest';
import { AREA_TITLE_BAND, type Rect } from './layout';
import { freeSpotInZone } from './placement';

const zone: Rect = { x: 1000, y: 2000, w: 600, h: 400 };
const inside = (r: Rect, z: Rect) =>
  r.x >= z.x && r.y >= z.y && r.x + r.w <= z.x + z.w && r.y + r.h <= z.y + z.h;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('freeSpotInZone', () => {
  it("puts a note in the top-left corner of an empty zone, inside it and below the area's name", () => {
    const spot = freeSpotInZone(zone, [], 200, 140);
    expect(spot).toEqual({ x: 1016, y: 2000 + AREA_TITLE_BAND });
    expect(inside({ ...spot, w: 200, h: 140 }, zone)).toBe(true);
  });

  it('finds a spot that overlaps none of the notes already there', () => {
    const notes: Rect[] = [
      { x: 1016, y: 2016, w: 200, h: 140 },
      { x: 1240, y: 2016, w: 200, h: 140 },
      { x: 1016, y: 2180, w: 200, h: 140 },
    ];
    const spot = { ...freeSpotInZone(zone, notes, 200, 140), w: 200, h: 140 };
    expect(inside(spot, zone)).toBe(true);
    for (const n of notes) expect(overlap(spot, n)).toBe(false);
  });

  it('ignores notes outside the zone', () => {
    const spot = freeSpotInZone(zone, [{ x: 0, y: 0, w: 5000, h: 1990 }], 200, 140);
    expect(spot).toEqual({ x: 1016, y: 2000 + AREA_TITLE_BAND });
  });

  it('keeps the note in the zone, with the fewest overlaps, when the zone is full', () => {
    const full: Rect[] = [{ x: 1000, y: 2000, w: 600, h: 400 }];
    const spot = { ...freeSpotInZone(zone, full, 200, 140), w: 200, h: 140 };
    expect(inside(spot, zone)).toBe(true);
  });

  it('in a full zone, covers as little of the other notes as it can, not a whole note', () => {
    // A workshop's cell after three people added notes where they were looking: no free spot is left,
    // but the bottom-left corner only grazes one note, where the first spot scanned would cover a third of it.
    const cell: Rect = { x: 662.67, y: 2750, w: 594.67, h: 451 };
    const notes: Rect[] = [
      { x: 679, y: 2766, w: 200, h: 140 },
      { x: 899, y: 2766, w: 200, h: 140 },
      { x: 860, y: 2906, w: 200, h: 140 },
    ];
    const spot = { ...freeSpotInZone(cell, notes, 200, 140), w: 200, h: 140 };
    expect(inside(spot, cell)).toBe(true);
    const covered = notes.reduce((sum, n) => {
      const w = Math.min(spot.x + spot.w, n.x + n.w) - Math.max(spot.x, n.x);
      const h = Math.min(spot.y + spot.h, n.y + n.h) - Math.max(spot.y, n.y);
      return sum + (w > 0 && h > 0 ? w * h : 0);
    }, 0);
    expect(covered).toBeLessThan(0.05 * 200 * 140);
  });

  it('centres a note larger than the zone on the zone, so its centre stays in the cell', () => {
    const spot = freeSpotInZone(zone, [], 800, 500);
    expect(spot).toEqual({ x: 900, y: 1950 });
  });
});
