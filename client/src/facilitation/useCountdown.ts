import { useEffect, useReducer } from 'react';
import { timerRemainingMs, type TimerState } from '@shared';
import type { ServerClock } from './ServerClock';
import { msToNextSecond } from './timerSignal';

/**
 * The time left on the shared timer (null when there is none), by the server's clock; a running timer
 * re-renders just after each second it shows, so every screen turns its seconds over together.
 */
export function useCountdown(timer: TimerState | null, clock: ServerClock): number | null {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const remaining = timer ? timerRemainingMs(timer, clock.now()) : null;
  useEffect(() => {
    if (timer?.status !== 'running' || remaining === null || remaining === 0) return;
    const id = setTimeout(tick, msToNextSecond(remaining));
    return () => clearTimeout(id);
  });
  return remaining;
}
