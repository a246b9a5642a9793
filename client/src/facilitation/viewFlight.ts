import type { Viewport } from '../core/viewport/viewport';

/** A smooth start and stop. */
export function easeInOut(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

/**
 * The view a fraction `t` of the way from `from` to `to` on a screen of the given size: the board point
 * in the middle of the screen moves in a straight line while the zoom changes by a constant factor per
 * step, so a flight from a far zoom-out to one layer feels even all the way.
 */
export function viewBetween(
  from: Viewport,
  to: Viewport,
  t: number,
  size: { width: number; height: number },
): Viewport {
  if (t <= 0) return from;
  if (t >= 1) return to;
  const cx = size.width / 2;
  const cy = size.height / 2;
  const a = { x: (cx - from.x) / from.scale, y: (cy - from.y) / from.scale };
  const b = { x: (cx - to.x) / to.scale, y: (cy - to.y) / to.scale };
  const scale = from.scale * (to.scale / from.scale) ** t;
  const centre = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
  return { scale, x: cx - centre.x * scale, y: cy - centre.y * scale };
}
