import { describe, expect, it } from 'vitest';
import { TOTAL_FONT_SIZE } from '../core/votes/voteDisplay';
import { voteSize } from './voteSize';

const onScreen = (scale: number, height: number) => TOTAL_FONT_SIZE * voteSize(scale, height) * scale;

describe('voteSize', () => {
  it('keeps the board page size where the totals are large enough on screen already', () => {
    expect(voteSize(2, 1080)).toBe(1);
    expect(voteSize(1.8, 720)).toBe(1);
  });

  it('draws the totals at least as tall as the rail text on a whole layer, at 1080p and 720p', () => {
    // A whole layer fitted to the stage beside the rail: about 0.8 at 1920x1080, 0.53 at 1280x720.
    expect(onScreen(0.8, 1080)).toBeGreaterThanOrEqual(0.024 * 1080);
    expect(onScreen(0.53, 720)).toBeGreaterThanOrEqual(0.024 * 720);
    expect(voteSize(0.8, 1080)).toBe(voteSize(0.53, 720));
  });

  it('moves in quarter steps and stops at three times the size', () => {
    expect((voteSize(0.61, 1080) * 4) % 1).toBe(0);
    expect(voteSize(0.6, 1080)).toBe(voteSize(0.605, 1080));
    expect(voteSize(0.05, 1080)).toBe(3);
  });

  it('falls back to the board page size before the stage is measured', () => {
    expect(voteSize(0.5, 0)).toBe(1);
    expect(voteSize(0, 1080)).toBe(1);
    expect(voteSize(Number.NaN, 1080)).toBe(1);
  });
});
