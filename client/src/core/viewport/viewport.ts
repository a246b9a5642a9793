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

/** Zoom per pixel of wheel travel: a trackpad pinch (Ctrl + wheel with deltas of a few pixels) follows the fingers. */
const WHEEL_ZOOM_PER_PX = 0.01;
/**
 * The most one wheel event may zoom, in log scale: a mouse notch (100 or 120 px) zooms by e^0.15, about
 * 1.16x. Without this cap a notch zoomed by e (2.7x: 11% -> 31% -> 85% -> 231%).
 */
const WHEEL_ZOOM_MAX_STEP = 0.15;
/** Pixels per line and per page, for wheels that report lines (Firefox) or pages. */
const WHEEL_LINE_PX = 16;
const WHEEL_PAGE_PX = 800;

/**
 * How much one Ctrl + wheel event zooms (above 1 zooms in): proportional to the travel, so a trackpad
 * or a pinch zooms smoothly, and capped per event, so a mouse notch zooms by about 1.16x.
 * `deltaMode` is the WheelEvent's (0 pixels, 1 lines, 2 pages).
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaY * (deltaMode === 1 ? WHEEL_LINE_PX : deltaMode === 2 ? WHEEL_PAGE_PX : 1);
  const step = Math.max(-WHEEL_ZOOM_MAX_STEP, Math.min(WHEEL_ZOOM_MAX_STEP, -px * WHEEL_ZOOM_PER_PX));
  return Math.exp(step);
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

/**
 * The view for a canvas that has become `to` in size, from the view the person chose on a canvas of size
 * `from` (a panel docked beside it, a banner above it, the window resized): the same board point in the
 * middle; when the canvas is smaller, zoomed out just enough that all of what they chose to see stays in
 * view; when it is larger, at their zoom, showing more around it. From the same chosen view, opening and
 * closing a panel gives that view back exactly.
 */
export function keepViewOnResize(
  view: Viewport,
  from: { width: number; height: number },
  to: { width: number; height: number },
): Viewport {
  if (from.width <= 0 || from.height <= 0 || to.width <= 0 || to.height <= 0) return view;
  const ratio = Math.min(1, to.width / from.width, to.height / from.height);
  const scale = clampScale(view.scale * ratio);
  const cx = (from.width / 2 - view.x) / view.scale;
  const cy = (from.height / 2 - view.y) / view.scale;
  return { scale, x: to.width / 2 - cx * scale, y: to.height / 2 - cy * scale };
}
