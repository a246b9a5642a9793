import type Konva from 'konva';
import { useMemo, useRef } from 'react';
import type { Point } from '../core/viewport/viewport';

/**
 * Whether a Konva click (a mouse button released where it was pressed) is the second click of a
 * double-click, as the browser counts clicks: with the system's double-click time and distance, timed
 * when the clicks happened. Konva's own double-click (`dblclick`) times the clicks when it handles
 * them, within a fixed 400 ms, and keeps counting across gestures: a slow double-click, or a page busy
 * for a moment after the first click, or a double-click that follows one it missed, opened nothing.
 * Touch keeps Konva's `dbltap` (taps carry no click count).
 */
export function isDoubleClick(event: Konva.KonvaEventObject<MouseEvent>): boolean {
  return event.evt.detail === 2;
}

/** After a pinch ends, a double tap this soon is its fingers lifting, not a request for a note. */
const PINCH_TAP_GUARD_MS = 600;
/** Two clicks further apart than this are two clicks, not a double-click. */
const DOUBLE_CLICK_SLOP_PX = 12;

interface Down extends Point {
  t: number;
}

export interface DoubleClickGuard {
  /** The pointer went down at a screen point. */
  down(p: Point): void;
  /** The pointer moved to a screen point while a gesture runs. */
  moved(p: Point): void;
  /** A pinch just ended. */
  pinchEnded(): void;
  /** Whether the double-click Konva reports is one: `pinching` while a pinch still runs. */
  isDoubleClick(pinching: boolean): boolean;
}

/**
 * Konva fires a double tap for any two quick presses, wherever they were: the fingers of a pinch, the
 * end of a pan or link drag, two taps in different places; and a second click may end a drag. Each
 * would add or open a note; this remembers enough of the recent presses to tell them from a real
 * double-click or double tap.
 */
export function useDoubleClickGuard(): DoubleClickGuard {
  /** When the last pinch ended. */
  const pinchedAt = useRef(-Infinity);
  /** When the pointer last moved during a pan, marquee or move: a drag is never half a double-click. */
  const draggedAt = useRef(-Infinity);
  /** The last two places the pointer went down. */
  const downs = useRef<[Down | null, Down | null]>([null, null]);
  return useMemo(
    () => ({
      down(p) {
        downs.current = [downs.current[1], { ...p, t: performance.now() }];
      },
      moved(p) {
        // Browsers send pointer moves that go nowhere (after a re-render, say): only real travel is a drag.
        const down = downs.current[1];
        if (down && Math.hypot(p.x - down.x, p.y - down.y) > DOUBLE_CLICK_SLOP_PX)
          draggedAt.current = performance.now();
      },
      pinchEnded() {
        pinchedAt.current = performance.now();
      },
      isDoubleClick(pinching) {
        const now = performance.now();
        if (pinching || now - pinchedAt.current < PINCH_TAP_GUARD_MS) return false;
        const [first, second] = downs.current;
        if (!first || !second || draggedAt.current > first.t) return false;
        return Math.hypot(first.x - second.x, first.y - second.y) <= DOUBLE_CLICK_SLOP_PX;
      },
    }),
    [],
  );
}
