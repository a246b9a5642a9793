import { describe, expect, it } from 'vitest';
import type { TimerState } from '@shared';
import {
  endToSignal,
  msTimerStillShown,
  msToNextSecond,
  SIGNAL_GRACE_MS,
  TIME_UP_SHOWN_MS,
} from './timerSignal';

const running = (endsAt: number): TimerState => ({
  status: 'running',
  durationMs: 60_000,
  endsAt,
  startedBy: 'ana',
});

describe('endToSignal', () => {
  it('signals a running timer it watched once its end has passed', () => {
    expect(endToSignal(running(10_000), 9_999, null, 10_000)).toBeNull();
    expect(endToSignal(running(10_000), 10_000, null, 10_000)).toBe(10_000);
    expect(endToSignal(running(10_000), 10_400, null, 10_000)).toBe(10_000);
  });

  it('signals each end only once', () => {
    expect(endToSignal(running(10_000), 10_400, 10_000, 10_000)).toBeNull();
  });

  it('signals again when the timer was given more time and ran out again', () => {
    expect(endToSignal(running(70_000), 70_100, 10_000, 70_000)).toBe(70_000);
  });

  it('stays quiet on a page that never saw the timer run (opened after the end)', () => {
    expect(endToSignal(running(10_000), 10_400, null, null)).toBeNull();
    expect(endToSignal(running(70_000), 70_100, null, 10_000)).toBeNull();
  });

  it('stays quiet for an end long past (a device woken from sleep)', () => {
    expect(endToSignal(running(10_000), 10_000 + SIGNAL_GRACE_MS + 1, null, 10_000)).toBeNull();
  });

  it('never signals a paused timer or no timer', () => {
    const paused: TimerState = { status: 'paused', durationMs: 60_000, remainingMs: 0, startedBy: 'ana' };
    expect(endToSignal(paused, 99_999, null, null)).toBeNull();
    expect(endToSignal(null, 99_999, null, null)).toBeNull();
  });
});

describe('msToNextSecond', () => {
  it('waits until just after the shown second changes', () => {
    expect(msToNextSecond(4_250)).toBe(260);
    expect(msToNextSecond(4_000)).toBe(1_010);
    expect(msToNextSecond(999)).toBe(1_009);
  });
});

describe('msTimerStillShown', () => {
  it('shows a running or paused timer for as long as it has', () => {
    expect(msTimerStillShown(running(10_000), 9_000)).toBe(Infinity);
    const paused: TimerState = { status: 'paused', durationMs: 60_000, remainingMs: 0, startedBy: 'ana' };
    expect(msTimerStillShown(paused, 99_000_000)).toBe(Infinity);
  });

  it('shows "Time’s up" for a while after the end, then nothing, without anyone removing the timer', () => {
    expect(msTimerStillShown(running(10_000), 10_000)).toBe(TIME_UP_SHOWN_MS);
    expect(msTimerStillShown(running(10_000), 10_000 + TIME_UP_SHOWN_MS - 1)).toBe(1);
    expect(msTimerStillShown(running(10_000), 10_000 + TIME_UP_SHOWN_MS)).toBe(0);
    expect(msTimerStillShown(running(10_000), 10_000 + 3_600_000)).toBe(0);
    expect(msTimerStillShown(null, 0)).toBe(0);
  });
});
