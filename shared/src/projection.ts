import type { AreaId, LayerId } from './framework';
import type { Note, Zone } from './schema';

/** Where a note sits in the 5 x 6 model. `area` is null inside a layer's frame but outside its areas. */
export interface Placement {
  layer: LayerId;
  area: AreaId | null;
}

function contains(zone: Zone, x: number, y: number): boolean {
  // Half-open on the right and bottom, so a point on an edge shared by two zones belongs to one only.
  return x >= zone.x && x < zone.x + zone.w && y >= zone.y && y < zone.y + zone.h;
}

/**
 * Orders zones so the first one containing a point is the one it belongs to: area zones before layer
 * frames, then the smaller zone first (a zone nested inside another wins), then by id.
 */
function precedence(a: Zone, b: Zone): number {
  if ((a.area === null) !== (b.area === null)) return a.area === null ? 1 : -1;
  const size = a.w * a.h - b.w * b.h;
  if (size !== 0) return size;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A projector of notes onto a fixed set of zones; build it once per change of zones. */
export interface Projector {
  /** The cell a point falls in, or null outside every zone. */
  placePoint(x: number, y: number): Placement | null;
  /** The cell a note's centre falls in, or null when the note is unplaced. */
  placeNote(note: Pick<Note, 'x' | 'y' | 'w' | 'h'>): Placement | null;
}

/** Builds a projector for these zones. */
export function createProjector(zones: readonly Zone[]): Projector {
  const ordered = [...zones].sort(precedence);
  // One frozen placement per zone, shared by every note in it: projecting thousands of notes allocates
  // nothing, and callers can key caches on the placement object itself.
  const placements = ordered.map((zone) => Object.freeze({ layer: zone.layer, area: zone.area }));
  const placePoint = (x: number, y: number): Placement | null => {
    for (let i = 0; i < ordered.length; i++) {
      if (contains(ordered[i]!, x, y)) return placements[i]!;
    }
    return null;
  };
  return {
    placePoint,
    placeNote: (note) => placePoint(note.x + note.w / 2, note.y + note.h / 2),
  };
}

/** The placement of every note, by note id; unplaced notes map to null. */
export function projectNotes(
  notes: readonly Pick<Note, 'id' | 'x' | 'y' | 'w' | 'h'>[],
  zones: readonly Zone[],
): Map<string, Placement | null> {
  const projector = createProjector(zones);
  return new Map(notes.map((note) => [note.id, projector.placeNote(note)]));
}
