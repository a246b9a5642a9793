import { MAX_TIMER_MS } from '@shared';

/** The countdown as people read it: `4:59`, `0:07`, `1:02:00`. Partial seconds count up, as clocks do. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** The countdown for a screen reader: "4 minutes 59 seconds left". */
export function describeCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  if (total === 0) return 'Time is up';
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts = [
    minutes > 0 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : '',
    seconds > 0 ? `${seconds} second${seconds === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `${parts.join(' ')} left`;
}

export type MinutesCheck = { ok: true; ms: number } | { ok: false; error: string };

const MAX_MINUTES = MAX_TIMER_MS / 60_000;

/**
 * Reads the facilitator's custom duration: minutes, with a decimal point or comma (`2.5`, `1,5`), or
 * `m:ss` (`2:30`). At least 1 second, at most 4 hours.
 */
export function parseMinutes(text: string): MinutesCheck {
  const value = text.trim();
  if (value === '') return { ok: false, error: 'Enter how many minutes the timer should run.' };
  let ms: number;
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(value);
  if (clock) {
    ms = (Number(clock[1]) * 60 + Number(clock[2])) * 1000;
  } else if (/^\d{0,3}([.,]\d+)?$/.test(value)) {
    ms = Math.round(Number(value.replace(',', '.')) * 60_000);
  } else {
    return { ok: false, error: 'Enter minutes as a number, like 7 or 2.5, or as 2:30.' };
  }
  if (ms < 1000) return { ok: false, error: 'The timer needs at least 1 second.' };
  if (ms > MAX_TIMER_MS)
    return { ok: false, error: `The timer can run at most ${MAX_MINUTES} minutes (4 hours).` };
  return { ok: true, ms };
}
