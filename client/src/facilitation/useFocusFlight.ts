import { useEffect, useRef } from 'react';
import { focusRect, type Focus, type Zone } from '@shared';
import { fitRect, type Viewport } from '../core/viewport/viewport';

/**
 * Flies the view to the focused layer (or area) each time the facilitator sets a focus, and once when
 * the page opens on a board that has one: layer-by-layer brainstorming starts with everyone looking at
 * the same canvas. Between changes of focus people move freely.
 */
export function useFocusFlight(
  focus: Focus | null,
  zones: readonly Zone[],
  size: { width: number; height: number },
  fly: (target: Viewport) => void,
): void {
  const flown = useRef<string | null>(null);
  useEffect(() => {
    if (!focus || zones.length === 0 || size.width === 0 || size.height === 0) return;
    // `since` tells a new focus on the same layer (asked for again) from the one already flown to.
    const key = `${focus.layer}:${focus.area ?? ''}:${focus.since}`;
    if (flown.current === key) return;
    const rect = focusRect(zones, focus);
    if (!rect) return;
    flown.current = key;
    fly(fitRect(rect, size.width, size.height));
  }, [focus, zones, size, fly]);
}
