import { describe, expect, it } from 'vitest';
import { focusRect, placeNoteInFocus, type NotePlacement } from './focusPlacement';
import { NOTE_HEIGHT, NOTE_WIDTH, templateZones, type Rect } from './layout';
import { createProjector } from './projection';
import { overlap } from './testing';

const zones = templateZones();
const projector = createProjector(zones);
const zone = (id: string) => zones.find((z) => z.id === id)!;
const centreOf = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
const noteAt = (c: { x: number; y: number }): Rect => ({
  x: c.x - NOTE_WIDTH / 2,
  y: c.y - NOTE_HEIGHT / 2,
  w: NOTE_WIDTH,
  h: NOTE_HEIGHT,
});

function place(over: Partial<NotePlacement>) {
  return placeNoteInFocus({
    zones,
    notes: [],
    focus: null,
    at: { x: 0, y: 0 },
    explicit: false,
    w: NOTE_WIDTH,
    h: NOTE_HEIGHT,
    ...over,
  });
}

describe('focusRect', () => {
  it('is the area zone for an area focus and the layer frame for a layer focus', () => {
    expect(focusRect(zones, { layer: 'cloud', area: 'data' })).toEqual({
      x: zone('cloud:data').x,
      y: zone('cloud:data').y,
      w: zone('cloud:data').w,
      h: zone('cloud:data').h,
    });
    expect(focusRect(zones, { layer: 'cloud', area: null })?.y).toBe(zone('cloud').y);
  });

  it('is null while the board has no zones', () => {
    expect(focusRect([], { layer: 'cloud', area: null })).toBeNull();
  });
});

describe('placeNoteInFocus', () => {
  it('keeps the asked-for spot when nothing is focused', () => {
    expect(place({ at: { x: 123, y: 456 } })).toEqual({ x: 123, y: 456 });
  });

  it('keeps a spot that already lies in the focused area', () => {
    const at = centreOf(zone('devices:ux'));
    expect(place({ focus: { layer: 'devices', area: 'ux' }, at })).toEqual(at);
  });

  it('moves a toolbar note from another layer into a free spot of the focused area', () => {
    const at = centreOf(zone('devices:ux'));
    const centre = place({ focus: { layer: 'cloud', area: 'security' }, at });
    expect(projector.placePoint(centre.x, centre.y)).toEqual({ layer: 'cloud', area: 'security' });
  });

  it('moves a note asked for in the focused layer but another area into the focused area', () => {
    const at = centreOf(zone('cloud:business'));
    const centre = place({ focus: { layer: 'cloud', area: 'security' }, at });
    expect(projector.placePoint(centre.x, centre.y)).toEqual({ layer: 'cloud', area: 'security' });
  });

  it('keeps a double-click inside another zone: the person chose that cell', () => {
    const at = centreOf(zone('devices:ux'));
    expect(place({ focus: { layer: 'cloud', area: 'security' }, at, explicit: true })).toEqual(at);
  });

  it('moves a double-click on empty board, outside every zone, into the focus', () => {
    const at = { x: -5000, y: -5000 };
    const centre = place({ focus: { layer: 'embedded', area: 'data' }, at, explicit: true });
    expect(projector.placePoint(centre.x, centre.y)).toEqual({ layer: 'embedded', area: 'data' });
  });

  it('puts a note clear of the notes already in the focused area', () => {
    const target = zone('cloud:security');
    const notes = [0, 1, 2].map((i) => noteAt({ x: target.x + 120 + i * 230, y: target.y + 90 }));
    const centre = place({ focus: { layer: 'cloud', area: 'security' }, notes, at: { x: 0, y: 0 } });
    const placed = noteAt(centre);
    for (const n of notes) expect(overlap(placed, n)).toBe(false);
    expect(projector.placeNote(placed)).toEqual({ layer: 'cloud', area: 'security' });
  });

  it('for a whole-layer focus, uses the area nearest the asked-for spot, never the heading band', () => {
    // Asked for just below the Communications layer, under its bottom-right area.
    const standards = zone('communications:standards');
    const at = { x: standards.x + standards.w / 2, y: standards.y + standards.h + 150 };
    const centre = place({ focus: { layer: 'communications', area: null }, at });
    expect(projector.placePoint(centre.x, centre.y)).toEqual({
      layer: 'communications',
      area: 'standards',
    });
  });

  it('for a whole-layer focus, skips a full area for the next nearest with room', () => {
    const standards = zone('communications:standards');
    const full: Rect[] = [{ x: standards.x, y: standards.y, w: standards.w, h: standards.h }];
    const at = { x: standards.x + standards.w / 2, y: standards.y + standards.h + 150 };
    const centre = place({ focus: { layer: 'communications', area: null }, notes: full, at });
    const cell = projector.placePoint(centre.x, centre.y);
    expect(cell?.layer).toBe('communications');
    expect(cell?.area).not.toBe('standards');
    expect(cell?.area).not.toBeNull();
  });

  it('still lands in the focused area when it is full (overlapping as little as it can)', () => {
    const target = zone('applications:ux');
    const full: Rect[] = [{ x: target.x, y: target.y, w: target.w, h: target.h }];
    const centre = place({ focus: { layer: 'applications', area: 'ux' }, notes: full });
    expect(projector.placePoint(centre.x, centre.y)).toEqual({ layer: 'applications', area: 'ux' });
  });

  it('keeps the spot while the template has not arrived', () => {
    const at = { x: 10, y: 20 };
    expect(
      placeNoteInFocus({
        ...{ zones: [], notes: [], explicit: false, w: 200, h: 140 },
        focus: { layer: 'cloud', area: null },
        at,
      }),
    ).toEqual(at);
  });
});
