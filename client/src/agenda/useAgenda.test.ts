import { describe, expect, it } from 'vitest';
import { formatClock } from '@shared';
import { msToNextShownSecond } from './useAgenda';

/** What the step label's clock shows at `now` for a step ending at `endsAt`. */
function shown(endsAt: number, now: number): string {
  return now < endsAt ? `${formatClock(endsAt - now)} left` : `${formatClock(now - endsAt)} over`;
}

describe('msToNextShownSecond', () => {
  it('wakes just after the label changes, never a second late, before and after the end', () => {
    const endsAt = 100_000;
    for (const now of [90_000, 90_001, 90_999, 99_500, 99_999, 100_000, 100_001, 100_999, 101_000, 104_321]) {
      const wait = msToNextShownSecond(endsAt, now);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(1005);
      // The label differs once the wait is over, and not yet a few ms before it: the wait is not early.
      expect(shown(endsAt, now + wait)).not.toBe(shown(endsAt, now));
      expect(shown(endsAt, now + wait - 6)).toBe(shown(endsAt, now));
    }
  });
});
