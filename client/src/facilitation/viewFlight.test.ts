import { describe, expect, it } from 'vitest';
import { screenToBoard } from '../core/viewport/viewport';
import { easeInOut, viewBetween } from './viewFlight';

const size = { width: 1000, height: 600 };
const from = { x: 100, y: 50, scale: 0.25 };
const to = { x: -1200, y: -900, scale: 1 };

describe('viewBetween', () => {
  it('starts at the first view and ends at the second', () => {
    expect(viewBetween(from, to, 0, size)).toBe(from);
    expect(viewBetween(from, to, 1, size)).toBe(to);
  });

  it('zooms by the same factor in each half', () => {
    expect(viewBetween(from, to, 0.5, size).scale).toBeCloseTo(0.5);
  });

  it('moves the middle of the screen in a straight line across the board', () => {
    const middle = { x: 500, y: 300 };
    const a = screenToBoard(from, middle);
    const b = screenToBoard(to, middle);
    const half = screenToBoard(viewBetween(from, to, 0.5, size), middle);
    expect(half.x).toBeCloseTo((a.x + b.x) / 2);
    expect(half.y).toBeCloseTo((a.y + b.y) / 2);
  });
});

describe('easeInOut', () => {
  it('starts and ends gently and is half-way at the middle', () => {
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    expect(easeInOut(0.5)).toBeCloseTo(0.5);
    expect(easeInOut(0.1)).toBeLessThan(0.1);
    expect(easeInOut(0.9)).toBeGreaterThan(0.9);
  });
});
