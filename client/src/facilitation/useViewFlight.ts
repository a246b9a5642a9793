import { useCallback, useEffect, useRef } from 'react';
import type { Editor } from '../core/editor/Editor';
import type { Viewport } from '../core/viewport/viewport';
import { easeInOut, viewBetween } from './viewFlight';

const FLIGHT_MS = 500;

/**
 * Whether an input event is the person moving the board themselves (on the canvas, or a board key such
 * as a layer number), as opposed to working a panel's controls, which must not cut a flight short.
 */
function movesBoard(event: Event): boolean {
  const target = event.target;
  if (!(target instanceof Element)) return true;
  if (target.closest('input, textarea, select, [contenteditable], [role="dialog"], button, a')) return false;
  return event.type === 'keydown' || target.closest('canvas, .stage-box') !== null;
}

function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * Moves the board page's view to a target smoothly (at once for people who ask for reduced motion), so
 * that a view moved by the facilitator shows where it went. The person moving the board during the
 * flight ends it where it is: they take over.
 */
export function useViewFlight(editor: Editor): (target: Viewport) => void {
  const frame = useRef<number | null>(null);
  const stop = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  }, []);

  useEffect(() => {
    const events = ['pointerdown', 'wheel', 'keydown'] as const;
    const onInput = (e: Event) => {
      if (movesBoard(e)) stop();
    };
    for (const e of events) window.addEventListener(e, onInput, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onInput, { capture: true });
      stop();
    };
  }, [stop]);

  return useCallback(
    (target: Viewport) => {
      stop();
      const from = editor.camera;
      const duration = reducedMotion() ? 0 : FLIGHT_MS;
      let started: number | null = null;
      // Even a jump waits for the next frame: a flight asked for while the page opens lands after the
      // page has placed its first view, instead of being overwritten by it.
      const step = (now: number) => {
        started ??= now;
        const t = duration === 0 ? 1 : Math.min(1, (now - started) / duration);
        editor.setCamera(t >= 1 ? target : viewBetween(from, target, easeInOut(t), editor.size));
        frame.current = t >= 1 ? null : requestAnimationFrame(step);
      };
      frame.current = requestAnimationFrame(step);
    },
    [editor, stop],
  );
}
