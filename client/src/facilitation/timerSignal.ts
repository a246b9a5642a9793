import type { TimerState } from '@shared';

/**
 * How late a page may notice that a timer ended and still signal it: a page opened long after the end
 * (or woken from sleep) stays quiet rather than chiming at nothing.
 */
export const SIGNAL_GRACE_MS = 10_000;

/**
 * The end to signal now, or null: a running timer whose end (`endsAt`, server clock) has passed within
 * the grace period, that this page watched counting down (`watched`: the `endsAt` it last saw with time
 * left; a page opened after the end stays quiet), and that is not the one signalled last. Each run of a
 * timer has its own `endsAt` (a pause and resume, or "+1 min", gives a new one), so every end is
 * signalled exactly once per page.
 */
export function endToSignal(
  timer: TimerState | null,
  serverNow: number,
  lastSignalled: number | null,
  watched: number | null,
): number | null {
  if (timer?.status !== 'running') return null;
  if (timer.endsAt > serverNow || timer.endsAt === lastSignalled || timer.endsAt !== watched) return null;
  if (serverNow - timer.endsAt > SIGNAL_GRACE_MS) return null;
  return timer.endsAt;
}

/**
 * How long a timer that ran out keeps showing "0:00 Time's up": long enough for a room that looked away to
 * see it, short enough that it does not sit on every screen until someone removes it.
 */
export const TIME_UP_SHOWN_MS = 60_000;

/**
 * How long from `serverNow` the timer is still shown: Infinity while it runs with time left or is paused,
 * the rest of TIME_UP_SHOWN_MS once it ran out, 0 when it should no longer show (or there is none).
 */
export function msTimerStillShown(timer: TimerState | null, serverNow: number): number {
  if (!timer) return 0;
  if (timer.status === 'paused' || timer.endsAt > serverNow) return Infinity;
  return Math.max(0, timer.endsAt + TIME_UP_SHOWN_MS - serverNow);
}

/** How long until the shown second changes (plus a little, so the next render sees the new second). */
export function msToNextSecond(remainingMs: number): number {
  const part = remainingMs % 1000;
  return (part === 0 ? 1000 : part) + 10;
}
