import type { Rect } from '@shared';

/** The canvas view: a point p of the board is drawn at p * scale + (x, y) on screen. */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;

export interface Point {
  x: number;
  y: number;
}

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The board point under a screen point. */
export function screenToBoard(view: Viewport, p: Point): Point {
  return { x: (p.x - view.x) / view.scale, y: (p.y - view.y) / view.scale };
}

/** Zooms by `factor` keeping the board point under `anchor` (a screen point) where it is. */
export function zoomAt(view: Viewport, anchor: Point, factor: number): Viewport {
  const scale = clampScale(view.scale * factor);
  const board = screenToBoard(view, anchor);
  return { scale, x: anchor.x - board.x * scale, y: anchor.y - board.y * scale };
}

/** The view that shows `rect` whole and centred in a screen of the given size. */
export function fitRect(rect: Rect, width: number, height: number, margin = 32): Viewport {
  const scale = clampScale(
    Math.min((width - 2 * margin) / Math.max(rect.w, 1), (height - 2 * margin) / Math.max(rect.h, 1)),
  );
  return {
    scale,
    x: (width - rect.w * scale) / 2 - rect.x * scale,
    y: (height - rect.h * scale) / 2 - rect.y * scale,
  };
}
