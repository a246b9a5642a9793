import { describe, expect, it } from 'vitest';
import { cardLayout, DENSE, type CardLayoutInput } from './cardLayout';

/** An area of the focused layer on a 1920x1080 projector: the box its cards share. */
const AREA: CardLayoutInput = {
  count: 0,
  longest: 60,
  width: 480,
  height: 400,
  text: 29,
  floor: 20.5,
  author: 19,
  gap: 10,
};

describe('cardLayout', () => {
  it('keeps the full text size for up to six notes, two columns of three for six', () => {
    for (let count = 1; count <= DENSE; count++) {
      const layout = cardLayout({ ...AREA, count });
      expect(layout.text).toBe(29);
      expect(layout.author).toBe(19);
      expect(layout.shown).toBe(count);
      expect(layout.lines).toBeGreaterThanOrEqual(2);
    }
    expect(cardLayout({ ...AREA, count: 6 })).toMatchObject({ columns: 2, rows: 3 });
  });

  it('gives one note the whole width, and enough lines for a long note', () => {
    const layout = cardLayout({ ...AREA, count: 1, longest: 200 });
    expect(layout.columns).toBe(1);
    expect(layout.lines).toBeGreaterThanOrEqual(6);
  });

  it('steps a denser cell down, never under the floor, and counts what does not fit', () => {
    const eight = cardLayout({ ...AREA, count: 8, longest: 30 });
    expect(eight.text).toBeLessThan(29);
    expect(eight.text).toBeGreaterThanOrEqual(20.5);
    expect(eight.shown).toBe(8);
    const forty = cardLayout({ ...AREA, count: 40 });
    expect(forty.text).toBe(20.5);
    expect(forty.shown).toBeLessThan(40);
    expect(forty.shown).toBeGreaterThan(0);
    expect(forty.lines).toBeGreaterThanOrEqual(2);
    expect(forty.author).toBeGreaterThanOrEqual(16);
    // The "+N more" card takes a place of its own.
    expect(forty.columns * forty.rows).toBeGreaterThanOrEqual(forty.shown + 1);
  });

  it('shrinks below the scene size only when not a single line would fit', () => {
    const tiny = cardLayout({ ...AREA, count: 3, width: 120, height: 60 });
    expect(tiny.text).toBeLessThan(29);
    expect(cardLayout({ ...AREA, count: 0 })).toMatchObject({ rows: 0, shown: 0 });
  });
});
