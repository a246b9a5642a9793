import { describe, expect, it } from 'vitest';
import { createProjector, templateZones, type Note } from '@shared';
import { dotsText, layersFocusFirst, notesInReadingOrder, placeLabel, readingOrder } from './boardListing';

const note = (id: string, x: number, y: number) => ({ id, x, y }) as Note;

describe('readingOrder', () => {
  it('reads row by row from the top, left to right within a row', () => {
    const notes = [note('c', 20, 300), note('b', 400, 110), note('a', 30, 100), note('d', 500, 320)];
    expect(readingOrder(notes).map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not reorder the notes it is given', () => {
    const notes = [note('b', 400, 0), note('a', 0, 0)];
    readingOrder(notes);
    expect(notes.map((n) => n.id)).toEqual(['b', 'a']);
  });
});

describe('notesInReadingOrder', () => {
  it('looks the ids up and lists those notes in reading order, leaving out ids it does not find', () => {
    const notes = new Map(
      [note('c', 20, 300), note('a', 30, 100), note('b', 400, 110)].map((n) => [n.id, n]),
    );
    expect(notesInReadingOrder(['c', 'gone', 'b', 'a'], notes).map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(notesInReadingOrder(['b'], notes).map((n) => n.id)).toEqual(['b']);
    expect(notesInReadingOrder([], notes)).toEqual([]);
  });
});

describe('layersFocusFirst', () => {
  it('puts the focused layer first and keeps the others in the framework order', () => {
    expect(layersFocusFirst('cloud')).toEqual([
      'cloud',
      'devices',
      'embedded',
      'communications',
      'applications',
    ]);
    expect(layersFocusFirst(null)).toEqual([
      'devices',
      'embedded',
      'communications',
      'cloud',
      'applications',
    ]);
  });
});

describe('placeLabel and dotsText', () => {
  it('names a cell, a layer without an area, and a note outside every layer', () => {
    const projector = createProjector(templateZones());
    const cloudSecurity = templateZones().find((z) => z.id === 'cloud:security')!;
    expect(placeLabel(projector.placePoint(cloudSecurity.x + 5, cloudSecurity.y + 5))).toBe(
      'Cloud platform · Security',
    );
    expect(placeLabel({ layer: 'devices', area: null })).toBe('Devices / Hardware · in no area');
    expect(placeLabel(null)).toBe('Outside the layers');
  });

  it('counts dots in words', () => {
    expect(dotsText(1)).toBe('1 dot');
    expect(dotsText(0)).toBe('0 dots');
  });
});
