import type { AreaId, LayerId } from './framework';
import { zoneKey, type Rect } from './layout';
import { freeSpotInZone } from './placement';
import { createProjector } from './projection';
import type { Zone } from './schema';

/** What the facilitator asks everyone to look at: a layer, or one area (cell) of it. */
export interface FocusTarget {
  layer: LayerId;
  area: AreaId | null;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The rectangle a focus points at: the area's zone, or the layer's frame when no area is given; null
 * when the board has no such zone (a board whose template has not arrived yet).
 */
export function focusRect(zones: readonly Zone[], focus: FocusTarget): Rect | null {
  const id = zoneKey(focus.layer, focus.area);
  const zone = zones.find((z) => z.id === id);
  return zone ? { x: zone.x, y: zone.y, w: zone.w, h: zone.h } : null;
}

export interface NotePlacement {
  zones: readonly Zone[];
  /** The notes already on the board (only their rectangles matter). */
  notes: readonly Rect[];
  focus: FocusTarget | null;
  /** Where the person asked for the note: the pointer, the middle of their view, a double-click. */
  at: { x: number; y: number };
  /**
   * True when the person chose the spot with a gesture (a double-click): inside any zone it is kept.
   * False for "add note" from the toolbar or a key, which follow the focus wherever the pointer is.
   */
  explicit: boolean;
  w: number;
  h: number;
}

/**
 * The centre of a new note while the facilitator focuses a layer or area, so that layer-by-layer
 * brainstorming fills the focused canvas. The asked-for spot is kept when it already lies in the focus,
 * or when it was picked explicitly inside another zone (the person means that cell). Otherwise the note
 * goes to a free spot of the focused area; for a whole-layer focus, of the layer's area nearest to the
 * asked-for spot that still has room (so a note never lands in the layer's heading band).
 */
export function placeNoteInFocus(placement: NotePlacement): { x: number; y: number } {
  const { zones, notes, focus, at, explicit, w, h } = placement;
  if (!focus) return at;
  const target = focusRect(zones, focus);
  if (!target) return at;
  const cell = createProjector(zones).placePoint(at.x, at.y);
  if (cell && cell.layer === focus.layer && (focus.area === null || cell.area === focus.area)) return at;
  if (explicit && cell) return at;
  const candidates: Rect[] =
    focus.area !== null
      ? [target]
      : zones
          .filter((z) => z.layer === focus.layer && z.area !== null)
          .sort((a, b) => distance(a, at) - distance(b, at));
  if (candidates.length === 0) candidates.push(target);
  let fallback: { x: number; y: number } | null = null;
  for (const zone of candidates) {
    const spot = freeSpotInZone(zone, notes, w, h);
    const rect = { ...spot, w, h };
    const centre = { x: spot.x + w / 2, y: spot.y + h / 2 };
    if (!notes.some((n) => overlaps(n, rect))) return centre;
    fallback ??= centre;
  }
  return fallback!;
}

function distance(zone: Rect, p: { x: number; y: number }): number {
  return Math.hypot(zone.x + zone.w / 2 - p.x, zone.y + zone.h / 2 - p.y);
}
