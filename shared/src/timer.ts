import type * as Y from 'yjs';
import { CommandError } from './commands';
import {
  MAX_TIMER_MS,
  MIN_TIMER_MS,
  readSession,
  type PausedTimer,
  type RunningTimer,
  type TimerState,
} from './session';
import { checkPersonId, checkTime, writeSessionKey } from './sessionWrite';

/**
 * The workshop's shared countdown. A running timer stores when it ends in the server's clock, never a
 * remaining time: every device shows the same countdown however wrong its own clock is, as long as it
 * converts with its estimated offset (clock.ts). Every command takes `serverNow`, the caller's estimate
 * of the server's clock.
 */

const MINUTE = 60_000;

function checkDuration(durationMs: number, what: string): number {
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs))
    throw new CommandError(`${what} must be a finite number of ms`);
  if (durationMs < MIN_TIMER_MS) throw new CommandError(`${what} must be at least 1 second`);
  if (durationMs > MAX_TIMER_MS) throw new CommandError(`${what} must be at most 4 hours`);
  return Math.round(durationMs);
}

/** Time left on a timer at `serverNow`, in ms; never negative. */
export function timerRemainingMs(timer: TimerState, serverNow: number): number {
  if (timer.status === 'paused') return Math.max(0, timer.remainingMs);
  return Math.max(0, timer.endsAt - serverNow);
}

/** Whether the timer has run out at `serverNow`. */
export function timerFinished(timer: TimerState, serverNow: number): boolean {
  return timerRemainingMs(timer, serverNow) === 0;
}

/**
 * Starts a countdown of `durationMs` (1 s to 4 h), replacing any timer. Two people starting at once
 * converge to one of their timers.
 */
export function startTimer(
  doc: Y.Doc,
  durationMs: number,
  by: string,
  origin: unknown,
  serverNow: number,
): RunningTimer {
  const duration = checkDuration(durationMs, 'durationMs');
  const timer: RunningTimer = {
    status: 'running',
    durationMs: duration,
    endsAt: checkTime(serverNow, 'serverNow') + duration,
    startedBy: checkPersonId(by, 'by'),
  };
  writeSessionKey(doc, 'timer', timer, origin);
  return timer;
}

/** Pauses a running timer that has time left; returns whether it did. */
export function pauseTimer(doc: Y.Doc, origin: unknown, serverNow: number): boolean {
  checkTime(serverNow, 'serverNow');
  const timer = readSession(doc).timer;
  if (timer?.status !== 'running' || timerFinished(timer, serverNow)) return false;
  const paused: PausedTimer = {
    status: 'paused',
    durationMs: timer.durationMs,
    remainingMs: timerRemainingMs(timer, serverNow),
    startedBy: timer.startedBy,
  };
  writeSessionKey(doc, 'timer', paused, origin);
  return true;
}

/** Resumes a paused timer with the time it had left; returns whether it did. */
export function resumeTimer(doc: Y.Doc, origin: unknown, serverNow: number): boolean {
  checkTime(serverNow, 'serverNow');
  const timer = readSession(doc).timer;
  if (timer?.status !== 'paused' || timer.remainingMs === 0) return false;
  const running: RunningTimer = {
    status: 'running',
    durationMs: timer.durationMs,
    endsAt: serverNow + timer.remainingMs,
    startedBy: timer.startedBy,
  };
  writeSessionKey(doc, 'timer', running, origin);
  return true;
}

/**
 * Gives the timer one more minute, running or paused. A timer that already ran out gets one minute from
 * now, as a facilitator granting "one more minute" expects. Returns false when there is no timer; throws
 * when the total would pass 4 hours.
 */
export function addTimerMinute(doc: Y.Doc, origin: unknown, serverNow: number): boolean {
  return extendTimer(doc, MINUTE, origin, serverNow);
}

/**
 * Gives the timer `ms` more (at least 1 second), running or paused; a timer that already ran out gets
 * `ms` from now. The agenda's Extend uses it with the step's own extension. Returns false when there is
 * no timer; throws when the time left would pass 4 hours.
 */
export function extendTimer(doc: Y.Doc, ms: number, origin: unknown, serverNow: number): boolean {
  checkTime(serverNow, 'serverNow');
  const extra = checkDuration(ms, 'the extension');
  const timer = readSession(doc).timer;
  if (!timer) return false;
  const remaining = timerRemainingMs(timer, serverNow) + extra;
  checkDuration(remaining, 'the time left');
  // The total only grows, so a progress ring stays within it.
  const durationMs = Math.min(MAX_TIMER_MS, Math.max(timer.durationMs + extra, remaining));
  const next: TimerState =
    timer.status === 'running'
      ? { status: 'running', durationMs, endsAt: serverNow + remaining, startedBy: timer.startedBy }
      : { status: 'paused', durationMs, remainingMs: remaining, startedBy: timer.startedBy };
  writeSessionKey(doc, 'timer', next, origin);
  return true;
}

/** Puts the timer back to its full duration, paused, ready to start again; returns whether there was one. */
export function resetTimer(doc: Y.Doc, origin: unknown): boolean {
  const timer = readSession(doc).timer;
  if (!timer) return false;
  const paused: PausedTimer = {
    status: 'paused',
    durationMs: timer.durationMs,
    remainingMs: timer.durationMs,
    startedBy: timer.startedBy,
  };
  writeSessionKey(doc, 'timer', paused, origin);
  return true;
}

/** Removes the timer altogether (nothing shows any more); returns whether there was one. */
export function clearTimer(doc: Y.Doc, origin: unknown): boolean {
  if (!readSession(doc).timer) return false;
  writeSessionKey(doc, 'timer', null, origin);
  return true;
}
