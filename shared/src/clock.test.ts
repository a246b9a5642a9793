import { describe, expect, it } from 'vitest';
import { estimateClockOffset, MAX_CLOCK_ROUND_TRIP_MS, serverTime } from './clock';

const SERVER = 1_700_000_000_000;

/** A sample from a device whose clock is `skew` ms off the server's, with one-way delays `up` and `down`. */
function sample(skew: number, up: number, down: number, at = 0) {
  const sentAt = SERVER + at + skew;
  return { sentAt, receivedAt: sentAt + up + down, serverNow: SERVER + at + up };
}

describe('estimateClockOffset', () => {
  it('finds the offset of a clock that runs behind or ahead, exactly with symmetric delays', () => {
    expect(estimateClockOffset([sample(-90_000, 20, 20)])).toEqual({ offsetMs: 90_000, roundTripMs: 40 });
    expect(estimateClockOffset([sample(3_600_000, 5, 5)])).toEqual({ offsetMs: -3_600_000, roundTripMs: 10 });
  });

  it('trusts the sample with the shortest round trip over slow, lopsided ones', () => {
    const { offsetMs, roundTripMs } = estimateClockOffset([
      sample(-5000, 900, 10, 0),
      sample(-5000, 15, 15, 1000),
      sample(-5000, 10, 1200, 2000),
    ]);
    expect(roundTripMs).toBe(30);
    expect(offsetMs).toBe(5000);
    // A lopsided sample alone is off by half its asymmetry, never more than half its round trip.
    const lopsided = estimateClockOffset([sample(-5000, 900, 10)]);
    expect(Math.abs(lopsided.offsetMs - 5000)).toBeLessThanOrEqual(lopsided.roundTripMs / 2);
    expect(lopsided.offsetMs).toBe(5445);
  });

  it('averages samples that tie for the shortest round trip', () => {
    const { offsetMs } = estimateClockOffset([sample(-1000, 10, 20, 0), sample(-1000, 20, 10, 500)]);
    expect(offsetMs).toBe(1000);
  });

  it('converts the local clock to the server clock', () => {
    const offset = estimateClockOffset([sample(-90_000, 20, 20)]);
    expect(serverTime(SERVER - 90_000 + 1234, offset)).toBe(SERVER + 1234);
  });

  it('rejects no samples and impossible ones with a clear error', () => {
    expect(() => estimateClockOffset([])).toThrow(/at least one clock sample/);
    expect(() => estimateClockOffset([{ sentAt: 10, receivedAt: 5, serverNow: 7 }])).toThrow(
      /sample 0: received 5 ms before it was sent/,
    );
    expect(() =>
      estimateClockOffset([sample(0, 1, 1), { sentAt: NaN, receivedAt: 1, serverNow: 1 }]),
    ).toThrow(/sample 1: sentAt must be a positive time/);
    expect(() => estimateClockOffset([{ sentAt: 1, receivedAt: 2, serverNow: -4 }])).toThrow(/serverNow/);
    expect(() => estimateClockOffset([sample(0, MAX_CLOCK_ROUND_TRIP_MS, 1)])).toThrow(/too long/);
  });
});
