import { describe, expect, it } from 'vitest';
import { percentile, ratio, summarize } from './stats';

describe('percentile', () => {
  it('picks the nearest rank, a sample that really occurred', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([10, 20], 99)).toBe(20);
  });

  it('handles the edges', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([1, 2, 3], 100)).toBe(3);
  });
});

describe('summarize', () => {
  it('sorts numerically without changing its input', () => {
    const samples = [10, 9, 100, 1, 2];
    const summary = summarize(samples);
    expect(samples).toEqual([10, 9, 100, 1, 2]);
    expect(summary).toMatchObject({ count: 5, p50: 9, p99: 100, max: 100, mean: 24.4 });
  });

  it('reports no samples as NaN, not zero', () => {
    const summary = summarize([]);
    expect(summary.count).toBe(0);
    expect(summary.p99).toBeNaN();
  });
});

describe('ratio', () => {
  it('divides ours by the reference and refuses to divide by nothing', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });
});
