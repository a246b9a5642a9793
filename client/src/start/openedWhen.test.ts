import { describe, expect, it } from 'vitest';
import { openedWhen } from './openedWhen';

describe('openedWhen', () => {
  const now = Date.UTC(2025, 2, 10, 12);
  it('says how long ago in words, and a date once it is over a week', () => {
    expect(openedWhen(now - 5_000, now)).toBe('just now');
    expect(openedWhen(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(openedWhen(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(openedWhen(now - 30 * 3_600_000, now)).toBe('yesterday');
    expect(openedWhen(now - 10 * 86_400_000, now)).toBe('Feb 28, 2025');
    // A clock that went back shows "just now", not the future.
    expect(openedWhen(now + 60_000, now)).toBe('just now');
  });
});
