import { describe, expect, it } from 'vitest';
import { cellGrid } from './cellGrid';
import { AREA_TITLE_BAND, NOTE_HEIGHT, NOTE_MIN_SIZE, NOTE_WIDTH, templateZones, type Rect } from './layout';

const zone = templateZones().find((z) => z.area !== null)!;
const centreIn = (r: Rect, z: Rect) =>
  r.x + r.w / 2 > z.x && r.x + r.w / 2 < z.x + z.w && r.y + r.h / 2 > z.y && r.y + r.h / 2 < z.y + z.h;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('cellGrid', () => {
  it('places a few notes at full size, under the area name, without overlaps', () => {
    const grid = cellGrid(zone, 4);
    expect(grid.every((r) => r.w === NOTE_WIDTH && r.h === NOTE_HEIGHT)).toBe(true);
    expect(grid.every((r) => r.y >= zone.y + AREA_TITLE_BAND)).toBe(true);
    expect(grid[0]!.y).toBe(grid[1]!.y);
  });

  it('makes notes smaller, never below the minimum, while they can still sit side by side', () => {
    for (const count of [5, 12, 25]) {
      const grid = cellGrid(zone, count);
      expect(grid).toHaveLength(count);
      expect(grid[0]!.h).toBeLessThan(NOTE_HEIGHT);
      expect(grid[0]!.h).toBeGreaterThanOrEqual(NOTE_MIN_SIZE);
      for (let i = 0; i < count; i++) {
        expect(centreIn(grid[i]!, zone)).toBe(true);
        for (let j = i + 1; j < count; j++) expect(overlap(grid[i]!, grid[j]!)).toBe(false);
      }
    }
  });

  it('keeps every centre in the zone when hundreds must overlap', () => {
    const grid = cellGrid(zone, 700);
    expect(grid).toHaveLength(700);
    expect(grid.every((r) => centreIn(r, zone) && r.h === NOTE_MIN_SIZE)).toBe(true);
    expect(new Set(grid.map((r) => `${r.x},${r.y}`)).size).toBe(700);
  });
});
