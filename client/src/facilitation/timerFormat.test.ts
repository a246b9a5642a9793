import { describe, expect, it } from 'vitest';
import { describeCountdown, formatCountdown, parseMinutes } from './timerFormat';

describe('formatCountdown', () => {
  it('shows minutes and seconds, counting a started second as a whole one', () => {
    expect(formatCountdown(300_000)).toBe('5:00');
    expect(formatCountdown(299_001)).toBe('5:00');
    expect(formatCountdown(299_000)).toBe('4:59');
    expect(formatCountdown(7_000)).toBe('0:07');
    expect(formatCountdown(1)).toBe('0:01');
  });

  it('shows 0:00 at the end and never a negative time', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
  });

  it('shows hours once a timer is an hour or longer', () => {
    expect(formatCountdown(3_720_000)).toBe('1:02:00');
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(3_599_000)).toBe('59:59');
  });
});

describe('describeCountdown', () => {
  it('says the time left in words', () => {
    expect(describeCountdown(299_000)).toBe('4 minutes 59 seconds left');
    expect(describeCountdown(60_000)).toBe('1 minute left');
    expect(describeCountdown(1_000)).toBe('1 second left');
    expect(describeCountdown(0)).toBe('Time is up');
  });
});

describe('parseMinutes', () => {
  it('reads whole and decimal minutes, with a point or a comma', () => {
    expect(parseMinutes('7')).toEqual({ ok: true, ms: 420_000 });
    expect(parseMinutes(' 2.5 ')).toEqual({ ok: true, ms: 150_000 });
    expect(parseMinutes('1,5')).toEqual({ ok: true, ms: 90_000 });
    expect(parseMinutes('.5')).toEqual({ ok: true, ms: 30_000 });
  });

  it('reads m:ss', () => {
    expect(parseMinutes('2:30')).toEqual({ ok: true, ms: 150_000 });
    expect(parseMinutes('0:45')).toEqual({ ok: true, ms: 45_000 });
  });

  it('explains what is wrong with other input', () => {
    expect(parseMinutes('')).toEqual({ ok: false, error: 'Enter how many minutes the timer should run.' });
    for (const bad of ['abc', '-3', '5 min', '1e3', '2:75', '1.2.3']) {
      const result = parseMinutes(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/as a number/);
    }
  });

  it('refuses zero and anything over 4 hours', () => {
    expect(parseMinutes('0')).toEqual({ ok: false, error: 'The timer needs at least 1 second.' });
    expect(parseMinutes('241')).toEqual({
      ok: false,
      error: 'The timer can run at most 240 minutes (4 hours).',
    });
    expect(parseMinutes('240')).toEqual({ ok: true, ms: 14_400_000 });
  });
});
