/**
 * Redis stream ids are `<ms>-<seq>`: the Redis server's clock when the entry was written, then a
 * counter within that millisecond. Comparing them compares when, by Redis's clock, entries were written.
 */

/**
 * How far back, by Redis's clock, a new subscription starts reading its board's stream. Another node
 * may have relayed an update a moment ago without having stored it yet (it writes within about 50 ms,
 * longer under load); a node loading the board from storage now would otherwise miss it until its
 * next catch-up. Entries read twice change nothing: applying a Yjs update again is a no-op.
 */
export const REPLAY_MS = 2000;

function millisecondsOf(id: string): number {
  const match = /^(\d+)-\d+$/.exec(id);
  if (!match) throw new Error(`not a stream id: ${id}`);
  return Number(match[1]);
}

/** Redis's clock in ms, from its reply to TIME ([seconds, microseconds]). */
export function redisClockMs(time: readonly (string | number)[]): number {
  const [seconds, micros] = time.map(Number);
  if (time.length !== 2 || !Number.isFinite(seconds) || !Number.isFinite(micros)) {
    throw new Error(`not a reply to TIME: ${JSON.stringify(time)}`);
  }
  return seconds! * 1000 + Math.floor(micros! / 1000);
}

/** The id to read on from for a subscription placed at `nowMs` (Redis's clock): REPLAY_MS back. */
export function replayStart(nowMs: number): string {
  return `${Math.max(0, nowMs - REPLAY_MS)}-0`;
}

/** True when stream id `id` was written after `nowMs` by Redis's clock: it belongs to another timeline. */
export function isAheadOf(id: string, nowMs: number): boolean {
  return millisecondsOf(id) > nowMs;
}
