import { describe, expect, it } from 'vitest';
import { createProjector, NOTE_HEIGHT, NOTE_WIDTH, templateZones, zoneKey, type Zone } from '@shared';
import {
  cellForNewNote,
  cellName,
  clampIntoZone,
  describeNote,
  neighbour,
  newNoteSpot,
  readingOrder,
  viewShowing,
} from './keyboardNavigation';

const zones: Zone[] = templateZones();
const projector = createProjector(zones);
const zone = (layer: Zone['layer'], area: Zone['area']) => zones.find((z) => z.id === zoneKey(layer, area))!;

/** A note of the standard size with its top-left corner at (dx, dy) inside a zone. */
function noteIn(id: string, z: Zone, dx: number, dy: number) {
  return { id, x: z.x + dx, y: z.y + dy, w: NOTE_WIDTH, h: NOTE_HEIGHT };
}

describe('reading order', () => {
  it('goes layer by layer, area by area, whatever the painting order', () => {
    const notes = [
      noteIn('cloud-data', zone('cloud', 'data'), 60, 60),
      noteIn('devices-security', zone('devices', 'security'), 60, 60),
      noteIn('devices-business', zone('devices', 'business'), 60, 60),
      noteIn('comms-tech', zone('communications', 'technology'), 60, 60),
    ];
    expect(readingOrder(notes, projector).map((e) => e.note.id)).toEqual([
      'devices-business',
      'devices-security',
      'comms-tech',
      'cloud-data',
    ]);
  });

  it('reads a cell in rows, left to right, though hand-placed notes are never level', () => {
    const z = zone('communications', 'technology');
    const notes = [
      noteIn('row2-left', z, 20, 260),
      noteIn('row1-right', z, 300, 50),
      noteIn('row1-left', z, 20, 80), // 30 px lower than its right neighbour, still the same row
      noteIn('row2-right', z, 300, 240),
    ];
    expect(readingOrder(notes, projector).map((e) => e.note.id)).toEqual([
      'row1-left',
      'row1-right',
      'row2-left',
      'row2-right',
    ]);
  });

  it('puts a layer’s notes outside its areas after its areas, and notes off the layers last', () => {
    const frame = zone('devices', null);
    const notes = [
      { id: 'off', x: -5000, y: -5000, w: NOTE_WIDTH, h: NOTE_HEIGHT },
      { id: 'devices-title', x: frame.x + 20, y: frame.y + 5, w: 100, h: 60 },
      noteIn('devices-ux', zone('devices', 'ux'), 60, 60),
      noteIn('embedded-ux', zone('embedded', 'ux'), 60, 60),
    ];
    const order = readingOrder(notes, projector);
    expect(order.map((e) => e.note.id)).toEqual(['devices-ux', 'devices-title', 'embedded-ux', 'off']);
    expect(order.map((e) => cellName(e.placement))).toEqual([
      'Devices / Hardware · UX',
      'Devices / Hardware',
      'Embedded software · UX',
      'outside the layers',
    ]);
  });
});

describe('neighbours', () => {
  const z = zone('cloud', 'technology');
  const grid = [
    noteIn('a', z, 20, 60),
    noteIn('b', z, 260, 60),
    noteIn('c', z, 20, 260),
    noteIn('d', z, 260, 260),
  ];
  const order = readingOrder(grid, projector).map((e) => e.note);

  it('walks next and previous in reading order and stops at the ends', () => {
    expect(neighbour(order, 'a', 'next')?.id).toBe('b');
    expect(neighbour(order, 'b', 'next')?.id).toBe('c');
    expect(neighbour(order, 'd', 'next')).toBeNull();
    expect(neighbour(order, 'c', 'previous')?.id).toBe('b');
    expect(neighbour(order, 'a', 'previous')).toBeNull();
    expect(neighbour(order, 'c', 'first')?.id).toBe('a');
    expect(neighbour(order, 'a', 'last')?.id).toBe('d');
  });

  it('goes up and down the column before jumping sideways', () => {
    expect(neighbour(order, 'b', 'down')?.id).toBe('d');
    expect(neighbour(order, 'c', 'up')?.id).toBe('a');
    expect(neighbour(order, 'a', 'up')).toBeNull();
    expect(neighbour(order, 'd', 'down')).toBeNull();
  });

  it('starts at an end when no note is active yet, or the active one is gone', () => {
    expect(neighbour(order, null, 'next')?.id).toBe('a');
    expect(neighbour(order, 'gone', 'previous')?.id).toBe('d');
    expect(neighbour([], null, 'next')).toBeNull();
  });
});

describe('describing a note', () => {
  it('says kind, text, author and cell', () => {
    const placement = projector.placeNote(noteIn('x', zone('communications', 'technology'), 60, 60));
    expect(describeNote({ kind: 'decision', text: 'Use  LoRaWAN\n', author: 'Ana' }, placement)).toBe(
      'Decision: Use LoRaWAN, by Ana, Communications · Technology',
    );
    expect(describeNote({ kind: 'idea', text: '  ', author: '' }, null)).toBe(
      'Idea: empty note, outside the layers',
    );
  });
});

describe('where a new note lands', () => {
  it('inside the area that holds the point, clear of the notes there', () => {
    const data = zone('cloud', 'data');
    const taken = noteIn('t', data, 16, 44);
    const centre = { x: data.x + data.w / 2, y: data.y + data.h / 2 };
    const spot = newNoteSpot(zones, [taken], centre, NOTE_WIDTH, NOTE_HEIGHT)!;
    expect(spot.zone.id).toBe(data.id);
    const placed = { x: spot.x, y: spot.y, w: NOTE_WIDTH, h: NOTE_HEIGHT };
    expect(projector.placeNote(placed)).toEqual({ layer: 'cloud', area: 'data' });
    // Wholly inside its cell, so it straddles none.
    expect(placed.x >= data.x && placed.x + placed.w <= data.x + data.w).toBe(true);
    expect(placed.y >= data.y && placed.y + placed.h <= data.y + data.h).toBe(true);
    expect(placed.x >= taken.x + taken.w || placed.y >= taken.y + taken.h).toBe(true);
  });

  it('in the nearest area when the point is on a layer’s title or between layers', () => {
    const frame = zone('embedded', null);
    expect(cellForNewNote(zones, { x: frame.x + 30, y: frame.y + 10 })?.id).toBe(
      zoneKey('embedded', 'business'),
    );
    const below = zone('embedded', 'standards');
    expect(cellForNewNote(zones, { x: below.x + 10, y: frame.y + frame.h + 20 })?.id).toBe(below.id);
    expect(newNoteSpot([], [], { x: 0, y: 0 }, NOTE_WIDTH, NOTE_HEIGHT)).toBeNull();
  });
});

describe('keeping the note in view', () => {
  const size = { width: 1000, height: 700 };
  const note = { x: 1000, y: 1000, w: NOTE_WIDTH, h: NOTE_HEIGHT };

  it('leaves a view that shows the note readable alone', () => {
    const view = { x: -600, y: -700, scale: 1 };
    expect(viewShowing(view, size, note)).toBe(view);
  });

  it('centres a note off screen or cut by an edge, at the same zoom', () => {
    const cut = viewShowing({ x: -1100, y: -700, scale: 1 }, size, note);
    expect(cut).toEqual({ scale: 1, x: 500 - 1100, y: 350 - 1070 });
  });

  it('zooms to a readable size a note too small to read', () => {
    const shown = viewShowing({ x: 0, y: 0, scale: 0.1 }, size, note);
    expect(note.w * shown.scale).toBeGreaterThanOrEqual(140);
    expect((note.x + note.w / 2) * shown.scale + shown.x).toBeCloseTo(500);
  });
});

describe('a note placed at the pointer', () => {
  it('is pulled wholly inside the cell under the pointer', () => {
    const data = zone('cloud', 'data');
    const spot = clampIntoZone(data, { x: data.x + 5, y: data.y + data.h - 5 }, NOTE_WIDTH, NOTE_HEIGHT);
    expect(spot).toEqual({ x: data.x, y: data.y + data.h - NOTE_HEIGHT });
    expect(clampIntoZone(data, { x: data.x + 400, y: data.y + 300 }, NOTE_WIDTH, NOTE_HEIGHT)).toEqual({
      x: data.x + 300,
      y: data.y + 230,
    });
  });
});
