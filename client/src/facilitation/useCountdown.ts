import { useEffect, useReducer } from 'react';
import { timerRemainingMs, type TimerState } from '@shared';
import type { ServerClock } from '../core/clock/ServerClock';
import { msTimerStillShown, msToNextSecond } from './timerSignal';

/**
 * The time left on the shared timer (null when there is none to show), by the server's clock; a running
 * timer re-renders just after each second it shows, so every screen turns its seconds over together. A
 * timer that ran out shows "Time's up" for TIME_UP_SHOWN_MS, then goes from every screen by itself.
 */
export function useCountdown(timer: TimerState | null, clock: ServerClock): number | null {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const now = clock.now();
  const shownFor = msTimerStillShown(timer, now);
  const remaining = timer && shownFor > 0 ? timerRemainingMs(timer, now) : null;
  useEffect(() => {
    if (timer?.status !== 'running' || remaining === null) return;
    // Each second while it runs; once at the end of "Time's up", to take it away.
    const id = setTimeout(tick, remaining > 0 ? msToNextSecond(remaining) : shownFor + 10);
    return () => clearTimeout(id);
  });
  return remaining;
}
