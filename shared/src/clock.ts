/**
 * The offset between this device's clock and the server's, so that a shared timer ends at the same
 * moment on every device whatever their clocks say. One sample is one `GET /api/time`: the local time
 * when it was sent, when the answer arrived, and the server's time in the answer.
 */
export interface ClockSample {
  /** Local clock (ms since epoch) when the request was sent. */
  sentAt: number;
  /** Local clock when the answer arrived. */
  receivedAt: number;
  /** The server's clock in the answer. */
  serverNow: number;
}

export interface ClockOffset {
  /** Add to the local clock to get the server's. */
  offsetMs: number;
  /** The round trip of the sample(s) used: the offset is right to within half of it. */
  roundTripMs: number;
}

/** A round trip longer than this is no measurement of anything useful (a suspended tab, a dead network). */
export const MAX_CLOCK_ROUND_TRIP_MS = 60_000;

function checkSample(sample: ClockSample, index: number): number {
  const where = `clock sample ${index}`;
  for (const key of ['sentAt', 'receivedAt', 'serverNow'] as const) {
    const value = sample?.[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`${where}: ${key} must be a positive time in ms, got ${String(value)}`);
    }
  }
  const roundTrip = sample.receivedAt - sample.sentAt;
  if (roundTrip < 0) {
    throw new Error(`${where}: received ${-roundTrip} ms before it was sent (the local clock jumped)`);
  }
  if (roundTrip > MAX_CLOCK_ROUND_TRIP_MS) {
    throw new Error(`${where}: a round trip of ${roundTrip} ms is too long to measure the clock`);
  }
  return roundTrip;
}

/**
 * Estimates the server clock's offset NTP-style: the server read its clock about half-way through the
 * round trip, so offset = serverNow - (sentAt + receivedAt) / 2. Only the sample(s) with the shortest
 * round trip are used (averaged when several tie), since a long trip is mostly one-sided queueing that
 * would skew the middle. Throws on no samples or an impossible one.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockOffset {
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new Error('estimateClockOffset needs at least one clock sample');
  }
  const roundTrips = samples.map(checkSample);
  const shortest = Math.min(...roundTrips);
  let sum = 0;
  let count = 0;
  samples.forEach((sample, i) => {
    if (roundTrips[i] !== shortest) return;
    sum += sample.serverNow - (sample.sentAt + sample.receivedAt) / 2;
    count++;
  });
  return { offsetMs: sum / count, roundTripMs: shortest };
}

/** The server's clock now, from the local clock and an estimated offset. */
export function serverTime(localNow: number, offset: Pick<ClockOffset, 'offsetMs'>): number {
  return localNow + offset.offsetMs;
}
