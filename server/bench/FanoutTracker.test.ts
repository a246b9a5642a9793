import { describe, expect, it } from 'vitest';
import { FanoutTracker } from './FanoutTracker';

describe('FanoutTracker', () => {
  it('counts each receipt at the other clients of the room, with its latency', () => {
    const docs = new FanoutTracker([3, 2]);
    docs.setMeasuring(true);
    docs.recordSend(1, 0, 0, 100);
    expect(docs.recordReceipt(1, 0, 2, 0, 105)).toBe(true);
    expect(docs.recordReceipt(1, 0, 3, 0, 112)).toBe(true);
    // The sender's own echo, an unknown clock, an unknown sender: not counted.
    expect(docs.recordReceipt(1, 0, 1, 0, 101)).toBe(false);
    expect(docs.recordReceipt(1, 1, 2, 0, 101)).toBe(false);
    expect(docs.recordReceipt(9, 0, 2, 0, 101)).toBe(false);
    const result = docs.result();
    expect(result).toMatchObject({ sent: 1, expected: 2, delivered: 2, duplicates: 0, misrouted: 0 });
    expect(result.latencyMs).toMatchObject({ count: 2, p50: 5, max: 12 });
  });

  it('tells duplicates and receipts in the wrong room apart from deliveries', () => {
    const docs = new FanoutTracker([3, 3]);
    docs.setMeasuring(true);
    docs.recordSend(1, 4, 0, 0);
    docs.recordReceipt(1, 4, 2, 0, 1);
    docs.recordReceipt(1, 4, 3, 0, 1);
    docs.recordReceipt(1, 4, 3, 0, 2);
    docs.recordReceipt(1, 4, 7, 1, 1);
    expect(docs.result()).toMatchObject({ expected: 2, delivered: 2, duplicates: 2, misrouted: 1 });
    expect(docs.result().latencyMs.count).toBe(2);
  });

  it('leaves what was sent outside the window out, and forgets old warm-up sends', () => {
    const docs = new FanoutTracker([2]);
    docs.recordSend(1, 0, 0, 0);
    docs.setMeasuring(true);
    docs.recordSend(1, 2, 0, 5);
    docs.setMeasuring(false);
    docs.recordSend(1, 4, 0, 15_000);
    expect(docs.recordReceipt(1, 0, 2, 0, 7)).toBe(true);
    docs.prune(20_000, 10_000);
    expect(docs.recordReceipt(1, 0, 2, 0, 20_001)).toBe(false);
    expect(docs.recordReceipt(1, 2, 2, 0, 20_001)).toBe(true);
    expect(docs.recordReceipt(1, 4, 2, 0, 20_001)).toBe(true);
    expect(docs.result()).toMatchObject({ sent: 1, expected: 1, delivered: 1 });
  });

  it('counts an awareness state a newer one of the same sender replaced as superseded, per receiver', () => {
    const awareness = new FanoutTracker([3], true);
    awareness.setMeasuring(true);
    for (let seq = 1; seq <= 4; seq++) awareness.recordSend(1, seq, 0, seq);
    // Receiver 2 hears 1 and then 4 (2 and 3 superseded); receiver 3 hears 1, 2, 3 and 4.
    awareness.recordReceipt(1, 1, 2, 0, 10);
    awareness.recordReceipt(1, 4, 2, 0, 10);
    for (let seq = 1; seq <= 4; seq++) awareness.recordReceipt(1, seq, 3, 0, 10);
    // An older state arriving late supersedes nothing.
    awareness.recordReceipt(1, 2, 2, 0, 11);
    expect(awareness.result()).toMatchObject({ sent: 4, expected: 8, delivered: 7, superseded: 1 });
  });

  it('does not count skipped states for documents', () => {
    const docs = new FanoutTracker([2]);
    docs.setMeasuring(true);
    docs.recordSend(1, 0, 0, 0);
    docs.recordSend(1, 2, 0, 0);
    docs.recordReceipt(1, 2, 2, 0, 1);
    expect(docs.result()).toMatchObject({ expected: 2, delivered: 1, superseded: 0 });
  });
});
