import { describe, expect, it } from 'vitest';
import { cacheRatio, MAX_CACHED_PIXELS } from './templateCache';

describe('cacheRatio', () => {
  it('follows the screen pixels per board unit, in powers of two', () => {
    expect(cacheRatio(1, 1, 1920, 1088)).toBe(1);
    expect(cacheRatio(0.3, 1, 1920, 1088)).toBe(0.25);
    expect(cacheRatio(0.4, 1, 1920, 1088)).toBe(0.5);
    expect(cacheRatio(0.25, 2, 1920, 1088)).toBe(0.5);
    expect(cacheRatio(0.06, 1, 1920, 1088)).toBe(0.0625);
  });

  it('does not cache at a zoom whose bitmap would be too large', () => {
    expect(cacheRatio(2, 1, 1920, 1088)).toBeNull();
    expect(cacheRatio(1, 2, 1920, 1088)).toBeNull();
    const ratio = cacheRatio(1, 1, 1920, 1088)!;
    expect(1920 * 1088 * ratio * ratio).toBeLessThanOrEqual(MAX_CACHED_PIXELS);
  });
});
