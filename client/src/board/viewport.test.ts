import { describe, expect, it } from 'vitest';
import { layerFrame } from '@shared';
import { fitRect, MAX_SCALE, screenToBoard, zoomAt } from './viewport';

describe('viewport', () => {
  it('zooms around the pointer: the board point under it stays put', () => {
    const view = { x: 120, y: -40, scale: 0.5 };
    const pointer = { x: 400, y: 300 };
    const before = screenToBoard(view, pointer);
    const zoomed = zoomAt(view, pointer, 1.7);
    expect(zoomed.scale).toBeCloseTo(0.85);
    const after = screenToBoard(zoomed, pointer);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('never zooms past its limits', () => {
    expect(zoomAt({ x: 0, y: 0, scale: 3 }, { x: 0, y: 0 }, 10).scale).toBe(MAX_SCALE);
  });

  it('fits a layer canvas whole and centred in the screen', () => {
    const frame = layerFrame(2);
    const view = fitRect(frame, 1280, 800, 20);
    const topLeft = { x: frame.x * view.scale + view.x, y: frame.y * view.scale + view.y };
    const bottomRight = { x: topLeft.x + frame.w * view.scale, y: topLeft.y + frame.h * view.scale };
    expect(topLeft.x).toBeGreaterThanOrEqual(20 - 1e-9);
    expect(bottomRight.x).toBeLessThanOrEqual(1260 + 1e-9);
    expect(topLeft.y).toBeGreaterThanOrEqual(0);
    expect(bottomRight.y).toBeLessThanOrEqual(800);
    expect(topLeft.x + bottomRight.x).toBeCloseTo(1280);
  });
});
