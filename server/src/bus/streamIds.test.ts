import { describe, expect, it } from 'vitest';
import { isAheadOf, redisClockMs, REPLAY_MS, replayStart } from './streamIds';

describe('stream ids', () => {
  it('reads Redis’s clock from its reply to TIME', () => {
    expect(redisClockMs(['1700000000', '123456'])).toBe(1_700_000_000_123);
    expect(() => redisClockMs(['soon'])).toThrow(/TIME/);
    expect(() => redisClockMs(['1700000000', 'x'])).toThrow(/TIME/);
  });

  it('starts a subscription REPLAY_MS back, never before the first id', () => {
    expect(replayStart(1_700_000_000_000)).toBe(`${1_700_000_000_000 - REPLAY_MS}-0`);
    expect(replayStart(5)).toBe('0-0');
  });

  it('tells an id written after Redis’s clock, as after a restart that set the clock back', () => {
    expect(isAheadOf('1700000000001-0', 1_700_000_000_000)).toBe(true);
    expect(isAheadOf('1700000000000-7', 1_700_000_000_000)).toBe(false);
    expect(isAheadOf('1699999999999-0', 1_700_000_000_000)).toBe(false);
    expect(() => isAheadOf('$', 0)).toThrow(/stream id/);
  });
});
