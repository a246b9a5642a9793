import { describe, expect, it } from 'vitest';
import { AREA_IDS, LAYER_IDS } from './framework';
import { boundsOf, layerFrame, templateZones, zoneKey, type Rect } from './layout';
import { overlap } from './testing';

const zones = templateZones();
const frames = zones.filter((z) => z.area === null);
const areas = zones.filter((z) => z.area !== null);

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  );
}

describe('templateZones', () => {
  it('lays out 5 layer frames and 30 area zones with ids layer and layer:area', () => {
    expect(zones).toHaveLength(35);
    expect(frames.map((z) => z.id)).toEqual([...LAYER_IDS]);
    expect(areas.map((z) => z.id)).toEqual(LAYER_IDS.flatMap((l) => AREA_IDS.map((a) => `${l}:${a}`)));
    for (const z of zones) expect(z.id).toBe(zoneKey(z.layer, z.area));
    expect(new Set(zones.map((z) => z.id)).size).toBe(35);
  });

  it('makes each layer frame 16:9 so one layer fills a projector screen', () => {
    for (const f of frames) {
      expect(f.w / f.h).toBeCloseTo(16 / 9, 10);
      expect(f).toMatchObject(layerFrame(LAYER_IDS.indexOf(f.layer)));
    }
  });

  it('puts every area zone inside its own layer frame', () => {
    for (const area of areas) {
      const frame = frames.find((f) => f.layer === area.layer)!;
      expect(inside(area, frame), area.id).toBe(true);
      expect(area.w).toBeGreaterThan(0);
      expect(area.h).toBeGreaterThan(0);
    }
  });

  it('keeps the areas of a layer apart, below its heading band', () => {
    for (const layer of LAYER_IDS) {
      const frame = frames.find((f) => f.layer === layer)!;
      const own = areas.filter((a) => a.layer === layer);
      expect(own).toHaveLength(6);
      for (const a of own) expect(a.y).toBeGreaterThan(frame.y);
      for (let i = 0; i < own.length; i++) {
        for (let j = i + 1; j < own.length; j++) {
          expect(overlap(own[i]!, own[j]!), `${own[i]!.id} overlaps ${own[j]!.id}`).toBe(false);
        }
      }
    }
  });

  it('keeps layers apart', () => {
    for (let i = 0; i < frames.length; i++) {
      for (let j = i + 1; j < frames.length; j++) {
        expect(overlap(frames[i]!, frames[j]!), `${frames[i]!.id} overlaps ${frames[j]!.id}`).toBe(false);
      }
    }
  });
});

describe('boundsOf', () => {
  it('is null for nothing and spans all rectangles otherwise', () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 10, y: 20, w: 5, h: 5 },
        { x: -5, y: 30, w: 10, h: 10 },
      ]),
    ).toEqual({ x: -5, y: 20, w: 20, h: 20 });
    expect(boundsOf(frames)).toEqual({ x: 0, y: 0, w: frames[0]!.w, h: frames[4]!.y + frames[4]!.h });
  });
});
