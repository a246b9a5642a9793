import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServerClock } from './ServerClock';

/** A device whose clock runs `skew` ms ahead of the server's, with answers taking `delays[i]` ms. */
function device(skew: number, delays: number[]) {
  let local = 1_700_000_000_000 + skew;
  let call = 0;
  const fetchServerNow = vi.fn(async () => {
    const delay = delays[call++ % delays.length]!;
    // The server reads its clock half-way through the round trip.
    local += delay / 2;
    const serverNow = local - skew;
    local += delay / 2;
    return serverNow;
  });
  return { fetchServerNow, localNow: () => local, advance: (ms: number) => (local += ms) };
}

describe('ServerClock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads the local clock until the first estimate arrives', () => {
    const d = device(90_000, [20]);
    const clock = new ServerClock(d);
    expect(clock.now()).toBe(d.localNow());
    expect(clock.getOffset()).toBeNull();
  });

  it('corrects a device clock that runs 90 s fast, using the shortest round trip', async () => {
    const d = device(90_000, [400, 30, 250, 900, 60]);
    const clock = new ServerClock(d);
    await clock.sync();
    expect(d.fetchServerNow).toHaveBeenCalledTimes(5);
    expect(clock.getOffset()).toEqual({ offsetMs: -90_000, roundTripMs: 30 });
    expect(clock.now()).toBe(d.localNow() - 90_000);
  });

  it('corrects a slow clock too, and notifies subscribers of each estimate', async () => {
    const d = device(-45_500, [10]);
    const clock = new ServerClock({ ...d, samples: 2 });
    const listener = vi.fn();
    clock.subscribe(listener);
    const before = clock.getVersion();
    await clock.sync();
    expect(clock.now()).toBe(d.localNow() + 45_500);
    expect(listener).toHaveBeenCalledOnce();
    expect(clock.getVersion()).not.toBe(before);
  });

  it('skips failed answers and keeps the last good estimate when every answer fails', async () => {
    const d = device(5_000, [20]);
    let failing = false;
    const fetchServerNow = async () => {
      if (failing) throw new Error('offline');
      return d.fetchServerNow();
    };
    const clock = new ServerClock({ ...d, fetchServerNow, samples: 3 });
    await clock.sync();
    expect(clock.getOffset()?.offsetMs).toBe(-5_000);
    failing = true;
    await clock.sync();
    expect(clock.getOffset()?.offsetMs).toBe(-5_000);
    expect(clock.getError()).toBe('offline');
  });

  it('ignores an answer that came back before it was sent (the local clock jumped back)', async () => {
    let local = 1_700_000_000_000;
    let call = 0;
    const clock = new ServerClock({
      samples: 2,
      localNow: () => local,
      fetchServerNow: async () => {
        call++;
        // First answer: the device clock is set back an hour mid-request.
        local += call === 1 ? -3_600_000 : 40;
        return 1_700_000_100_000;
      },
    });
    await clock.sync();
    expect(clock.getOffset()?.roundTripMs).toBe(40);
  });

  it('shares one measurement between concurrent calls', async () => {
    const d = device(0, [10]);
    const clock = new ServerClock({ ...d, samples: 3 });
    await Promise.all([clock.sync(), clock.sync()]);
    expect(d.fetchServerNow).toHaveBeenCalledTimes(3);
  });

  it('measures again every resync interval while started, and stops when stopped', async () => {
    const d = device(1_000, [10]);
    const clock = new ServerClock({ ...d, samples: 1, resyncMs: 60_000 });
    clock.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(d.fetchServerNow).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(d.fetchServerNow).toHaveBeenCalledTimes(2);
    clock.stop();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(d.fetchServerNow).toHaveBeenCalledTimes(2);
  });
});
