import { describe, expect, it } from 'vitest';
import { templateZones, zoneKey, type Note, type ReviewItem, type Zone } from '@shared';
import { reviewTarget } from './reviewTarget';

const zones: Zone[] = templateZones();
const note = (id: string, x: number, y: number): Note =>
  ({ id, x, y, w: 200, h: 120, text: id, kind: 'idea' }) as unknown as Note;

describe('reviewTarget', () => {
  it('frames the notes of an item together, wherever they are', () => {
    const notes = new Map([
      ['q', note('q', 100, 100)],
      ['d', note('d', 1100, 2100)],
    ]);
    const item = {
      kind: 'openQuestion',
      cell: { layer: 'devices', area: 'hardware' },
      noteIds: ['q', 'd'],
    } as unknown as ReviewItem;
    const rect = reviewTarget(item, zones, (id) => notes.get(id))!;
    expect(rect.x).toBeLessThan(100);
    expect(rect.y).toBeLessThan(100);
    expect(rect.x + rect.w).toBeGreaterThan(1300);
    expect(rect.y + rect.h).toBeGreaterThan(2220);
  });

  it("falls back to the item's cell when it has no note left on the board, and to nothing without a cell", () => {
    const empty = {
      kind: 'emptyCell',
      cell: { layer: 'cloud', area: 'security' },
      noteIds: [],
    } as unknown as ReviewItem;
    expect(reviewTarget(empty, zones, () => undefined)).toBe(
      zones.find((z) => z.id === zoneKey('cloud', 'security')),
    );
    const gone = { kind: 'openQuestion', cell: null, noteIds: ['x'] } as unknown as ReviewItem;
    expect(reviewTarget(gone, zones, () => undefined)).toBeNull();
  });
});
