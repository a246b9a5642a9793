import { AREAS, LAYERS, type AreaId, type LayerId } from './framework';

/**
 * The template's geometry, in board units. A layer canvas is 16:9 so that one layer fills a projector
 * screen; the six areas sit in three columns and two rows under the layer's heading band.
 */
export const LAYER_WIDTH = 1920;
export const LAYER_HEIGHT = 1080;
export const LAYER_GAP = 240;
export const LAYER_HEADER = 110;
const PADDING = 40;
const AREA_GAP = 28;
const AREA_COLUMNS = 3;

/** The band at the top of an area zone that holds its name: notes placed for people start below it. */
export const AREA_TITLE_BAND = 44;

export const NOTE_WIDTH = 200;
export const NOTE_HEIGHT = 140;
export const NOTE_MIN_SIZE = 60;
export const NOTE_MAX_SIZE = 1200;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ZoneTemplate extends Rect {
  id: string;
  layer: LayerId;
  area: AreaId | null;
}

/** The key of a zone in the `zones` map: the layer id for a layer's frame, `layer:area` for an area. */
export function zoneKey(layer: LayerId, area: AreaId | null): string {
  return area === null ? layer : `${layer}:${area}`;
}

/** The frame of a layer canvas; layers are stacked top to bottom in framework order. */
export function layerFrame(index: number): Rect {
  return { x: 0, y: index * (LAYER_HEIGHT + LAYER_GAP), w: LAYER_WIDTH, h: LAYER_HEIGHT };
}

/** Every zone of a new board: for each layer its frame, then its six area zones. */
export function templateZones(): ZoneTemplate[] {
  const rows = Math.ceil(AREAS.length / AREA_COLUMNS);
  const areaW = (LAYER_WIDTH - 2 * PADDING - (AREA_COLUMNS - 1) * AREA_GAP) / AREA_COLUMNS;
  const areaH = (LAYER_HEIGHT - LAYER_HEADER - PADDING - (rows - 1) * AREA_GAP) / rows;
  const zones: ZoneTemplate[] = [];
  LAYERS.forEach((layer, i) => {
    const frame = layerFrame(i);
    zones.push({ id: zoneKey(layer.id, null), layer: layer.id, area: null, ...frame });
    AREAS.forEach((area, j) => {
      const col = j % AREA_COLUMNS;
      const row = Math.floor(j / AREA_COLUMNS);
      zones.push({
        id: zoneKey(layer.id, area.id),
        layer: layer.id,
        area: area.id,
        x: frame.x + PADDING + col * (areaW + AREA_GAP),
        y: frame.y + LAYER_HEADER + row * (areaH + AREA_GAP),
        w: areaW,
        h: areaH,
      });
    });
  });
  return zones;
}

/** The smallest rectangle holding all the given ones, or null for none. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.w);
    maxY = Math.max(maxY, r.y + r.h);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}
