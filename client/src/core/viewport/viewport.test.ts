import { describe, expect, it } from 'vitest';
import { layerFrame } from '@shared';
import { fitRect, keepViewOnResize, MAX_SCALE, screenToBoard, wheelZoomFactor, zoomAt } from './viewport';

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

  it('zooms by about 1.1 to 1.2x per mouse-wheel notch, in or out, whatever the notch size', () => {
    for (const notch of [100, 120]) {
      expect(wheelZoomFactor(-notch)).toBeGreaterThanOrEqual(1.1);
      expect(wheelZoomFactor(-notch)).toBeLessThanOrEqual(1.2);
      expect(wheelZoomFactor(notch) * wheelZoomFactor(-notch)).toBeCloseTo(1, 12);
    }
    // Firefox reports a notch as 3 lines; some mice as a page.
    expect(wheelZoomFactor(-3, 1)).toBeLessThanOrEqual(1.2);
    expect(wheelZoomFactor(1, 2)).toBeGreaterThanOrEqual(1 / 1.2);
    // Three notches from 11%: 11 -> 31 -> 85 -> 231% was the complaint; now about 17%.
    let scale = 0.11;
    for (let i = 0; i < 3; i++) scale *= wheelZoomFactor(-100);
    expect(scale).toBeLessThan(0.18);
  });

  it('zooms in proportion to small deltas (a trackpad or a pinch), so a gesture is smooth', () => {
    expect(wheelZoomFactor(0)).toBe(1);
    expect(Math.log(wheelZoomFactor(-2))).toBeCloseTo(2 * Math.log(wheelZoomFactor(-1)), 12);
    expect(Math.log(wheelZoomFactor(-0.5))).toBeCloseTo(Math.log(wheelZoomFactor(-1)) / 2, 12);
    expect(wheelZoomFactor(-1.5)).toBeGreaterThan(1);
    expect(wheelZoomFactor(1.5)).toBeLessThan(1);
    // A pinch's many small events add up to what the fingers did: 20 events of 1 px zoom like one of 20.
    expect(wheelZoomFactor(-1) ** 20).toBeCloseTo(wheelZoomFactor(-20 * 0.5) ** 2, 12);
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

describe('keepViewOnResize', () => {
  const wide = { width: 1440, height: 800 };
  const docked = { width: 1080, height: 800 };

  it('keeps everything that was in view in view when a panel takes part of the canvas', () => {
    const frame = layerFrame(2);
    const view = fitRect(frame, wide.width, wide.height);
    const next = keepViewOnResize(view, wide, docked);
    // The layer was whole on screen, and still is, on the smaller canvas.
    const left = frame.x * next.scale + next.x;
    const right = (frame.x + frame.w) * next.scale + next.x;
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(docked.width);
    // The same board point in the middle.
    const before = screenToBoard(view, { x: wide.width / 2, y: wide.height / 2 });
    const after = screenToBoard(next, { x: docked.width / 2, y: docked.height / 2 });
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('gives back the chosen view when the panel closes, and never zooms in past it', () => {
    const view = { x: -300, y: -1200, scale: 0.7 };
    const back = keepViewOnResize(view, wide, wide);
    expect(back.x).toBeCloseTo(view.x);
    expect(back.y).toBeCloseTo(view.y);
    expect(back.scale).toBe(view.scale);
    // Chosen beside a panel, then the panel closes: the same zoom, more of the board around it.
    const grown = keepViewOnResize(view, docked, wide);
    expect(grown.scale).toBe(view.scale);
    const before = screenToBoard(view, { x: docked.width / 2, y: docked.height / 2 });
    const after = screenToBoard(grown, { x: wide.width / 2, y: wide.height / 2 });
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('leaves the view alone while the canvas is hidden (no size)', () => {
    const view = { x: 10, y: 20, scale: 1 };
    expect(keepViewOnResize(view, wide, { width: 0, height: 0 })).toBe(view);
    expect(keepViewOnResize(view, { width: 0, height: 0 }, wide)).toBe(view);
  });
});
