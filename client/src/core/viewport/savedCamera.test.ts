import { describe, expect, it } from 'vitest';
import { cameraOf, loadCamera, MAX_SAVED_CAMERAS, saveCamera, viewOf } from './savedCamera';

/** A Storage in memory, as localStorage behaves. */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

describe('the camera kept per board on this device', () => {
  it('brings back the same place and zoom, centred on a canvas of another size', () => {
    const storage = memoryStorage();
    const view = { x: -1200, y: -3400, scale: 0.8 };
    saveCamera('board-a', cameraOf(view, { width: 1440, height: 800 }), storage);
    const back = viewOf(loadCamera('board-a', storage)!, { width: 1440, height: 800 });
    expect(back.x).toBeCloseTo(view.x);
    expect(back.y).toBeCloseTo(view.y);
    expect(back.scale).toBe(0.8);
    // A wider window shows the same board point in its middle.
    const wide = viewOf(loadCamera('board-a', storage)!, { width: 1920, height: 1000 });
    expect((960 - wide.x) / wide.scale).toBeCloseTo((720 - view.x) / view.scale);
    expect(loadCamera('board-b', storage)).toBeNull();
  });

  it('ignores a corrupt or hostile entry, and forgets the least recently seen boards', () => {
    const storage = memoryStorage();
    storage.setItem(
      'iot-board:cameras',
      '{"x":{"cx":"1","cy":2,"scale":1},"y":{"cx":1e300,"cy":0,"scale":1}}',
    );
    expect(loadCamera('x', storage)).toBeNull();
    expect(loadCamera('y', storage)).toBeNull();
    storage.setItem('iot-board:cameras', 'not json');
    expect(loadCamera('x', storage)).toBeNull();
    for (let i = 0; i <= MAX_SAVED_CAMERAS; i++) saveCamera(`b${i}`, { cx: i, cy: 0, scale: 1 }, storage, i);
    expect(loadCamera('b0', storage)).toBeNull();
    expect(loadCamera(`b${MAX_SAVED_CAMERAS}`, storage)).toEqual({ cx: MAX_SAVED_CAMERAS, cy: 0, scale: 1 });
  });
});
