import { describe, expect, it } from 'vitest';
import { formatTimebox, parseTimebox } from './stepTime';

describe('parseTimebox', () => {
  it('reads minutes and clocks', () => {
    expect(parseTimebox('7')).toBe(420_000);
    expect(parseTimebox(' 2.5 ')).toBe(150_000);
    expect(parseTimebox('0:05')).toBe(5_000);
    expect(parseTimebox('12:30')).toBe(750_000);
    expect(parseTimebox('1:05:00')).toBe(3_900_000);
  });

  it('refuses what is not a time', () => {
    for (const text of ['', 'abc', '5 min', '1:75', '1:60:00', '-3', '1:5', ':30'])
      expect(parseTimebox(text)).toBeNull();
  });

  it('reads back what it shows', () => {
    for (const ms of [5_000, 420_000, 3_900_000]) expect(parseTimebox(formatTimebox(ms))).toBe(ms);
  });
});
