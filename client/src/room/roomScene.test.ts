import { describe, expect, it } from 'vitest';
import { layerFrame, templateZones, type Rect, type Zone } from '@shared';
import { parseSceneKey, sceneKey, sceneOfFocus, sceneOfView, type RoomScene } from './roomScene';

const zones = templateZones() as Zone[];
const zone = (id: string) => zones.find((z) => z.id === id)!;
/** A 16:9 screen's view fitted around a rectangle, as a person's "fit" gives it. */
const around = (r: Rect, margin = 40): Rect => {
  const w = Math.max(r.w, (r.h * 16) / 9) + 2 * margin;
  const h = (w * 9) / 16;
  return { x: r.x + r.w / 2 - w / 2, y: r.y + r.h / 2 - h / 2, w, h };
};

describe('sceneOfView', () => {
  it('shows the matrix for a view of the whole board or of two layers', () => {
    expect(sceneOfView({ x: -100, y: -100, w: 9000, h: 7000 }, zones)).toEqual({ kind: 'overview' });
    const two = { x: 0, y: layerFrame(1).y + 500, w: 1920, h: 1400 };
    expect(sceneKey(sceneOfView(two, zones))).toBe('overview');
  });

  it('shows a layer fitted on screen (keys 1 to 5) as that layer', () => {
    expect(sceneKey(sceneOfView(around(layerFrame(3)), zones))).toBe('layer:cloud');
    // A tall window shows a layer with room above and below: still that layer.
    const f = layerFrame(0);
    expect(sceneKey(sceneOfView({ x: 0, y: f.y - 200, w: 1920, h: 1480 }, zones))).toBe('layer:devices');
  });

  it('shows an area zoomed to as that area, and a closer look as the canvas at that view', () => {
    const security = zone('communications:security');
    expect(sceneKey(sceneOfView(around(security), zones))).toBe('area:communications:security');
    const close = { x: security.x + 20, y: security.y + 20, w: 300, h: 170 };
    expect(sceneOfView(close, zones)).toEqual({ kind: 'canvas', view: close });
    const offBoard = { x: 4000, y: 0, w: 1920, h: 1080 };
    expect(sceneOfView(offBoard, zones)).toEqual({ kind: 'canvas', view: offBoard });
  });
});

describe('sceneOfFocus', () => {
  it('is the focused area, or the whole layer', () => {
    expect(sceneKey(sceneOfFocus({ layer: 'cloud', area: null }))).toBe('layer:cloud');
    expect(sceneKey(sceneOfFocus({ layer: 'cloud', area: 'data' }))).toBe('area:cloud:data');
  });
});

describe('sceneKey', () => {
  it('names each scene in a string that parses back to it', () => {
    const scenes: RoomScene[] = [
      { kind: 'overview' },
      { kind: 'layer', layer: 'devices' },
      { kind: 'area', layer: 'cloud', area: 'standards' },
      { kind: 'canvas', view: { x: -10.5, y: 20, w: 300, h: 170 } },
    ];
    for (const scene of scenes) expect(parseSceneKey(sceneKey(scene))).toEqual(scene);
    expect(parseSceneKey('layer:nowhere')).toEqual({ kind: 'overview' });
  });
});
