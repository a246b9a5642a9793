import { describe, expect, it } from 'vitest';
import { easeToward, JUMP_PX } from './cursorMotion';

describe('easeToward', () => {
  it('moves part of the way each frame and arrives', () => {
    let at = { x: 0, y: 0 };
    const to = { x: 100, y: 0 };
    const first = easeToward(at, to, 16, 1);
    expect(first.x).toBeGreaterThan(0);
    expect(first.x).toBeLessThan(100);
    let frames = 0;
    for (let step = first; !step.settled; step = easeToward(at, to, 16, 1)) {
      at = step;
      frames++;
      expect(frames).toBeLessThan(60);
    }
    expect(frames).toBeGreaterThan(3);
  });

  it('travels as far in two short frames as in one long one', () => {
    const to = { x: 100, y: 50 };
    const once = easeToward({ x: 0, y: 0 }, to, 32, 1);
    const twice = easeToward(easeToward({ x: 0, y: 0 }, to, 16, 1), to, 16, 1);
    expect(twice.x).toBeCloseTo(once.x, 6);
    expect(twice.y).toBeCloseTo(once.y, 6);
  });

  it('jumps across a long distance on screen instead of flying over the board', () => {
    const step = easeToward({ x: 0, y: 0 }, { x: JUMP_PX / 0.5 + 1, y: 0 }, 16, 0.5);
    expect(step).toEqual({ x: JUMP_PX / 0.5 + 1, y: 0, settled: true });
  });

  it('judges arrival on screen: a tiny gap at a far zoom-out is already there', () => {
    expect(easeToward({ x: 0, y: 0 }, { x: 2, y: 0 }, 16, 0.1).settled).toBe(true);
    expect(easeToward({ x: 0, y: 0 }, { x: 2, y: 0 }, 16, 4).settled).toBe(false);
  });
});
