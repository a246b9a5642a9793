import { describe, expect, it } from 'vitest';
import { estimateClockOffset, serverTime } from './clock';
import { readSession, type TimerState } from './session';
import {
  addTimerMinute,
  extendTimer,
  clearTimer,
  pauseTimer,
  resetTimer,
  resumeTimer,
  startTimer,
  timerFinished,
  timerRemainingMs,
} from './timer';
import { LOCAL, newBoard, replicaOf, sync, transactionsOf } from './testing';

const T0 = 1_700_000_000_000;
const timerOf = (doc: ReturnType<typeof newBoard>): TimerState => {
  const timer = readSession(doc).timer;
  if (!timer) throw new Error('no timer');
  return timer;
};

describe('startTimer', () => {
  it('runs until a moment of the server clock, one transaction', () => {
    const doc = newBoard();
    expect(transactionsOf(doc, () => startTimer(doc, 5 * 60_000, 'u-priya', LOCAL, T0))).toEqual([LOCAL]);
    const timer = timerOf(doc);
    expect(timer).toEqual({
      status: 'running',
      durationMs: 300_000,
      endsAt: T0 + 300_000,
      startedBy: 'u-priya',
    });
    expect(timerRemainingMs(timer, T0 + 60_000)).toBe(240_000);
    expect(timerFinished(timer, T0 + 299_999)).toBe(false);
    expect(timerFinished(timer, T0 + 300_000)).toBe(true);
    expect(timerRemainingMs(timer, T0 + 999_999)).toBe(0);
  });

  it('refuses durations under a second or over four hours, with a clear error', () => {
    const doc = newBoard();
    expect(() => startTimer(doc, 999, 'u', LOCAL, T0)).toThrow(/at least 1 second/);
    expect(() => startTimer(doc, 4 * 3_600_000 + 1, 'u', LOCAL, T0)).toThrow(/at most 4 hours/);
    expect(() => startTimer(doc, NaN, 'u', LOCAL, T0)).toThrow(/finite number/);
    expect(() => startTimer(doc, 60_000, '', LOCAL, T0)).toThrow(/by must be/);
    expect(() => startTimer(doc, 60_000, 'u', LOCAL, Infinity)).toThrow(/serverNow/);
    expect(startTimer(doc, 1000, 'u', LOCAL, T0).durationMs).toBe(1000);
    expect(startTimer(doc, 4 * 3_600_000, 'u', LOCAL, T0).durationMs).toBe(4 * 3_600_000);
  });

  it('shows the same countdown on devices whose clocks differ', () => {
    const doc = newBoard();
    const laptop = replicaOf(doc);
    const phone = replicaOf(doc);
    // The laptop runs 90 s behind the server, the phone 40 s ahead; each measured its offset.
    const laptopOffset = estimateClockOffset([
      { sentAt: T0 - 90_000, receivedAt: T0 - 89_980, serverNow: T0 + 10 },
    ]);
    const phoneOffset = estimateClockOffset([
      { sentAt: T0 + 40_000, receivedAt: T0 + 40_100, serverNow: T0 + 50 },
    ]);
    startTimer(laptop, 120_000, 'u-laptop', LOCAL, serverTime(T0 - 90_000, laptopOffset));
    sync(laptop, phone);
    // 30 s later in real time, each device reads its own clock.
    const onLaptop = timerRemainingMs(timerOf(laptop), serverTime(T0 - 60_000, laptopOffset));
    const onPhone = timerRemainingMs(timerOf(phone), serverTime(T0 + 70_000, phoneOffset));
    expect(onLaptop).toBe(90_000);
    expect(onPhone).toBe(90_000);
  });

  it('converges to one timer when two people start one at once', () => {
    const a = newBoard();
    const b = replicaOf(a);
    startTimer(a, 60_000, 'u-a', LOCAL, T0);
    startTimer(b, 120_000, 'u-b', LOCAL, T0 + 5);
    sync(a, b);
    expect(timerOf(a)).toEqual(timerOf(b));
    expect(['u-a', 'u-b']).toContain(timerOf(a).startedBy);
  });
});

describe('pause, resume, one more minute, reset', () => {
  it('pauses with the time left and resumes from it, whenever that is', () => {
    const doc = newBoard();
    startTimer(doc, 600_000, 'u', LOCAL, T0);
    expect(pauseTimer(doc, LOCAL, T0 + 100_000)).toBe(true);
    expect(timerOf(doc)).toEqual({
      status: 'paused',
      durationMs: 600_000,
      remainingMs: 500_000,
      startedBy: 'u',
    });
    expect(timerRemainingMs(timerOf(doc), T0 + 999_999_999)).toBe(500_000);
    expect(pauseTimer(doc, LOCAL, T0 + 200_000)).toBe(false);
    expect(resumeTimer(doc, LOCAL, T0 + 1_000_000)).toBe(true);
    expect(timerOf(doc)).toMatchObject({ status: 'running', endsAt: T0 + 1_500_000 });
    expect(resumeTimer(doc, LOCAL, T0 + 1_000_001)).toBe(false);
  });

  it('does not pause a timer that already ran out', () => {
    const doc = newBoard();
    startTimer(doc, 10_000, 'u', LOCAL, T0);
    expect(pauseTimer(doc, LOCAL, T0 + 10_000)).toBe(false);
    expect(timerOf(doc).status).toBe('running');
  });

  it('adds a minute to a running, a paused and a finished timer', () => {
    const doc = newBoard();
    startTimer(doc, 300_000, 'u', LOCAL, T0);
    expect(addTimerMinute(doc, LOCAL, T0 + 100_000)).toBe(true);
    expect(timerOf(doc)).toMatchObject({ status: 'running', durationMs: 360_000, endsAt: T0 + 360_000 });
    pauseTimer(doc, LOCAL, T0 + 200_000);
    addTimerMinute(doc, LOCAL, T0 + 250_000);
    expect(timerOf(doc)).toMatchObject({ status: 'paused', durationMs: 420_000, remainingMs: 220_000 });
    resumeTimer(doc, LOCAL, T0 + 300_000);
    // Ran out at T0 + 520 000; "one more minute" at T0 + 600 000 means a minute from now.
    addTimerMinute(doc, LOCAL, T0 + 600_000);
    expect(timerRemainingMs(timerOf(doc), T0 + 600_000)).toBe(60_000);
    expect(timerFinished(timerOf(doc), T0 + 600_000)).toBe(false);
  });

  it('refuses to pass four hours, and does nothing without a timer', () => {
    const doc = newBoard();
    expect(addTimerMinute(doc, LOCAL, T0)).toBe(false);
    startTimer(doc, 4 * 3_600_000 - 30_000, 'u', LOCAL, T0);
    expect(() => addTimerMinute(doc, LOCAL, T0)).toThrow(/at most 4 hours/);
    expect(timerOf(doc).durationMs).toBe(4 * 3_600_000 - 30_000);
  });

  it('resets to the full duration, paused, and clears', () => {
    const doc = newBoard();
    expect(resetTimer(doc, LOCAL)).toBe(false);
    startTimer(doc, 300_000, 'u', LOCAL, T0);
    expect(resetTimer(doc, LOCAL)).toBe(true);
    expect(timerOf(doc)).toEqual({
      status: 'paused',
      durationMs: 300_000,
      remainingMs: 300_000,
      startedBy: 'u',
    });
    expect(clearTimer(doc, LOCAL)).toBe(true);
    expect(readSession(doc).timer).toBeNull();
    expect(clearTimer(doc, LOCAL)).toBe(false);
  });
});

describe('extendTimer', () => {
  it('adds the given time, running or paused, and from now once the time is up', () => {
    const doc = newBoard();
    startTimer(doc, 60_000, 'u-priya', LOCAL, T0);
    expect(extendTimer(doc, 30_000, LOCAL, T0 + 10_000)).toBe(true);
    expect(timerOf(doc)).toMatchObject({ status: 'running', durationMs: 90_000, endsAt: T0 + 90_000 });
    expect(extendTimer(doc, 5000, LOCAL, T0 + 200_000)).toBe(true);
    expect(timerOf(doc)).toMatchObject({ endsAt: T0 + 205_000, durationMs: 95_000 });
    pauseTimer(doc, LOCAL, T0 + 201_000);
    extendTimer(doc, 1000, LOCAL, T0 + 500_000);
    expect(timerOf(doc)).toMatchObject({ status: 'paused', remainingMs: 5000 });
  });

  it('refuses an extension under a second or past 4 hours left, and does nothing without a timer', () => {
    const doc = newBoard();
    expect(extendTimer(doc, 1000, LOCAL, T0)).toBe(false);
    startTimer(doc, 60_000, 'u-priya', LOCAL, T0);
    expect(() => extendTimer(doc, 500, LOCAL, T0)).toThrow(/at least 1 second/);
    expect(() => extendTimer(doc, 4 * 60 * 60_000, LOCAL, T0)).toThrow(
      /the time left must be at most 4 hours/,
    );
    expect(timerOf(doc)).toMatchObject({ durationMs: 60_000, endsAt: T0 + 60_000 });
  });
});
