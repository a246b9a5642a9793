import { LAYER_IDS, type Horizon, type LayerId } from './framework';
import { createProjector, type Placement } from './projection';
import type { Link, Note, Zone } from './schema';

/**
 * The roadmap: the board's decisions laid out as layers x horizons (now, next, later), with the
 * decisions not yet planned apart, and a warning wherever something is planned before a thing it
 * depends on.
 */

type RoadmapNote = Pick<Note, 'id' | 'x' | 'y' | 'w' | 'h' | 'kind' | 'horizon' | 'text'>;

export interface RoadmapLane {
  layer: LayerId;
  /** Decision ids per horizon, in the order given. */
  byHorizon: Record<Horizon, string[]>;
  /** Decisions of this layer without a horizon. */
  unplanned: string[];
}

/** `note` is planned for `noteHorizon` but depends on `dependency`, planned later (or not at all). */
export interface RoadmapWarning {
  note: string;
  noteHorizon: Horizon;
  dependency: string;
  dependencyHorizon: Horizon | null;
  link: string;
}

export interface Roadmap {
  lanes: RoadmapLane[];
  /** Decisions outside every layer canvas (they have no lane). */
  unplaced: string[];
  warnings: RoadmapWarning[];
}

const ORDER: Readonly<Record<Horizon, number>> = { now: 0, next: 1, later: 2 };

/**
 * Builds the roadmap of the decisions. Dependencies are checked between any two planned notes (not
 * only decisions): a note planned `now` that depends on something planned `next`, or not planned at
 * all, is planned too early.
 */
export function buildRoadmap(
  notes: readonly RoadmapNote[],
  zones: readonly Zone[],
  links: readonly Link[],
  placements?: ReadonlyMap<string, Placement | null>,
): Roadmap {
  const lanes: RoadmapLane[] = LAYER_IDS.map((layer) => ({
    layer,
    byHorizon: { now: [], next: [], later: [] },
    unplanned: [],
  }));
  const byLayer = new Map(lanes.map((lane) => [lane.layer, lane]));
  const unplaced: string[] = [];
  const projector = placements ? null : createProjector(zones);
  for (const note of notes) {
    if (note.kind !== 'decision') continue;
    const placement = placements ? (placements.get(note.id) ?? null) : projector!.placeNote(note);
    const lane = placement ? byLayer.get(placement.layer) : undefined;
    if (!lane) unplaced.push(note.id);
    else if (note.horizon) lane.byHorizon[note.horizon].push(note.id);
    else lane.unplanned.push(note.id);
  }

  const byId = new Map(notes.map((n) => [n.id, n]));
  const warnings: RoadmapWarning[] = [];
  for (const link of links) {
    const dependency = byId.get(link.from);
    const note = byId.get(link.to);
    if (!dependency || !note || !note.horizon || dependency.id === note.id) continue;
    // Only decisions and the risks or questions they hang on are planned; an unplanned idea is no block.
    if (dependency.kind === 'idea' && !dependency.horizon) continue;
    const dependencyOrder = dependency.horizon ? ORDER[dependency.horizon] : Number.POSITIVE_INFINITY;
    if (dependencyOrder > ORDER[note.horizon]) {
      warnings.push({
        note: note.id,
        noteHorizon: note.horizon,
        dependency: dependency.id,
        dependencyHorizon: dependency.horizon,
        link: link.id,
      });
    }
  }
  return { lanes, unplaced, warnings };
}
