import { API_TIME_PATH, estimateClockOffset, type ServerTime } from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBench } from './testing';

let bench: TestBench;
beforeEach(async () => {
  bench = await new TestBench().start();
});
afterEach(async () => {
  await bench.dispose();
});

describe('GET /api/time', () => {
  it("answers the server's clock, uncached, without a token", async () => {
    const sentAt = Date.now();
    const res = await fetch(`${bench.url}${API_TIME_PATH}`);
    const receivedAt = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as ServerTime;
    expect(Object.keys(body)).toEqual(['now']);
    expect(body.now).toBeGreaterThanOrEqual(sentAt);
    expect(body.now).toBeLessThanOrEqual(receivedAt);
    // The same clock: the offset a client estimates from it is within the round trip.
    const { offsetMs, roundTripMs } = estimateClockOffset([{ sentAt, receivedAt, serverNow: body.now }]);
    expect(Math.abs(offsetMs)).toBeLessThanOrEqual(roundTripMs / 2);
  });

  it('answers HEAD and refuses other methods', async () => {
    expect((await fetch(`${bench.url}${API_TIME_PATH}`, { method: 'HEAD' })).status).toBe(200);
    const post = await fetch(`${bench.url}${API_TIME_PATH}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
