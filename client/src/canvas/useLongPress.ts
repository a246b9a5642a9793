import { useMemo, useRef } from 'react';

/** How long a finger rests on a note before its menu opens. */
const LONG_PRESS_MS = 550;

export interface LongPress {
  /** Starts the timer (replacing any running one); `fire` runs if nothing cancels it in time. */
  start(fire: () => void): void;
  cancel(): void;
}

/**
 * A long-press on touch: the right-click of a tablet or phone. One timer for the whole canvas, since
 * any other gesture (a drag, a second finger, lifting the finger) must cancel it wherever it began.
 */
export function useLongPress(): LongPress {
  const timer = useRef<number | null>(null);
  return useMemo(() => {
    const cancel = () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
    return {
      cancel,
      start(fire) {
        cancel();
        timer.current = window.setTimeout(() => {
          timer.current = null;
          fire();
        }, LONG_PRESS_MS);
      },
    };
  }, []);
}
