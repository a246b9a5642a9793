import { describe, expect, it } from 'vitest';
import { exitPoint, intersects, linkSegment, rectFromPoints, visibleBoardRect } from './geometry';

describe('geometry', () => {
  const a = { x: 0, y: 0, w: 200, h: 100 };
  it('finds where a ray from the centre leaves a rectangle', () => {
    expect(exitPoint(a, { x: 1000, y: 50 })).toEqual({ x: 200, y: 50 });
    expect(exitPoint(a, { x: 100, y: -500 })).toEqual({ x: 100, y: 0 });
    const corner = exitPoint(a, { x: 300, y: 150 });
    expect(corner.x).toBeCloseTo(200);
    expect(corner.y).toBeCloseTo(100);
  });
  it('draws a link from border to border, and none between overlapping notes', () => {
    const b = { x: 400, y: 0, w: 200, h: 100 };
    expect(linkSegment(a, b)).toEqual([
      { x: 200, y: 50 },
      { x: 400, y: 50 },
    ]);
    expect(linkSegment(a, { x: 150, y: 50, w: 100, h: 100 })).toBeNull();
  });
  it('builds rectangles from a drag in any direction, and tests overlap', () => {
    expect(rectFromPoints({ x: 50, y: 80 }, { x: 10, y: 20 })).toEqual({ x: 10, y: 20, w: 40, h: 60 });
    expect(intersects(a, { x: 199, y: 99, w: 10, h: 10 })).toBe(true);
    expect(intersects(a, { x: 200, y: 0, w: 10, h: 10 })).toBe(false);
  });
  it('knows which part of the board a view shows', () => {
    expect(visibleBoardRect({ x: -100, y: -50, scale: 0.5 }, 800, 600)).toEqual({
      x: 200,
      y: 100,
      w: 1600,
      h: 1200,
    });
  });
});
