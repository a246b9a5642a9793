import {
  isAreaId,
  isLayerId,
  type AreaId,
  type FocusTarget,
  type LayerId,
  type Rect,
  type Zone,
} from '@shared';

/**
 * What the room's screen shows: the whole board as the 5 x 6 matrix, one layer's six areas, one area,
 * or (when someone is looking closer than an area, or off the template) the canvas itself at that view.
 */
export type RoomScene =
  | { kind: 'overview' }
  | { kind: 'layer'; layer: LayerId }
  | { kind: 'area'; layer: LayerId; area: AreaId }
  | { kind: 'canvas'; view: Rect };

/**
 * A short name of a scene, for the page (`data-scene`) and as a stable snapshot of it: `overview`,
 * `layer:cloud`, `area:cloud:data` or `canvas:x,y,w,h`.
 */
export function sceneKey(scene: RoomScene): string {
  switch (scene.kind) {
    case 'overview':
      return 'overview';
    case 'layer':
      return `layer:${scene.layer}`;
    case 'area':
      return `area:${scene.layer}:${scene.area}`;
    case 'canvas':
      return `canvas:${scene.view.x},${scene.view.y},${scene.view.w},${scene.view.h}`;
  }
}

/** The scene a `sceneKey` names; the whole board for anything else. */
export function parseSceneKey(key: string): RoomScene {
  const [kind, a, b] = key.split(':');
  if (kind === 'layer' && isLayerId(a)) return { kind, layer: a };
  if (kind === 'area' && isLayerId(a) && isAreaId(b)) return { kind, layer: a, area: b };
  if (kind === 'canvas' && a) {
    const [x, y, w, h] = a.split(',').map(Number) as [number, number, number, number];
    if ([x, y, w, h].every(Number.isFinite)) return { kind, view: { x, y, w, h } };
  }
  return { kind: 'overview' };
}

/** The scene of a facilitator's focus: its area, or its whole layer. */
export function sceneOfFocus(focus: FocusTarget): RoomScene {
  return focus.area
    ? { kind: 'area', layer: focus.layer, area: focus.area }
    : { kind: 'layer', layer: focus.layer };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A layer counts as shown when this much of it is on screen. */
const SHOWN = 0.6;
/** Two layers at least this much on screen: the person is looking at the board as a whole. */
const PARTLY = 0.25;
/** An area is the scene when it fills at least this much of the screen (and is mostly on it). */
const FILLS = 0.3;

/**
 * The scene for what a person's screen shows (their view, in board units): the matrix when it spans
 * layers, a layer when most of one is on screen, an area when one fills the screen, and otherwise the
 * canvas at that view, for a close look or a part of the board outside the template.
 */
export function sceneOfView(view: Rect, zones: readonly Zone[]): RoomScene {
  const viewArea = view.w * view.h;
  if (!(viewArea > 0)) return { kind: 'overview' };
  const shownShare = (zone: Zone) => overlap(view, zone) / (zone.w * zone.h || 1);
  const frames = zones.filter((z) => z.area === null);
  if (frames.filter((f) => shownShare(f) >= PARTLY).length >= 2) return { kind: 'overview' };
  const frame = frames.find((f) => shownShare(f) >= SHOWN);
  if (frame) return { kind: 'layer', layer: frame.layer };
  for (const zone of zones) {
    if (zone.area !== null && shownShare(zone) >= SHOWN && overlap(view, zone) / viewArea >= FILLS) {
      return { kind: 'area', layer: zone.layer, area: zone.area };
    }
  }
  return { kind: 'canvas', view };
}
