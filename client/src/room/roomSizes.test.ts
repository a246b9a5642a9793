import { describe, expect, it } from 'vitest';
import { areaTracks, cardSizes, roomUnit } from './roomSizes';

describe('roomSizes', () => {
  it('sizes a focused layer on the 1920x1080 projector at 28 px text and 18 px authors or more', () => {
    // The stage beside the rail: 1920 less 19vw.
    const unit = roomUnit(1920 - 0.19 * 1920, 1080);
    const layer = cardSizes('layer', unit);
    expect(layer.text).toBeGreaterThanOrEqual(28);
    expect(layer.author).toBeGreaterThanOrEqual(18);
    expect(layer.floor).toBeGreaterThanOrEqual(20);
    expect(cardSizes('area', unit).text).toBeGreaterThan(layer.text);
    expect(cardSizes('overview', unit).text).toBeGreaterThanOrEqual(20);
  });

  it('gives the areas with more notes more of the screen, and an empty one its share still', () => {
    const { columns, rows } = areaTracks([6, 2, 0, 2, 2, 1]);
    expect(columns[0]).toBeGreaterThan(columns[1]!);
    expect(columns[1]).toBeGreaterThan(columns[2]!);
    expect(rows[0]).toBeGreaterThan(rows[1]!);
    expect(Math.min(...columns, ...rows)).toBeGreaterThanOrEqual(1);
    expect(areaTracks([0, 0, 0, 0, 0, 0])).toEqual({ columns: [1, 1, 1], rows: [1, 1] });
    // A crowded area stops growing: its cards step down instead.
    expect(areaTracks([40, 0, 0, 0, 0, 0])).toEqual(areaTracks([9, 0, 0, 0, 0, 0]));
  });
});
