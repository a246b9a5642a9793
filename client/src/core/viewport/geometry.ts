import type { Rect } from '@shared';
import type { Point, Viewport } from './viewport';

export function centre(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** The rectangle spanned by two corner points, in any order. */
export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** The part of the board a view shows on a screen of the given size, grown by `margin` screen pixels. */
export function visibleBoardRect(view: Viewport, width: number, height: number, margin = 0): Rect {
  return {
    x: (-view.x - margin) / view.scale,
    y: (-view.y - margin) / view.scale,
    w: (width + 2 * margin) / view.scale,
    h: (height + 2 * margin) / view.scale,
  };
}

/** Where the ray from a rectangle's centre towards `toward` leaves the rectangle. */
export function exitPoint(r: Rect, toward: Point): Point {
  const c = centre(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : r.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : r.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

/** The segment of an arrow from one note to another, from border to border, or null when they overlap. */
export function linkSegment(from: Rect, to: Rect): [Point, Point] | null {
  if (intersects(from, to)) return null;
  return [exitPoint(from, centre(to)), exitPoint(to, centre(from))];
}
